/**
 * Shapes shared by the OCR worker, its pool and the import pipeline. Word boxes are stored as
 * fractions of the page (0..1, origin top-left) so the viewer can lay them over the page at any zoom.
 */

export interface OcrWord {
  /** Offsets of the word in the page text built from the recognition (see ocrText.ts). */
  start: number;
  end: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Tesseract's word confidence, 0-100. */
  conf: number;
}

export interface OcrPageResult {
  page: number;
  text: string;
  words: OcrWord[];
  /** Mean word confidence (0-100); null when no word was found. */
  confidence: number | null;
  /** Rendered image size in pixels. */
  width: number;
  height: number;
  dpi: number;
  /** The page could not be rendered or recognised (e.g. an image format pdf.js can't decode). */
  error?: string;
}

export interface OcrOptions {
  /** Tesseract language code(s), '+'-joined ("eng", "eng+deu"). */
  lang: string;
  /** Folder holding `<lang>.traineddata.gz` (see ocrEngine.ts resolveLangPath). */
  langPath: string;
  dpi: number;
}

/** Parent → worker. `open` hands over a document's bytes (transferred); pages then refer to it. */
export type OcrWorkerRequest =
  | { type: 'open'; docKey: string; data: ArrayBuffer }
  | { type: 'page'; id: number; docKey: string; page: number; options: OcrOptions };

/** Worker → parent. */
export type OcrWorkerReply =
  | { type: 'ready' }
  | { type: 'page'; id: number; result: OcrPageResult }
  | { type: 'error'; id: number; message: string };
