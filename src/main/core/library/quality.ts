/**
 * Ingestion quality report per document, shown to admins: which pages will not answer anything
 * (no text, scans, garbled encodings), which are duplicates, and which are table-heavy (their
 * extracted reading order is least trustworthy).
 */
import { createHash } from 'node:crypto';
import { isTableLine } from './chunker';

/** What OCR did to a document's pages (filled by ocr/ocrStep.ts, kept in the quality report). */
export interface OcrSummary {
  /** Pages whose text now comes from OCR (recognised now or earlier). */
  pages: number[];
  meanConfidence: number | null;
  /** Recognised pages whose mean word confidence is under LOW_CONFIDENCE. */
  lowConfidencePages: number[];
  /** Recognised, but no text found (blank scans). */
  noTextPages: number[];
  /** Pages that could not be rendered/recognised, with the reason. */
  failedPages: Array<{ page: number; error: string }>;
  /** Pages that still need OCR (the run was cancelled before them). */
  pendingPages: number[];
}

export interface QualityReport {
  pageCount: number;
  /** Pages with no extractable text at all (blank or scanned). */
  pagesWithoutText: number[];
  /** Subset of pagesWithoutText that paint images: scans needing OCR. */
  imageOnlyPages: number[];
  /** Pages whose text is mostly non-letter glyphs (broken font encodings). */
  garbledPages: number[];
  /** Pages whose text repeats an earlier page: [page, earlierPage]. */
  duplicatePages: Array<[number, number]>;
  tableHeavyPages: number[];
  /** Pages with some text but too little to chunk (running headers only). */
  nearEmptyPages: number[];
  /** Pages pdf.js failed on. */
  failedPages: number[];
  chunkCount: number;
  /** Present when some pages could not be read (a damaged or truncated file). */
  partlyReadable?: { readablePages: number[]; of: number; repairedWith: string | null };
  /** Parts of the structure read only in part (e.g. an outline cut at its depth cap). */
  warnings?: string[];
  /** Present when OCR ran: which pages were recognised, mean confidence, low-confidence pages. */
  ocr?: OcrSummary;
}

export interface QualityPage {
  page: number;
  text: string;
  imageOnly: boolean;
  error?: string;
  chunkCount: number;
}

/** Share of characters that are neither letters, digits, whitespace nor common punctuation. */
export function garbleRatio(text: string): number {
  const chars = [...text.replace(/\s+/g, '')];
  if (!chars.length) return 0;
  const bad = chars.filter((c) => !/[\p{L}\p{N}\p{P}\p{Sm}\p{Sc}°©®™•·…–—‘’“”√×]/u.test(c) || /[\uFFFD\p{Co}\p{Cc}]/u.test(c)).length;
  return bad / chars.length;
}

export function qualityReport(pages: readonly QualityPage[]): QualityReport {
  const r: QualityReport = {
    pageCount: pages.length,
    pagesWithoutText: [],
    imageOnlyPages: [],
    garbledPages: [],
    duplicatePages: [],
    tableHeavyPages: [],
    nearEmptyPages: [],
    failedPages: [],
    chunkCount: 0
  };
  const seen = new Map<string, number>();
  for (const p of pages) {
    r.chunkCount += p.chunkCount;
    if (p.error) r.failedPages.push(p.page);
    const trimmed = p.text.trim();
    if (!trimmed) {
      r.pagesWithoutText.push(p.page);
      if (p.imageOnly) r.imageOnlyPages.push(p.page);
      continue;
    }
    if (p.chunkCount === 0) r.nearEmptyPages.push(p.page);
    if (trimmed.length >= 40 && garbleRatio(trimmed) > 0.3) r.garbledPages.push(p.page);
    if (trimmed.length >= 200) {
      const key = createHash('sha1').update(trimmed.replace(/\s+/g, ' ').toLowerCase()).digest('hex');
      const first = seen.get(key);
      if (first !== undefined) r.duplicatePages.push([p.page, first]);
      else seen.set(key, p.page);
    }
    const lines = trimmed.split('\n').filter((l) => l.trim());
    if (lines.length >= 5 && lines.filter(isTableLine).length / lines.length >= 0.4) r.tableHeavyPages.push(p.page);
  }
  return r;
}
