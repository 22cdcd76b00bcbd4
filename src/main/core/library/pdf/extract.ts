/**
 * PDF → pages of text + structure, with pdf.js via pdf-parse. Runs inside the parse worker
 * (pdfWorker.ts) and, as a fallback, in-process. Emits pages one at a time so the caller can
 * report progress and never holds more than the text of the document.
 */
import type { ImageProbe } from './imageProbe';
import { loadPdfParse } from './loadPdfjs';
import { limitMessages } from './parseLimits';
import { findStreamBomb } from './streamGuard';
import { joinTextItems, type TextItemLike } from './textJoin';

export interface OutlineNode {
  title: string;
  /** 1-based physical page the entry points to; null when the destination can't be resolved. */
  page: number | null;
  children: OutlineNode[];
}

export interface PdfMeta {
  pageCount: number;
  /** From the info dictionary; '' when absent. */
  title: string;
  /** Printed page labels by physical page (index 0 = page 1); null when the PDF has none. */
  pageLabels: string[] | null;
  outline: OutlineNode[];
  /** What was read only in part (an outline cut at its depth cap); shown in the quality report. */
  warnings?: string[];
}

export interface PdfPage {
  page: number;
  text: string;
  /** No text but the page paints images: a scan, needs OCR. */
  imageOnly: boolean;
  /** pdf.js failed on this page; text is '' */
  error?: string;
}

/** over_limit: a size, memory, time or stream limit (parseLimits.ts) stopped the parse. */
export type PdfFailureKind = 'needs_password' | 'bad_password' | 'damaged' | 'too_many_pages' | 'over_limit';

export class PdfExtractError extends Error {
  constructor(
    readonly kind: PdfFailureKind,
    message: string
  ) {
    super(message);
  }
}

export interface ExtractOptions {
  password?: string;
  maxPages?: number;
  /** Refuse a file with a compressed stream expanding past this (see streamGuard.ts). */
  maxStreamBytes?: number;
  onMeta(meta: PdfMeta): void | Promise<void>;
  onPage(page: PdfPage): void | Promise<void>;
  /** Checked between pages. */
  isCancelled?(): boolean;
  /** Called once the document is open (pdf.js' worker code has loaded by then). */
  afterLoad?(): void;
  /**
   * Hands out the next page to read (1-based); pages past the end stop the loop. Several workers
   * sharing one counter split a document between them. Default: every page in order.
   */
  claimPage?(): number;
  /** A helper in a shared parse: the primary reports the metadata, so skip reading it. */
  skipMeta?: boolean;
  /** Detect scanned pages without decoding their images (worker only, see imageProbe.ts). */
  imageProbe?: ImageProbe;
}

// pdf.js OPS codes for image painting (pdfjs-dist 5.4 shared/util.js); not re-exported by pdf-parse.
const IMAGE_OPS = new Set([83, 84, 85, 86, 87, 88, 89]);

/* eslint-disable @typescript-eslint/no-explicit-any -- pdf.js proxies are loosely typed through pdf-parse */
type PdfDoc = any;

export async function extractPdf(data: Uint8Array, opts: ExtractOptions): Promise<void> {
  // The primary checks; a helper in a shared parse opens the same bytes later.
  if (opts.maxStreamBytes && !opts.skipMeta) {
    const bomb = await findStreamBomb(data, opts.maxStreamBytes);
    if (bomb) throw new PdfExtractError('over_limit', limitMessages.stream(opts.maxStreamBytes));
  }
  const { PDFParse } = await loadPdfParse();
  const parser = new PDFParse({ data, password: opts.password, verbosity: 0, isEvalSupported: false, ...opts.imageProbe?.pdfOptions } as any);
  try {
    let doc: PdfDoc;
    try {
      // pdf-parse keeps the loaded pdf.js document behind a private load(); we need the page-level
      // API (text items with positions, labels, outline) that its getText() flattens away.
      doc = await (parser as unknown as { load(): Promise<PdfDoc> }).load();
    } catch (e) {
      throw classify(e);
    }
    opts.afterLoad?.();
    const pageCount: number = doc.numPages;
    if (opts.maxPages && pageCount > opts.maxPages) {
      throw new PdfExtractError('too_many_pages', limitMessages.pages(pageCount, opts.maxPages));
    }
    if (!opts.skipMeta) {
      const outline = await safe(() => readOutline(doc), { nodes: [], warning: undefined });
      const meta: PdfMeta = {
        pageCount,
        title: await infoTitle(doc),
        pageLabels: await safe(() => doc.getPageLabels(), null),
        outline: outline.nodes,
        ...(outline.warning ? { warnings: [outline.warning] } : {})
      };
      await opts.onMeta(meta);
    }
    let next = 1;
    const claim = opts.claimPage ?? (() => next++);
    for (let i = claim(); i <= pageCount; i = claim()) {
      if (opts.isCancelled?.()) return;
      await opts.onPage(await readPage(doc, i, opts.imageProbe));
    }
  } finally {
    await parser.destroy().catch(() => {});
  }
}

