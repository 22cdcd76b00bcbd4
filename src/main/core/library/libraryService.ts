/**
 * The library: imports PDFs as jobs (one per file, run one at a time so a big import can't starve
 * the machine), keeps document metadata editable, and serves page text/bytes to the viewer.
 * Emits 'library.changed' on core events — the embeddings side listens to it (see contract).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { EventMap } from '../../../shared/contract';
import type { ComponentHealth } from '../../../shared/contract/app';
import type {
  DocumentDetail,
  DocumentMetadata,
  DocumentSummary,
  ImportOutcome,
  LibraryChanged,
  LibraryStats,
  PageTextResult
} from '../../../shared/contract/library';
import type { LanceStore } from '../index/lanceStore';
import type { DocumentRow } from '../index/schema';
import { AppError } from '../platform/errors';
import type { TypedEmitter } from '../platform/emitter';
import type { JobRunner } from '../platform/jobRunner';
import type { Logger } from '../platform/logger';
import { chunkSearchFields } from './buildContent';
import { expandPaths, folderBytes, removeStored } from './files';
import { queuedWithPageCount } from './earlyPageCount';
import { runImport, type ImportLimits, type ImportRequest, type PipelineDeps } from './importPipeline';
import { LibraryRepo } from './libraryRepo';
import { definedOnly, LIBRARY_JOB_KINDS, parseJson, toSummary } from './libraryRows';
import { IndexOptimizer, recoverInterruptedImports } from './indexMaintenance';
import { PdfParser } from './pdf/pdfParser';
import { findQpdf, repairPdf } from './pdf/repair';
import { Slots } from './slots';
import { ParsePool } from './pdf/parsePool';
import { ocrOptions } from './ocr/langData';
import type { OcrMode } from './ocr/ocrStep';
import { OcrPool } from './ocr/ocrPool';
import { OcrStore } from './ocr/ocrStore';
import type { OcrPageResult } from './ocr/ocrTypes';

export interface LibraryServiceDeps {
  store: LanceStore;
  jobs: JobRunner;
  events: TypedEmitter<EventMap>;
  logger: Logger;
  paths: { library: string; index: string };
  limits(): ImportLimits;
  ocr(): { ocrAuto: boolean; ocrLanguage: string; ocrLangPath: string; ocrDpi: number };
  /** False when another live process owns this data folder: its imports are not ours to "recover". */
  recoverInterrupted?: boolean;
}

export class LibraryService {
  readonly repo: LibraryRepo;
  /** The parse workers (they share a long document when nothing else is waiting). */
  private readonly parsePool: ParsePool;
  /**
   * Import jobs running at once: one being parsed per worker, one being written to the index on
   * the main thread, and one read and waiting, so a worker that frees up has the next file ready.
   */
  private readonly slots: Slots;
  private readonly pipeline: PipelineDeps;
  /** OCR workers (rendering + tesseract), apart from the parse workers: a scan must not hold up text PDFs. */
  private readonly ocrPool: OcrPool;
  private readonly ocrStore: OcrStore;
  private pending = 0;
  private readonly optimizer: IndexOptimizer;

  private constructor(private readonly deps: LibraryServiceDeps) {
    this.repo = new LibraryRepo(deps.store);
    this.optimizer = new IndexOptimizer({ store: deps.store, jobs: deps.jobs, logger: deps.logger });
    // Two parse workers at most: more would only thrash a 2-core machine and multiply peak memory.
    const workers = Math.max(1, Math.min(2, availableParallelism()));
    this.parsePool = new ParsePool(Array.from({ length: workers }, () => new PdfParser((msg, meta) => deps.logger.warn(msg, meta))));
    this.slots = new Slots(workers + 2);
    this.ocrPool = new OcrPool(workers);
    this.ocrStore = new OcrStore(join(deps.paths.library, 'ocr'));
    this.pipeline = {
      repo: this.repo,
      inFlight: new Set<string>(),
      parse: (req) => this.parsePool.parse(req),
      repair: async (bytes) => repairPdf(bytes, await findQpdf()),
      libraryDir: deps.paths.library,
      limits: deps.limits,
      changed: (reason, docIds) => this.emitChanged({ reason, docIds }),
      ownsImports: () => deps.recoverInterrupted !== false,
      ocr: {
        recognise: (req) => this.ocrPool.recognise(req),
        store: this.ocrStore,
        options: () => ocrOptions(deps.ocr())
      },
      defaultOcrMode: () => (deps.ocr().ocrAuto ? 'auto' : 'off')
    };
  }

  static async create(deps: LibraryServiceDeps): Promise<LibraryService> {
    const svc = new LibraryService(deps);
    if (deps.recoverInterrupted !== false) await svc.recover();
    return svc;
  }

