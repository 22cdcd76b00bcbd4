/**
 * One file's import: read → parse (worker) → chunk → index. Every expected failure becomes a
 * per-file outcome or AppError for that job only; nothing here can take down other imports.
 */
import { basename } from 'node:path';
import type { DocumentMetadata, ImportOutcome } from '../../../shared/contract/library';
import type { DocumentRow } from '../index/schema';
import { AppError, isAbortError } from '../platform/errors';
import type { JobContext } from '../platform/jobRunner';
import { buildContent } from './buildContent';
import { detectLanguage } from './language';
import { docIdFor, readPdfFile, removeStored, sha256, storeCopy } from './files';
import type { LibraryRepo } from './libraryRepo';
import { PdfExtractError, type OutlineNode, type PdfPage } from './pdf/extract';
import type { ParseRequest } from './pdf/pdfParser';
import { parseDocument, readability, type ParsedDocument, type ParseStepDeps } from './parseStep';
import { pagesNeedingOcr, runOcr, type OcrMode, type OcrStepDeps } from './ocr/ocrStep';
import type { OcrSummary } from './quality';

export interface PipelineDeps {
  repo: LibraryRepo;
  /** Doc ids being imported right now: the same bytes twice in one batch is a duplicate, not a race. */
  inFlight: Set<string>;
  /** Parses one PDF off the main thread; pages arrive in page order. */
  parse(req: ParseRequest): Promise<void>;
  /** Repairs a damaged PDF for a second reading (pdf/repair.ts); absent = no recovery. */
  repair?: ParseStepDeps['repair'];
  libraryDir: string;
  limits(): ImportLimits;
  changed(reason: 'indexed' | 'status' | 'deleted', docIds: string[]): void;
  /**
   * True when this process owns the data folder (see dataDirLock): a row left 'importing' that is
   * not in `inFlight` is then a dead run's leftover and is re-imported. A secondary process cannot
   * tell it from the primary's running import, so it still answers "duplicate".
   */
  ownsImports(): boolean;
  /** The OCR step; without it (tests of other steps) no page is OCR'd. */
  ocr?: OcrStepDeps;
  /** OCR mode when the request names none: the "OCR scanned pages automatically" setting. */
  defaultOcrMode?(): OcrMode;
}

/** The library settings that bound one import (settings › library). */
export interface ImportLimits {
  maxFileBytes: number;
  maxPages: number;
  parseMemoryMb: number;
  parseTimeLimitSec: number;
  maxStreamBytes: number;
}

export interface ImportRequest {
  /** Source file (import) — or the stored copy (reindex/unlock). */
  path: string;
  metadata?: DocumentMetadata;
  password?: string;
  /** Reindex/unlock an existing document: skip duplicate detection, keep its metadata. */
  existing?: DocumentRow;
  /** auto: pages without a text layer (or with a garbage one); force: every page; off: none. */
  ocr?: OcrMode;
}

const READY = new Set(['ready', 'needs_ocr']);

export async function runImport(deps: PipelineDeps, req: ImportRequest, ctx: JobContext): Promise<ImportOutcome> {
  const file = req.existing?.fileName ?? basename(req.path);
  ctx.progress({ phase: 'read', done: 0 }); // keeps the quick page count shown while queued
  const { size, bytes } = await readPdfFile(req.path, file, deps.limits().maxFileBytes);

  const sha = sha256(bytes);
  const id = docIdFor(sha);
  if (deps.inFlight.has(id)) {
    return { file, outcome: 'duplicate', docId: id, message: 'the same file is being imported right now; not re-indexed' };
  }
  deps.inFlight.add(id);
  try {
    return await importBytes(deps, req, ctx, { file, size, bytes, sha, id });
  } catch (e) {
    await settleUnfinished(deps, id, file, e);
    throw e;
  } finally {
    deps.inFlight.delete(id);
  }
}

/**
 * The expected failures (damaged, password, cancel) set their own final status; anything else
 * that escaped after the 'importing' row was written (a parser that returned nothing, a failed
 * index write, a bug) must not leave the row 'importing' once the job is over.
 */
async function settleUnfinished(deps: PipelineDeps, id: string, file: string, e: unknown): Promise<void> {
  try {
    const row = await deps.repo.getDoc(id);
    if (row?.status !== 'importing') return;
    const reason = e instanceof Error ? e.message : String(e);
    await deps.repo.putDoc({ ...row, status: 'failed', statusDetail: `import failed: ${reason.replace(`${file}: `, '')}; reindex to retry`, updatedAt: new Date().toISOString() });
    deps.changed('status', [id]);
  } catch {
    /* the index itself is failing; the next start's recovery turns the row into a failure */
  }
}

