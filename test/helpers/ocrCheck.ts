/**
 * Independent checks for OCR word boxes: the word positions of a text PDF (pdf.js text items),
 * or of a scan page as the tesseract command-line tool sees it (TSV output), as fractions of the
 * page, to test that the app's highlight boxes sit on the words they claim to be.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import type { Box } from '../../src/renderer/src/features/viewer/ocrBoxes';

export interface PlacedText extends Box {
  text: string;
}

/** Text items (lines in our fixtures) of one page of a text PDF, boxes as page fractions. */
export async function textItemBoxes(pdf: Uint8Array, page: number): Promise<PlacedText[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf), verbosity: 0 });
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pdf.js proxy behind pdf-parse
    const doc: any = await (parser as unknown as { load(): Promise<unknown> }).load();
    const p = await doc.getPage(page);
    const vp = p.getViewport({ scale: 1 });
    const content = await p.getTextContent();
    return (content.items as Array<{ str: string; transform: number[]; width: number; height: number }>)
      .filter((it) => it.str.trim())
      .map((it) => {
        const [, , , , x, y] = it.transform;
        return { text: it.str, x0: x / vp.width, x1: (x + it.width) / vp.width, y0: 1 - (y + it.height) / vp.height, y1: 1 - y / vp.height };
      });
  } finally {
    await parser.destroy();
  }
}

export function toolAvailable(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Words of one page of a PDF as the tesseract CLI reads them (page rendered by poppler's pdftoppm at `dpi`). */
export function cliWordBoxes(pdfPath: string, page: number, dpi = 200): PlacedText[] {
  const dir = mkdtempSync(join(tmpdir(), 'ocr-cli-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-gray', pdfPath, join(dir, 'p')]);
    const pgm = join(dir, 'p.pgm');
    const [, dims] = readFileSync(pgm).subarray(0, 40).toString('latin1').split('\n');
    const [w, h] = dims.split(' ').map(Number);
    const tsv = execFileSync('tesseract', [pgm, '-', 'tsv'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return tsv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((c) => c[0] === '5' && c[11]?.trim())
      .map((c) => {
        const [left, top, width, height] = c.slice(6, 10).map(Number);
        return { text: c[11], x0: left / w, y0: top / h, x1: (left + width) / w, y1: (top + height) / h };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