  /** After a crash/kill mid-import: see recoverInterruptedImports. */
  recover(): Promise<string[]> {
    return recoverInterruptedImports(this.repo, this.deps.store, this.deps.logger);
  }

  async import(paths: string[], metadata?: DocumentMetadata, ocr?: OcrMode) {
    const { files, skipped } = await expandPaths(paths);
    const started = files.map((path) => ({ path, jobId: this.startJob('import', `Import ${path.split(/[\\/]/).pop()}`, { path, metadata, ocr }) }));
    return { jobIds: started.map((s) => s.jobId), files: started, skipped };
  }

  async reindex(id: string): Promise<{ jobId: string }> {
    const doc = await this.mustGet(id);
    return { jobId: this.startJob('reindex', `Reindex ${doc.title}`, { path: doc.storedPath, existing: doc }) };
  }

  async unlock(id: string, password: string): Promise<{ jobId: string }> {
    const doc = await this.mustGet(id);
    if (doc.status !== 'needs_password') throw new AppError('CONFLICT', `${doc.fileName} is not password-protected (status ${doc.status}).`);
    return { jobId: this.startJob('unlock', `Unlock ${doc.fileName}`, { path: doc.storedPath, existing: doc, password }) };
  }

  /** Holds (or releases) the import queue: waiting imports stay queued, running ones finish. */
  pauseImports(paused: boolean): { paused: boolean } {
    this.slots.setPaused(paused);
    this.deps.logger.info(paused ? 'import queue paused' : 'import queue resumed');
    return { paused: this.slots.paused };
  }

  importsPaused(): { paused: boolean } {
    return { paused: this.slots.paused };
  }

  /** Recognises the pages that need it (all pages with 'force'); pages recognised before are reused. */
  async ocr(id: string, mode: Exclude<OcrMode, 'off'> = 'auto'): Promise<{ jobId: string }> {
    const doc = await this.mustGet(id);
    if (doc.status === 'needs_password' || doc.status === 'importing') throw new AppError('CONFLICT', `${doc.fileName} can't be OCR'd now (status ${doc.status}).`);
    return { jobId: this.startJob('ocr', `OCR ${doc.title}`, { path: doc.storedPath, existing: doc, ocr: mode }) };
  }

  /** Word boxes of an OCR'd page (empty when the page's text did not come from OCR). */
  async pageWords(docId: string, page: number): Promise<{ docId: string; page: number; ocr: boolean; words: OcrPageResult['words']; confidence: number | null }> {
    const p = await this.repo.getPage(docId, page);
    const r = p ? await this.ocrStore.load(docId, page) : undefined;
    // Only while the indexed text is this recognition's text: the chunk offsets point into it.
    if (!p || !r || r.text !== p.text) return { docId, page, ocr: false, words: [], confidence: null };
    return { docId, page, ocr: true, words: r.words, confidence: r.confidence };
  }

  async list(filter: { status?: string; machineModel?: string; tag?: string; language?: string } = {}): Promise<DocumentSummary[]> {
    const docs = await this.repo.listDocs();
    return docs
      .filter((d) => !filter.status || d.status === filter.status)
      .filter((d) => !filter.machineModel || d.machineModels.includes(filter.machineModel))
      .filter((d) => !filter.tag || d.tags.includes(filter.tag))
      .filter((d) => !filter.language || d.language === filter.language)
      .map(toSummary);
  }

  async get(id: string): Promise<DocumentDetail> {
    const d = await this.mustGet(id);
    return {
      ...toSummary(d),
      storedPath: d.storedPath,
      pageLabels: parseJson(d.pageLabelsJson, [] as string[]),
      outline: parseJson(d.outlineJson, []),
      chunkCount: await this.repo.countChunks(id)
    };
  }

  async update(id: string, patch: DocumentMetadata): Promise<DocumentSummary> {
    const d = await this.mustGet(id);
    const next: DocumentRow = { ...d, ...definedOnly(patch), updatedAt: new Date().toISOString() };
    await this.repo.putDoc(next);
    const affectsChunks = (['title', 'machineModels', 'tags', 'language'] as const).some((k) => patch[k] !== undefined);
    if (affectsChunks) {
      const chunks = (await this.repo.chunksOf(id)).map((c) => {
        const base = { ...c, docTitle: next.title, machineModels: next.machineModels, tags: next.tags, language: next.language };
        return { ...base, ...chunkSearchFields(next, base) };
      });
      await this.repo.rewriteChunks(id, chunks);
      this.optimizer.soon();
    }
    this.emitChanged({ reason: 'updated', docIds: [id] });
    return toSummary(next);
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    const d = await this.repo.getDoc(id);
    if (!d) return { deleted: false };
    await this.repo.deleteContent(id, true);
    await removeStored(d.storedPath);
    await this.ocrStore.remove(id);
    this.emitChanged({ reason: 'deleted', docIds: [id] });
    this.optimizer.soon();
    return { deleted: true };
  }