async function importBytes(
  deps: PipelineDeps,
  req: ImportRequest,
  ctx: JobContext,
  f: { file: string; size: number; bytes: Uint8Array; sha: string; id: string }
): Promise<ImportOutcome> {
  const { file, size, bytes, sha, id } = f;
  const prior = req.existing ?? (await deps.repo.getDoc(id));
  // Not in inFlight (checked above), so an 'importing' row is either another process's running
  // import or, when we own the folder, a dead run's leftover to import again.
  const staleImporting = prior?.status === 'importing' && deps.ownsImports();
  if (!req.existing && prior && (READY.has(prior.status) || (prior.status === 'importing' && !staleImporting))) {
    return { file, outcome: 'duplicate', docId: id, title: prior.title, pages: prior.pageCount, message: `duplicate of "${prior.title}" (${prior.fileName}); not re-indexed` };
  }
  const storedPath = await storeCopy(deps.libraryDir, req.path, sha);
  const now = new Date().toISOString();
  const m = req.metadata ?? {};
  const doc: DocumentRow = {
    id,
    sha256: sha,
    title: m.title ?? prior?.title ?? file.replace(/\.pdf$/i, ''),
    fileName: prior?.fileName ?? file,
    storedPath,
    bytes: size,
    pageCount: prior?.pageCount ?? 0,
    machineModels: m.machineModels ?? prior?.machineModels ?? [],
    tags: m.tags ?? prior?.tags ?? [],
    language: m.language ?? prior?.language ?? '',
    revision: m.revision ?? prior?.revision ?? '',
    notes: m.notes ?? prior?.notes ?? '',
    status: 'importing',
    statusDetail: '',
    importedAt: prior?.importedAt ?? now,
    updatedAt: now,
    qualityJson: prior?.qualityJson ?? '',
    pageLabelsJson: prior?.pageLabelsJson ?? '[]',
    outlineJson: prior?.outlineJson ?? '[]'
  };
  // A new document is recorded as 'importing' right away: a crash during parsing leaves a row
  // the next start turns into a resumable failure. Existing documents stay visible until replaced.
  if (!prior) {
    await deps.repo.addNewDoc(doc);
    deps.changed('status', [id]); // lists can show the new 'importing' row
  }

  ctx.progress({ phase: 'parse', done: 0 });
  let parsed: ParsedDocument;
  try {
    parsed = await parseDocument(deps, file, bytes, req.password, ctx);
  } catch (e) {
    return failParse(deps, e, doc, prior, file);
  }
  const { meta, pages } = parsed;

  const ocr = await ocrPages(deps, req, ctx, { id, bytes: parsed.bytes }, pages);
  ctx.progress({ phase: 'chunk', done: pages.length, total: meta.pageCount });
  // Keep a title that came from a successful parse or an admin edit; otherwise use the PDF's own.
  const title = m.title ?? (prior && READY.has(prior.status) ? prior.title : meta.title || doc.title);
  // An admin-set language wins; otherwise the text says which one it is (search filters use it).
  const language = doc.language || detectLanguage(pages.map((p) => p.text));
  const final: DocumentRow = { ...doc, title, language, pageCount: meta.pageCount, outlineJson: JSON.stringify(meta.outline as OutlineNode[]) };
  const built = buildContent(final, pages, meta.pageLabels, meta.outline);
  const q = built.quality;
  if (ocr.summary) q.ocr = ocr.summary;
  const partly = readability(parsed);
  if (partly && partly.readablePages.length < partly.of) q.partlyReadable = { readablePages: partly.readablePages, of: partly.of, repairedWith: partly.repairedWith };
  if (meta.warnings?.length) q.warnings = meta.warnings;
  // Scans OCR'd already (blank ones included: "no text found" is an answer) no longer need it,
  // nor do pages OCR could not read (an undecodable image): OCR again would not help; they are
  // reported per page in the quality report and the status detail instead.
  const recognised = new Set([...(ocr.summary?.pages ?? []), ...(ocr.summary?.failedPages.map((f) => f.page) ?? [])]);
  const unread = q.imageOnlyPages.filter((p) => !recognised.has(p));
  const scanned = unread.length;
  const mostlyScanned = scanned > 0 && (scanned === meta.pageCount || scanned / meta.pageCount >= 0.2 || built.chunks.length === 0);
  final.status = mostlyScanned ? 'needs_ocr' : 'ready';
  final.statusDetail = [
    partly?.detail ?? '',
    ...(meta.warnings ?? []),
    ocr.cancelled ? `OCR cancelled after ${recognised.size} of ${recognised.size + (ocr.summary?.pendingPages.length ?? 0)} pages; run OCR to resume` : '',
    scanned ? `${scanned} of ${meta.pageCount} pages are images without a text layer (OCR needed): ${compactPages(unread)}` : '',
    ocr.error ? `OCR failed: ${ocr.error}` : '',
    ocr.summary && !ocr.cancelled ? ocrDetail(ocr.summary) : '',
    built.chunks.length === 0 && !scanned ? 'no indexable text' : ''
  ]
    .filter(Boolean)
    .join('; ');
  final.qualityJson = JSON.stringify(q);
  final.pageLabelsJson = JSON.stringify(built.pageLabels);
  final.updatedAt = new Date().toISOString();

  // Cancelled during OCR: keep the document with the pages read so far (text layer + OCR'd) as
  // needs_ocr, so "Run OCR" resumes where it stopped instead of starting over.
  if (ctx.signal.aborted && !ocr.cancelled) return cancelled(deps, doc, prior);
  ctx.progress({ phase: 'index', done: meta.pageCount, total: meta.pageCount });
  await deps.repo.replaceContent(final, built.pages, built.chunks, !prior);
  // A cancel that arrived during the (slow) write is still honoured for a new document: its rows
  // can be dropped. A re-import has already replaced the old rows, so it completes instead.
  if (ctx.signal.aborted && !prior && !ocr.cancelled) return cancelled(deps, final, prior);
  deps.changed('indexed', [id]);
  if (ocr.cancelled) throw new AppError('CANCELLED', `Cancelled; ${final.statusDetail}.`);
  return {
    file,
    outcome: final.status === 'needs_ocr' ? 'needs_ocr' : 'imported',
    docId: id,
    title,
    pages: meta.pageCount,
    chunks: built.chunks.length,
    message: final.statusDetail || `${meta.pageCount} pages, ${built.chunks.length} chunks`
  };
}