async function readPage(doc: PdfDoc, n: number, probe: ImageProbe | undefined): Promise<PdfPage> {
  let page: any;
  try {
    page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = (content.items as any[]).filter((it) => typeof it.str === 'string') as TextItemLike[];
    const text = joinTextItems(items);
    let imageOnly = false;
    if (text.trim().length === 0) {
      const dropped = probe?.removedImages() ?? 0;
      const ops = await page.getOperatorList();
      imageOnly = (ops.fnArray as number[]).some((op) => IMAGE_OPS.has(op)) || (probe?.removedImages() ?? 0) > dropped;
    }
    return { page: n, text, imageOnly };
  } catch (e) {
    return { page: n, text: '', imageOnly: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    page?.cleanup();
  }
}

async function infoTitle(doc: PdfDoc): Promise<string> {
  const md = await safe(() => doc.getMetadata(), null as any);
  const fromInfo = typeof md?.info?.Title === 'string' ? md.info.Title : '';
  const fromXmp = md?.metadata?.get?.('dc:title');
  const title = (fromInfo || (typeof fromXmp === 'string' ? fromXmp : '')).replace(/\s+/g, ' ').trim();
  // Producers often leave placeholders ("untitled", "Microsoft Word - foo.doc"); callers fall back to the file name.
  return /^(untitled|none|null)$/i.test(title) ? '' : title;
}

/** Outline levels kept; deeper entries are dropped with a warning (real manuals stay under ~8). */
export const MAX_OUTLINE_DEPTH = 32;
/** Entries read at most: hostile PDFs can have huge or cyclic outlines. */
const MAX_OUTLINE_ENTRIES = 5000;

/**
 * Walks the outline with an explicit stack, not recursion: a hostile outline nested thousands deep
 * overflowed the call stack ("Maximum call stack size exceeded") and failed a readable file.
 */
async function readOutline(doc: PdfDoc): Promise<{ nodes: OutlineNode[]; warning?: string }> {
  const outline = (await doc.getOutline()) as any[] | null;
  if (!outline) return { nodes: [] };
  const roots: OutlineNode[] = [];
  const stack: Array<{ items: any[]; into: OutlineNode[]; depth: number }> = [{ items: outline, into: roots, depth: 1 }];
  let budget = MAX_OUTLINE_ENTRIES;
  let deepest = 0;
  while (stack.length && budget > 0) {
    const { items, into, depth } = stack.pop()!;
    for (const it of items) {
      if (--budget < 0) break;
      const node: OutlineNode = { title: String(it.title ?? '').replace(/\s+/g, ' ').trim(), page: await resolveDest(doc, it.dest), children: [] };
      into.push(node);
      if (!Array.isArray(it.items) || !it.items.length) continue;
      if (depth >= MAX_OUTLINE_DEPTH) deepest = Math.max(deepest, depth + 1);
      else stack.push({ items: it.items, into: node.children, depth: depth + 1 });
    }
  }
  const notes: string[] = [];
  if (deepest) notes.push(`outline nested deeper than ${MAX_OUTLINE_DEPTH} levels; deeper entries were left out`);
  if (budget < 0) notes.push(`outline has more than ${MAX_OUTLINE_ENTRIES} entries; the rest were left out`);
  return { nodes: roots, warning: notes.length ? notes.join('; ') : undefined };
}

async function resolveDest(doc: PdfDoc, dest: unknown): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return null;
    const ref = explicit[0];
    if (typeof ref === 'number') return ref + 1;
    if (ref && typeof ref === 'object') return (await doc.getPageIndex(ref)) + 1;
  } catch {
    /* unresolvable destination: no page */
  }
  return null;
}

function classify(e: unknown): PdfExtractError {
  const name = (e as { name?: string })?.name ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException' || /password/i.test(msg)) {
    const code = (e as { code?: number })?.code ?? (e as { cause?: { code?: number } })?.cause?.code;
    return code === 2 || /incorrect/i.test(msg)
      ? new PdfExtractError('bad_password', 'Incorrect password.')
      : new PdfExtractError('needs_password', 'The PDF is password-protected.');
  }
  return new PdfExtractError('damaged', `damaged file: ${msg || name || 'unreadable PDF'}`);
}

async function safe<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch {
    return fallback;
  }
}