  async stats(): Promise<LibraryStats> {
    const docs = await this.repo.listDocs();
    const byStatus: Record<string, number> = {};
    for (const d of docs) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    const [pages, chunks, libraryBytes, indexBytes] = await Promise.all([
      this.repo.countPages(),
      this.repo.countChunks(),
      folderBytes(this.deps.paths.library),
      folderBytes(this.deps.paths.index)
    ]);
    return { documents: docs.length, byStatus, pages, chunks, libraryBytes, indexBytes };
  }

  async pageText(docId: string, page: number): Promise<PageTextResult> {
    const d = await this.mustGet(docId);
    const p = await this.repo.getPage(docId, page);
    if (!p) throw new AppError('NOT_FOUND', `Page ${page} of ${d.fileName} is not in the index (${d.pageCount} pages, status ${d.status}).`);
    return { docId, page, pageCount: d.pageCount, pageLabel: p.pageLabel, sectionPath: p.sectionPath, text: p.text };
  }

  async fileBytes(docId: string): Promise<{ docId: string; fileName: string; bytes: number; base64: string }> {
    const d = await this.mustGet(docId);
    const buf = await readFile(d.storedPath).catch(() => {
      throw new AppError('NOT_FOUND', `The stored copy of ${d.fileName} is missing.`);
    });
    return { docId, fileName: d.fileName, bytes: buf.length, base64: buf.toString('base64') };
  }

  async health(): Promise<ComponentHealth> {
    const s = await this.stats();
    // Every document a person has to act on: damaged, locked, or scanned without text.
    const attention = (s.byStatus.failed ?? 0) + (s.byStatus.needs_password ?? 0) + (s.byStatus.needs_ocr ?? 0);
    const manuals = s.documents - (s.byStatus.failed ?? 0);
    return {
      name: 'index',
      status: 'ok',
      detail: `${manuals} ${manuals === 1 ? 'manual' : 'manuals'}, ${s.pages} ${s.pages === 1 ? 'page' : 'pages'}, ${s.chunks} ${s.chunks === 1 ? 'passage' : 'passages'}${attention ? `, ${attention} ${attention === 1 ? 'needs' : 'need'} attention` : ''}${this.parsePool.inProcess ? ' (parsing in-process)' : ''}`
    };
  }

  async dispose(): Promise<void> {
    this.optimizer.dispose();
    await Promise.all([this.parsePool.dispose(), this.ocrPool.dispose()]);
  }

  private startJob(kind: keyof typeof LIBRARY_JOB_KINDS, title: string, req: ImportRequest): string {
    this.pending++;
    // Every library job parses first. Loading pdf.js in a worker takes ~0.3-1 s: started now, it
    // overlaps waiting for a slot and reading and hashing the file.
    this.parsePool.warm(this.deps.limits().parseMemoryMb);
    const { jobId } = this.deps.jobs.start<ImportOutcome>({
      kind: LIBRARY_JOB_KINDS[kind],
      title,
      summarize: (r) => r,
      run: async (jobCtx) => {
        const ctx = queuedWithPageCount(jobCtx, req.path);
        let slot: number;
        try {
          slot = await this.slots.acquire(ctx.signal);
        } catch {
          this.pending--; // only a cancel ends the wait for a slot
          throw new AppError('CANCELLED', 'Cancelled.');
        }
        try {
          if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
          const out = await runImport(this.pipeline, req, ctx);
          // Last job of a batch: fold the new rows into the indexes, as a job of its own. The
          // documents are searchable already (LanceDB scans rows not yet indexed).
          if (this.pending === 1 && out.outcome !== 'duplicate') this.optimizer.inBackground();
          return out;
        } finally {
          this.pending--;
          this.slots.release(slot);
        }
      }
    });
    return jobId;
  }

  /** See IndexOptimizer.run: the returned job folds in every change made before the call. */
  optimize(): { jobId: string } {
    return this.optimizer.run();
  }

  /** Resolves once no optimize job is running (the CLI waits for it before exiting). */
  optimizeSettled(): Promise<void> {
    return this.optimizer.settled();
  }

  private emitChanged(payload: LibraryChanged): void {
    this.deps.events.emit('library.changed', payload);
  }

  private async mustGet(id: string): Promise<DocumentRow> {
    const d = await this.repo.getDoc(id);
    if (!d) throw new AppError('NOT_FOUND', `No document ${id}.`);
    return d;
  }
}
