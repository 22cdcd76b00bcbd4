/**
 * Runs PDF extraction in a worker thread (one reusable worker, one document at a time;
 * ParsePool lets several of them share a long document).
 *
 * The worker entry comes from workerEntry.ts (a plain JS bundle in every runtime; see there). If
 * no worker entry can be found or it fails to start, we parse in-process (still streaming page by
 * page) rather than fail the import.
 *
 * An idle worker is ended after `releaseAfterMs`: a worker that read a long manual keeps the heap
 * it grew (tens to hundreds of MB) until it exits, and an import batch moves on to OCR and index
 * writing long after the last page was parsed.
 */
import { Worker } from 'node:worker_threads';
import { abortError } from '../../platform/errors';
import { extractPdf, PdfExtractError, type PdfMeta, type PdfPage } from './extract';
import { DEFAULT_PARSE_LIMITS, DEFAULT_WORKER_RELEASE_MS, limitMessages, PARSE_WORKER_YOUNG_MB, type ParseLimits } from './parseLimits';
import type { PdfjsPatchStatus } from './pdfjsPatch';
import { findWorkerTarget, resolveWorkerTarget, workerExecArgv, type WorkerLocator } from './workerEntry';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

export { findWorkerTarget, type WorkerLocator, type WorkerTarget } from './workerEntry';
export { DEFAULT_WORKER_RELEASE_MS } from './parseLimits';

export interface ParseRequest {
  data: Uint8Array;
  password?: string;
  maxPages?: number;
  /** Memory, time and stream limits for this file; defaults: DEFAULT_PARSE_LIMITS. */
  limits?: Partial<ParseLimits>;
  signal?: AbortSignal;
  /** Share the document with other parsers (see WorkerRequest.share); pages then arrive out of order. */
  share?: WorkerRequest['share'];
  onMeta(meta: PdfMeta): void;
  onPage(page: PdfPage): void;
}

export interface PdfParserOptions {
  /**
   * A worker that sends nothing (no meta, no page) for this long is taken as hung: it is terminated
   * and the document fails. pdf.js cannot be interrupted inside a page, so this is the only way out
   * of a pathological page; healthy pages take well under a second.
   */
  idleTimeoutMs?: number;
  /** Defaults under each request's own limits. */
  limits?: Partial<ParseLimits>;
  /** An idle worker is ended after this long (default DEFAULT_WORKER_RELEASE_MS); the next parse starts a fresh one. */
  releaseAfterMs?: number;
}

export const DEFAULT_PARSE_IDLE_TIMEOUT_MS = 120_000;

export class PdfParser {
  private worker?: Worker;
  /** The heap ceiling the current worker was started with; another one needs a new worker. */
  private workerMemoryMb?: number;
  private ready?: Promise<Worker>;
  /** Parses queued or running on this parser; the worker is released only at zero. */
  private busy = 0;
  private releaseTimer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;
  /** Set when the worker could not start; later parses run in-process. */
  inProcess = false;
  /** Workers started so far (replacements and restarts after an idle release included). */
  workersStarted = 0;
  /** Whether the running worker uses the faster patched pdf.js (pdfjsPatch.ts); unset until one started. */
  pdfjs?: PdfjsPatchStatus;

  constructor(
    private readonly onWarn: (msg: string, meta?: Record<string, unknown>) => void = () => {},
    private readonly target: WorkerLocator | null = findWorkerTarget(import.meta.url, 'pdfWorker'),
    private readonly options: PdfParserOptions = {}
  ) {
    if (!target) {
      this.inProcess = true;
      onWarn('pdf worker entry not found; parsing in-process');
    }
  }

  /** Parses one PDF; rejects with PdfExtractError for password/damaged files, AbortError on cancel. */
  parse(req: ParseRequest): Promise<void> {
    this.busy++;
    clearTimeout(this.releaseTimer);
    const run = this.queue.then(() => this.parseNow(req));
    this.queue = run.catch(() => {}).finally(() => {
      if (--this.busy === 0) this.scheduleRelease();
    });
    return run;
  }