async function failParse(deps: PipelineDeps, e: unknown, doc: DocumentRow, prior: DocumentRow | undefined, file: string): Promise<ImportOutcome> {
  if (isAbortError(e)) return cancelled(deps, doc, prior);
  if (e instanceof PdfExtractError && (e.kind === 'too_many_pages' || e.kind === 'over_limit')) {
    await dropNew(deps, doc, prior);
    throw new AppError('TOO_LARGE', `${file}: ${e.message}`);
  }
  const needsPassword = e instanceof PdfExtractError && (e.kind === 'needs_password' || e.kind === 'bad_password');
  const message = e instanceof Error ? e.message : String(e);
  if (prior && READY.has(prior.status)) {
    // Reindexing a working document failed (e.g. an unlocked PDF: the password is not stored):
    // keep what is indexed rather than destroy it.
    throw new AppError(needsPassword ? 'NEEDS_PASSWORD' : 'UNSUPPORTED_FILE', `${file}: ${message}; the indexed version was kept`);
  }
  const row: DocumentRow = {
    ...doc,
    status: needsPassword ? 'needs_password' : 'failed',
    statusDetail: needsPassword ? message : message.startsWith('damaged file') ? message : `damaged file: ${message}`,
    updatedAt: new Date().toISOString()
  };
  await deps.repo.deleteContent(doc.id, false);
  await deps.repo.putDoc(row);
  deps.changed('status', [doc.id]);
  throw new AppError(needsPassword ? 'NEEDS_PASSWORD' : 'UNSUPPORTED_FILE', `${file}: ${row.statusDetail}`);
}

/** Cancelled: a new document disappears again; an existing one keeps its previous rows. */
async function cancelled(deps: PipelineDeps, doc: DocumentRow, prior: DocumentRow | undefined): Promise<never> {
  await dropNew(deps, doc, prior);
  throw new AppError('CANCELLED', 'Cancelled.');
}

async function dropNew(deps: PipelineDeps, doc: DocumentRow, prior: DocumentRow | undefined): Promise<void> {
  if (prior) return;
  await deps.repo.deleteContent(doc.id, true);
  await removeStored(doc.storedPath);
  deps.changed('deleted', [doc.id]);
}

/** Runs the OCR step unless it is off; an OCR failure leaves the pages unread, not the import failed. */
async function ocrPages(
  deps: PipelineDeps,
  req: ImportRequest,
  ctx: JobContext,
  doc: { id: string; bytes: Uint8Array },
  pages: PdfPage[]
): Promise<{ summary?: OcrSummary; cancelled?: boolean; error?: string }> {
  const wanted = pagesNeedingOcr(pages, req.ocr ?? deps.defaultOcrMode?.() ?? 'off');
  if (!wanted.length || !deps.ocr) return {};
  try {
    return await runOcr(deps.ocr, doc, pages, wanted, ctx);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function ocrDetail(s: OcrSummary): string {
  const parts = [`OCR: ${s.pages.length} page${s.pages.length === 1 ? '' : 's'}, mean confidence ${s.meanConfidence ?? '-'}%`];
  if (s.lowConfidencePages.length) parts.push(`low confidence on ${compactPages(s.lowConfidencePages)}`);
  if (s.noTextPages.length) parts.push(`no text found on ${compactPages(s.noTextPages)}`);
  if (s.failedPages.length) parts.push(`could not read ${compactPages(s.failedPages.map((f) => f.page))} (${s.failedPages[0].error})`);
  return parts.join(', ');
}

/** [3,4,5,9] → "3-5, 9" */
export function compactPages(pages: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    out.push(j > i ? `${pages[i]}-${pages[j]}` : String(pages[i]));
    i = j;
  }
  return out.join(', ');
}
