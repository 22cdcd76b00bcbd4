/**
 * Renders one PDF page to an 8-bit grayscale PGM image for tesseract, with pdf.js (via
 * pdf-parse) drawing into @napi-rs/canvas. PGM because leptonica reads it without decoding and
 * we skip PNG compression (~150 ms a page at 300 dpi); grayscale because tesseract binarises
 * anyway and it is a quarter of the bytes to copy into the WASM heap.
 */
import { loadPdfParse } from '../pdf/loadPdfjs';

/* eslint-disable @typescript-eslint/no-explicit-any -- pdf.js proxies are loosely typed through pdf-parse */
export interface OpenedPdf {
  numPages: number;
  render(page: number, dpi: number): Promise<{ pgm: Uint8Array; width: number; height: number }>;
  close(): Promise<void>;
}

/** Pages larger than this many pixels are rendered at a lower DPI (a poster page at 300 dpi is gigabytes). */
const MAX_PIXELS = 40_000_000;

export async function openPdf(data: Uint8Array): Promise<OpenedPdf> {
  // verbosity 1 (warnings): an image pdf.js can't decode is skipped with only a warning, which the
  // OCR worker turns into a per-page error (see ocrWorker.ts).
  const { PDFParse } = await loadPdfParse();
  const parser = new PDFParse({ data, verbosity: 1, isEvalSupported: false } as any);
  const doc: any = await (parser as unknown as { load(): Promise<any> }).load();
  return {
    numPages: doc.numPages,
    async render(n, dpi) {
      const page = await doc.getPage(n);
      try {
        const base = page.getViewport({ scale: 1 });
        let scale = dpi / 72;
        const pixels = base.width * base.height * scale * scale;
        if (pixels > MAX_PIXELS) scale *= Math.sqrt(MAX_PIXELS / pixels);
        const viewport = page.getViewport({ scale });
        const width = Math.ceil(viewport.width);
        const height = Math.ceil(viewport.height);
        const cc = doc.canvasFactory.create(width, height);
        try {
          // Scans often have transparent regions; tesseract wants dark text on white.
          cc.context.fillStyle = '#ffffff';
          cc.context.fillRect(0, 0, width, height);
          await page.render({ canvasContext: cc.context, viewport, canvas: cc.canvas }).promise;
          const rgba: Uint8ClampedArray = cc.context.getImageData(0, 0, width, height).data;
          return { pgm: toPgm(rgba, width, height), width, height };
        } finally {
          doc.canvasFactory.destroy(cc);
        }
      } finally {
        page.cleanup();
      }
    },
    async close() {
      await parser.destroy().catch(() => {});
    }
  };
}

/** RGBA → binary PGM (P5), luminance with integer BT.601 weights. */
export function toPgm(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header, 0);
  for (let i = 0, o = header.length; i < width * height; i++, o++) {
    const p = i * 4;
    out[o] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
  }
  return out;
}
