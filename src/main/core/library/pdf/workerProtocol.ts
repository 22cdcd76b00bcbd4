import type { PdfFailureKind, PdfMeta, PdfPage } from './extract';
import type { PdfjsPatchStatus } from './pdfjsPatch';

/** Parent → worker: parse these bytes (the ArrayBuffer is transferred, not copied). */
export interface WorkerRequest {
  id: number;
  data: ArrayBuffer;
  password?: string;
  maxPages?: number;
  maxStreamBytes?: number;
  /**
   * Shared parse: workers claim pages with Atomics.add on this Int32 counter (next page, 1-based),
   * so a long manual is split between them page by page. A helper skips the metadata.
   */
  share?: { counter: SharedArrayBuffer; role: 'primary' | 'helper' };
}

/** Worker → parent, streamed per request; `ready` (id 0) once the worker has loaded pdf.js. */
export type WorkerReply =
  | { id: number; type: 'ready'; pdfjs: PdfjsPatchStatus }
  | { id: number; type: 'meta'; meta: PdfMeta }
  | { id: number; type: 'page'; page: PdfPage }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; kind: PdfFailureKind; message: string };
