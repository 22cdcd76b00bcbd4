/**
 * PDF → pages of text + structure, with pdf.js via pdf-parse. Runs inside the parse worker
 * (pdfWorker.ts) and, as a fallback, in-process. Emits pages one at a time so the caller can
 * report progress and never holds more than the text of the document.
 */
import type { ImageProbe } from './imageProbe';
import { loadPdfParse } from './loadPdfjs';
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
}

export interface PdfPage {
  page: number;
  text: string;
  /** No text but the page paints images: a scan, needs OCR. */
  imageOnly: boolean;
  /** pdf.js failed on this page; text is '' */
  error?: string;
}

export type PdfFailureKind = 'needs_password' | 'bad_password' | 'damaged' | 'too_many_pages';

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
      throw new PdfExtractError('too_many_pages', `${pageCount} pages exceeds the limit of ${opts.maxPages}`);
    }
    if (!opts.skipMeta) {
      const meta: PdfMeta = {
        pageCount,
        title: await infoTitle(doc),
        pageLabels: await safe(() => doc.getPageLabels(), null),
        outline: await safe(() => readOutline(doc), [])
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

async function readOutline(doc: PdfDoc): Promise<OutlineNode[]> {
  const outline = (await doc.getOutline()) as any[] | null;
  if (!outline) return [];
  let budget = 5000; // hostile PDFs can have huge or cyclic outlines
  const walk = async (items: any[]): Promise<OutlineNode[]> => {
    const out: OutlineNode[] = [];
    for (const it of items) {
      if (--budget < 0) break;
      out.push({
        title: String(it.title ?? '').replace(/\s+/g, ' ').trim(),
        page: await resolveDest(doc, it.dest),
        children: Array.isArray(it.items) && it.items.length ? await walk(it.items) : []
      });
    }
    return out;
  };
  return walk(outline);
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
