/**
 * The cited passage on a scanned (OCR'd) page: the page text came from OCR, every word of it has
 * a box on the page image, so the passage `[charStart, charEnd)` is highlighted by the boxes of
 * the words it overlaps, merged per line so a highlighted line reads as one band.
 */
import type { OcrWordDto } from '../../../../shared/contract/library';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function wordsInRange(words: readonly OcrWordDto[], charStart: number, charEnd: number): OcrWordDto[] {
  return words.filter((w) => w.end > charStart && w.start < charEnd);
}

/** Consecutive words on one line (vertical overlap) become one box. */
export function highlightBoxes(words: readonly OcrWordDto[], charStart: number, charEnd: number): Box[] {
  const out: Box[] = [];
  for (const w of wordsInRange(words, charStart, charEnd)) {
    const last = out[out.length - 1];
    const sameLine = last && w.x0 >= last.x0 && Math.min(last.y1, w.y1) - Math.max(last.y0, w.y0) > 0.5 * Math.min(last.y1 - last.y0, w.y1 - w.y0);
    if (sameLine) {
      last.x1 = Math.max(last.x1, w.x1);
      last.y0 = Math.min(last.y0, w.y0);
      last.y1 = Math.max(last.y1, w.y1);
    } else out.push({ x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1 });
  }
  return out;
}

/** Area of the intersection of two boxes (same units). */
export function intersection(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
}
