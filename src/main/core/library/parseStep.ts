/**
 * The parse stage of an import: the PDF's pages through the parse workers, with one recovery
 * attempt for a damaged file (pdf/repair.ts), and what the result says about readability:
 * a file whose pages were only partly read is imported with "partly readable: pages 1–214 of 215"
 * rather than failed whole.
 */
import { AppError } from '../platform/errors';
import type { JobContext } from '../platform/jobRunner';
import { PdfExtractError, type PdfMeta, type PdfPage } from './pdf/extract';
import type { ParseRequest } from './pdf/pdfParser';
import type { RepairedPdf } from './pdf/repair';

export interface ParseStepDeps {
  parse(req: ParseRequest): Promise<void>;
  limits(): { maxPages: number; parseMemoryMb: number; parseTimeLimitSec: number; maxStreamBytes: number };
  /** Repairs a damaged file (qpdf when installed); absent = no recovery. */
  repair?(bytes: Uint8Array): Promise<RepairedPdf | null>;
}

export interface ParsedDocument {
  meta: PdfMeta;
  pages: PdfPage[];
  /** The bytes that were read: the repaired ones after a recovery (OCR renders from these). */
  bytes: Uint8Array;
  recovery?: { method: string; claimedPages: number | null };
}

/** Parses `bytes`; a damaged file is repaired and read again once. Throws the original failure otherwise. */
export async function parseDocument(deps: ParseStepDeps, file: string, bytes: Uint8Array, password: string | undefined, ctx: JobContext): Promise<ParsedDocument> {
  try {
    return { ...(await parseOnce(deps, file, bytes, password, ctx)), bytes };
  } catch (e) {
    if (!(e instanceof PdfExtractError && e.kind === 'damaged') || !deps.repair || ctx.signal.aborted) throw e;
    const repaired = await deps.repair(bytes).catch(() => null);
    if (!repaired) throw e;
    ctx.progress({ phase: 'parse', done: 0, total: null });
    let again: { meta: PdfMeta; pages: PdfPage[] };
    try {
      again = await parseOnce(deps, file, repaired.bytes, password, ctx);
    } catch {
      throw e; // the repair did not help: report what was wrong with the file itself
    }
    if (!again.pages.some((p) => !p.error && p.text.trim())) throw new PdfExtractError('damaged', `${e.message.replace(/\.$/, '')}; recovery (${repaired.method}) found no readable page`);
    return { ...again, bytes: repaired.bytes, recovery: { method: repaired.method, claimedPages: repaired.claimedPages } };
  }
}

async function parseOnce(deps: ParseStepDeps, file: string, data: Uint8Array, password: string | undefined, ctx: JobContext): Promise<{ meta: PdfMeta; pages: PdfPage[] }> {
  let meta: PdfMeta | undefined;
  const pages: PdfPage[] = [];
  const limits = deps.limits();
  await deps.parse({
    data,
    password,
    maxPages: limits.maxPages,
    limits: { memoryMb: limits.parseMemoryMb, timeBudgetMs: limits.parseTimeLimitSec * 1000, maxStreamBytes: limits.maxStreamBytes },
    signal: ctx.signal,
    onMeta: (mm) => {
      meta = mm;
      ctx.progress({ total: mm.pageCount });
    },
    onPage: (p) => {
      pages.push(p);
      ctx.progress({ done: pages.length });
    }
  });
  if (!meta) throw new AppError('INTERNAL', `${file}: parser returned no metadata`);
  return { meta, pages };
}

export interface Readability {
  readablePages: number[];
  /** Pages the file has or claims to have (a repair may have dropped lost ones). */
  of: number;
  repairedWith: string | null;
  detail: string;
}

/**
 * Null for an intact file read whole. Otherwise which pages were read (for the quality report)
 * and the status words: "partly readable: pages 1–10 of 20", or for a repaired file read whole
 * "repaired (qpdf); all 20 pages read".
 */
export function readability(doc: ParsedDocument): Readability | null {
  const readablePages = doc.pages.filter((p) => !p.error).map((p) => p.page);
  const of = Math.max(doc.meta.pageCount, doc.recovery?.claimedPages ?? 0);
  const repairedWith = doc.recovery?.method ?? null;
  if (readablePages.length === of) return repairedWith ? { readablePages, of, repairedWith, detail: `repaired (${repairedWith}); all ${of} pages read` } : null;
  return { readablePages, of, repairedWith, detail: `partly readable: ${readablePages.length === 1 ? 'page' : 'pages'} ${pageRanges(readablePages)} of ${of}` };
}

/** [1,2,3,7] → "1–3, 7" (en dash, for people). */
export function pageRanges(pages: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j;
  }
  return out.join(', ') || 'none';
}
