/**
 * Tesseract's block → paragraph → line → word tree to page text with a box per word.
 * Lines end with '\n' and paragraphs with a blank line, so the chunker sees the same shapes as
 * in a text PDF; every word keeps its offsets into that text, which is how a cited passage
 * (chunk charStart..charEnd) maps back to boxes on the scanned image.
 */
import type { OcrWord } from './ocrTypes';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TessWord {
  text: string;
  confidence: number;
  bbox: Box;
}
export interface TessBlock {
  paragraphs: Array<{ lines: Array<{ words: TessWord[] }> }>;
}

/** Words tesseract reports with this confidence or less are mostly speckles read as letters. */
const NOISE_CONFIDENCE = 20;

export function ocrPageText(blocks: readonly TessBlock[] | null | undefined, width: number, height: number): { text: string; words: OcrWord[]; confidence: number | null } {
  let text = '';
  const words: OcrWord[] = [];
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs) {
      let paraHasText = false;
      for (const line of para.lines) {
        let lineHasText = false;
        for (const w of line.words) {
          const t = w.text.trim();
          if (!t || isNoise(t, w.confidence)) continue;
          if (lineHasText) text += ' ';
          const start = text.length;
          text += t;
          words.push({
            start,
            end: text.length,
            x0: round(w.bbox.x0 / width),
            y0: round(w.bbox.y0 / height),
            x1: round(w.bbox.x1 / width),
            y1: round(w.bbox.y1 / height),
            conf: Math.round(w.confidence)
          });
          lineHasText = true;
        }
        if (lineHasText) {
          text += '\n';
          paraHasText = true;
        }
      }
      if (paraHasText) text += '\n';
    }
  }
  const confidence = words.length ? Math.round((words.reduce((s, w) => s + w.conf, 0) / words.length) * 10) / 10 : null;
  return { text: text.trimEnd(), words, confidence };
}

/** A low-confidence "word" without a letter or digit run is scan noise, not text worth indexing. */
function isNoise(t: string, confidence: number): boolean {
  return confidence <= NOISE_CONFIDENCE && !/[\p{L}\p{N}]{2}/u.test(t);
}

const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
