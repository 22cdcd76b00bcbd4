/**
 * pdf.js setup for the renderer. The worker is bundled by Vite (`?url` import) and loaded from our
 * own origin, which the CSP allows (worker-src 'self' blob:). Same pdfjs-dist version as pdf-parse
 * in the core, so the text items we highlight are the items the core extracted.
 */
import { GlobalWorkerOptions, getDocument, TextLayer, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export { TextLayer };
export type { PDFDocumentProxy };

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // isEvalSupported: false — no eval even for PostScript functions (our CSP forbids it anyway).
  return getDocument({ data: bytes, isEvalSupported: false }).promise;
}