  /** Whether a worker is running or starting. */
  get hasWorker(): boolean {
    return !!this.ready;
  }

  /**
   * Starts the worker ahead of the first parse (an import calls this before it reads and hashes
   * the file), so loading pdf.js overlaps that work. Never throws; a failed start shows at parse.
   */
  warm(memoryMb = this.limitsOf({}).memoryMb): void {
    if (this.inProcess || this.disposed || this.ready || this.busy) return;
    this.getWorker(memoryMb).then(
      () => {
        if (this.busy === 0) this.scheduleRelease();
      },
      () => {}
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.releaseTimer);
    await this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  private async parseNow(req: ParseRequest): Promise<void> {
    if (req.signal?.aborted) throw abortError();
    if (!this.inProcess) {
      let worker: Worker | undefined;
      const memoryMb = this.limitsOf(req).memoryMb;
      if (this.ready && this.workerMemoryMb !== memoryMb) {
        // Started (or warmed) under another heap ceiling: replace it.
        const stale = await this.ready.catch(() => undefined);
        if (stale) this.kill(stale);
      }
      try {
        worker = await this.getWorker(memoryMb);
      } catch (e) {
        this.inProcess = true;
        this.onWarn('pdf worker failed to start; parsing in-process', { error: String(e) });
      }
      if (worker) return this.parseInWorker(worker, req);
    }
    const counter = req.share ? new Int32Array(req.share.counter) : undefined;
    await extractPdf(req.data, {
      password: req.password,
      maxPages: req.maxPages,
      maxStreamBytes: this.limitsOf(req).maxStreamBytes,
      claimPage: counter ? () => Atomics.add(counter, 0, 1) : undefined,
      skipMeta: req.share?.role === 'helper',
      onMeta: req.onMeta,
      onPage: req.onPage,
      isCancelled: () => !!req.signal?.aborted
    });
    if (req.signal?.aborted) throw abortError();
  }

  private scheduleRelease(): void {
    clearTimeout(this.releaseTimer);
    if (this.disposed || !this.ready) return;
    this.releaseTimer = setTimeout(() => {
      if (this.busy === 0 && this.worker) this.kill(this.worker);
    }, this.options.releaseAfterMs ?? DEFAULT_WORKER_RELEASE_MS);
    this.releaseTimer.unref();
  }

  private limitsOf(req: Pick<ParseRequest, 'limits'>): ParseLimits {
    return { ...DEFAULT_PARSE_LIMITS, ...this.options.limits, ...req.limits };
  }

  private getWorker(memoryMb: number): Promise<Worker> {
    if (this.disposed) return Promise.reject(new Error('PdfParser disposed'));
    if (this.ready) return this.ready;
    this.workerMemoryMb = memoryMb;
    const ready: Promise<Worker> = resolveWorkerTarget(this.target!).then((t) => new Promise<Worker>((resolve, reject) => {
      if (this.disposed) return reject(new Error('PdfParser disposed'));
      // The heap ceiling makes a runaway parse kill its own thread (ERR_WORKER_OUT_OF_MEMORY), not the process.
      const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_MB };
      const w = new Worker(t.url, { eval: t.eval, execArgv: workerExecArgv(), resourceLimits });
      this.workersStarted++;
      w.unref(); // an idle parser must not keep a CLI process alive
      const onReady = (m: WorkerReply) => {
        if (m.type !== 'ready') return;
        w.off('message', onReady);
        w.off('error', onErr);
        // Disposed while it started (a warmed worker, a quick quit): not handed out, not left running.
        if (this.disposed) return void w.terminate().then(() => reject(new Error('PdfParser disposed')));
        if (!m.pdfjs.patched && this.pdfjs?.patched !== false) this.onWarn('pdf.js speed patch not applied; parsing at stock speed', { reason: m.pdfjs.reason });
        this.pdfjs = m.pdfjs;
        this.worker = w;
        resolve(w);
      };
      const onErr = (e: Error) => {
        if (this.ready === ready) this.ready = undefined;
        reject(e);
      };
      w.on('message', onReady);
      w.once('error', onErr);
      w.once('exit', (code) => {
        if (this.worker === w) this.worker = undefined;
        if (this.ready === ready) this.ready = undefined;
        reject(new Error(`pdf worker exited before it was ready (code ${code})`)); // no-op once resolved
      });
    }));
    this.ready = ready;
    return ready;
  }

