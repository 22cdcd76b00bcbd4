/**
 * worker_threads entry for OCR: renders pages of the document it was handed (renderPage.ts) and
 * recognises them with tesseract.js, one page per request, so neither the rendering nor the
 * recognition runs on the core's event loop. tesseract.js runs its WASM engine in a thread of its
 * own, started from here; terminating this worker ends it too (that is how a page is cancelled).
 */
import { parentPort } from 'node:worker_threads';
import { createWorker, OEM, type Worker as TessWorker } from 'tesseract.js';
import { ocrPageText, type TessBlock } from './ocrText';
import type { OcrOptions, OcrPageResult, OcrWorkerReply, OcrWorkerRequest } from './ocrTypes';
import { openPdf, type OpenedPdf } from './renderPage';

const port = parentPort;
if (!port) throw new Error('ocrWorker must run in a worker thread');

// pdf.js reports what it could not draw only as console warnings ("Warning: Unable to decode
// image …"); collect them per page instead of printing them (this thread's console is its own).
const pdfWarnings: string[] = [];
const printWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) pdfWarnings.push(args[0].slice(9));
  else printWarn(...args);
};
const IMAGE_FAILURE = /unable to decode image|JpxError|JpegError|Jbig2Error|CCITT/i;

let doc: { key: string; pdf: Promise<OpenedPdf> } | undefined;
let engine: { key: string; worker: Promise<TessWorker> } | undefined;
// One page at a time: the render of the next page must not compete with the recognition of this one.
let queue: Promise<unknown> = Promise.resolve();

function tesseract(o: OcrOptions): Promise<TessWorker> {
  const key = `${o.lang}|${o.langPath}`;
  if (engine?.key !== key) {
    const old = engine;
    // cacheMethod 'none': read the traineddata from langPath every start and never write a copy
    // (or fetch one): langPath is a local folder, so tesseract.js reads it from disk.
    engine = { key, worker: createWorker(o.lang, OEM.LSTM_ONLY, { langPath: o.langPath, cacheMethod: 'none', gzip: true }) };
    void old?.worker.then((w) => w.terminate()).catch(() => {});
  }
  return engine.worker;
}

async function recognise(docKey: string, page: number, o: OcrOptions): Promise<OcrPageResult> {
  if (!doc || doc.key !== docKey) throw new Error('document not open in this OCR worker');
  const pdf = await doc.pdf;
  let image: Awaited<ReturnType<OpenedPdf['render']>>;
  pdfWarnings.length = 0;
  try {
    image = await pdf.render(page, o.dpi);
  } catch (e) {
    return { page, text: '', words: [], confidence: null, width: 0, height: 0, dpi: o.dpi, error: `page could not be rendered: ${e instanceof Error ? e.message : String(e)}` };
  }
  const worker = await tesseract(o);
  const r = await worker.recognize(Buffer.from(image.pgm.buffer, image.pgm.byteOffset, image.pgm.byteLength), {}, { text: false, blocks: true });
  const built = ocrPageText(r.data.blocks as unknown as TessBlock[], image.width, image.height);
  const undecoded = pdfWarnings.find((w) => IMAGE_FAILURE.test(w));
  // Nothing read and an image was skipped: say why, rather than report a blank page.
  if (undecoded && !built.words.length) return { page, text: '', words: [], confidence: null, width: image.width, height: image.height, dpi: o.dpi, error: `image could not be decoded (${undecoded.replace(/\.$/, '')})` };
  return { page, ...built, width: image.width, height: image.height, dpi: o.dpi };
}

port.on('message', (req: OcrWorkerRequest) => {
  if (req.type === 'open') {
    const old = doc;
    doc = { key: req.docKey, pdf: openPdf(new Uint8Array(req.data)) };
    doc.pdf.catch(() => {}); // reported by the first page request
    void old?.pdf.then((p) => p.close()).catch(() => {});
    return;
  }
  queue = queue.then(() =>
    recognise(req.docKey, req.page, req.options).then(
      (result) => port.postMessage({ type: 'page', id: req.id, result } satisfies OcrWorkerReply),
      (e: unknown) => port.postMessage({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) } satisfies OcrWorkerReply)
    )
  );
});
port.postMessage({ type: 'ready' } satisfies OcrWorkerReply);
