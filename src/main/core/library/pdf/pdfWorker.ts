/**
 * worker_threads entry: parses one PDF per request with extract.ts and streams meta/pages back,
 * so a 700-page manual never blocks the core's event loop. Cancellation = the parent terminates us.
 */
import { parentPort } from 'node:worker_threads';
// Must stay the first local import: it captures natives before pdf-parse (pdf.js) loads.
import { restoreNativePush } from './nativeArrayPush';
import { extractPdf, PdfExtractError } from './extract';
import { installImageProbe } from './imageProbe';
import { loadPdfParse } from './loadPdfjs';
import { installPatchedPdfjsWorker } from './pdfjsPatch';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

restoreNativePush();
const imageProbe = installImageProbe();
// Loads pdf.js now, both halves (the worker half patched for speed, see pdfjsPatch.ts), rather
// than on first open: a warmed worker (PdfParser.warm) then reads the first page count at once.
const pdfjs = installPatchedPdfjsWorker()
  .then(async (status) => {
    await loadPdfParse().catch(() => {}); // a failure shows on the first open, as before
    return status;
  })
  .finally(restoreNativePush);

const port = parentPort;
if (!port) throw new Error('pdfWorker must run in a worker thread');

port.on('message', (req: WorkerRequest) => {
  const send = (msg: WorkerReply) => port.postMessage(msg);
  const counter = req.share ? new Int32Array(req.share.counter) : undefined;
  extractPdf(new Uint8Array(req.data), {
    password: req.password,
    maxPages: req.maxPages,
    maxStreamBytes: req.maxStreamBytes,
    claimPage: counter ? () => Atomics.add(counter, 0, 1) : undefined,
    skipMeta: req.share?.role === 'helper',
    imageProbe,
    afterLoad: restoreNativePush, // pdf.worker.mjs (loaded lazily on first open) patches push again
    onMeta: (meta) => send({ id: req.id, type: 'meta', meta }),
    onPage: (page) => send({ id: req.id, type: 'page', page })
  }).then(
    () => send({ id: req.id, type: 'done' }),
    (e: unknown) =>
      send({
        id: req.id,
        type: 'error',
        kind: e instanceof PdfExtractError ? e.kind : 'damaged',
        message: e instanceof Error ? e.message : String(e)
      })
  );
});
void pdfjs.then((status) => port.postMessage({ id: 0, type: 'ready', pdfjs: status } satisfies WorkerReply));