  /**
   * Terminates a worker and forgets it at once, so the next parse starts a fresh one. Used for
   * every worker that failed (crash, exit, timeout, cancel): between a crash's 'error' and its
   * 'exit' the dead worker must not be handed the next file.
   */
  private kill(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
    }
    void worker.terminate();
  }

  private parseInWorker(worker: Worker, req: ParseRequest): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const idleMs = this.options.idleTimeoutMs ?? DEFAULT_PARSE_IDLE_TIMEOUT_MS;
      let idle: NodeJS.Timeout | undefined;
      const limits = this.limitsOf(req);
      // The whole file's budget; the idle timer below catches a stuck page sooner.
      const budget = setTimeout(() => {
        if (settled) return;
        cleanup();
        this.kill(worker);
        this.onWarn('pdf worker over its time budget; terminated', { timeBudgetMs: limits.timeBudgetMs });
        reject(new PdfExtractError('over_limit', limitMessages.time(limits.timeBudgetMs)));
      }, limits.timeBudgetMs);
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          if (settled) return;
          cleanup();
          this.kill(worker);
          this.onWarn('pdf worker timed out; terminated', { idleMs });
          reject(new PdfExtractError('damaged', `damaged file: parser timed out (nothing for ${Math.round(idleMs / 1000)} s)`));
        }, idleMs);
      };
      const cleanup = () => {
        settled = true;
        clearTimeout(idle);
        clearTimeout(budget);
        worker.off('message', onMsg);
        worker.off('error', onError);
        worker.off('exit', onExit);
        req.signal?.removeEventListener('abort', onAbort);
      };
      const onMsg = (m: WorkerReply) => {
        if (m.id !== id || settled) return;
        armIdle();
        try {
          if (m.type === 'meta') req.onMeta(m.meta);
          else if (m.type === 'page') req.onPage(m.page);
          else if (m.type === 'done') {
            cleanup();
            resolve();
          } else if (m.type === 'error') {
            cleanup();
            reject(new PdfExtractError(m.kind, m.message));
          }
        } catch (e) {
          // A callback threw (e.g. the caller's own limit): stop this parse, drop the worker.
          cleanup();
          this.kill(worker);
          reject(e);
        }
      };
      const onError = (e: Error) => {
        cleanup();
        this.kill(worker);
        if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          this.onWarn('pdf worker hit its memory limit; terminated', { memoryMb: limits.memoryMb });
          reject(new PdfExtractError('over_limit', limitMessages.memory(limits.memoryMb)));
        } else reject(new PdfExtractError('damaged', `damaged file: parser crashed (${e.message})`));
      };
      const onExit = () => {
        if (settled) return;
        cleanup();
        this.kill(worker);
        reject(req.signal?.aborted ? abortError() : new PdfExtractError('damaged', 'damaged file: parser exited'));
      };
      // Cancelling mid-document: pdf.js can't be interrupted inside a page, so kill the worker.
      const onAbort = () => {
        if (settled) return;
        cleanup();
        this.kill(worker);
        reject(abortError());
      };
      worker.on('message', onMsg);
      worker.on('error', onError);
      worker.on('exit', onExit);
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const copy = new Uint8Array(req.data); // transfer a private copy; the caller keeps its bytes
      const msg: WorkerRequest = { id, data: copy.buffer, password: req.password, maxPages: req.maxPages, maxStreamBytes: limits.maxStreamBytes, share: req.share };
      worker.postMessage(msg, [copy.buffer]);
      armIdle();
    });
  }
}
