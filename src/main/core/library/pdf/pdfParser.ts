/**
 * Runs PDF extraction in a worker thread (one reusable worker, one document at a time;
 * ParsePool lets several of them share a long document).
 *
 * The worker entry must load in three runtimes:
 * - tsx (CLI, web host) and vitest: this module is a `.ts` file, so we start `pdfWorker.ts` with
 *   tsx's ESM loader (`--import <tsx loader>`), resolved from this package, not from the cwd;
 * - electron-vite bundle: `pdfWorker.js` is built as its own entry next to the main bundle.
 * If no worker entry can be found or it fails to start, we parse in-process (still streaming
 * page by page) rather than fail the import.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { abortError } from '../../platform/errors';
import { extractPdf, PdfExtractError, type PdfMeta, type PdfPage } from './extract';
import { PLAIN_IMPORT_BOOTSTRAP } from './loadPdfjs';
import { DEFAULT_PARSE_LIMITS, limitMessages, type ParseLimits } from './parseLimits';
import type { PdfjsPatchStatus } from './pdfjsPatch';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

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

export interface WorkerTarget {
  /** A file URL, or (tsx mode) bootstrap source run with `eval`. */
  url: URL | string;
  eval: boolean;
}

/** `entry`: the worker module's base name, a sibling of the calling module in the sources. */
export function findWorkerTarget(moduleUrl: string = import.meta.url, entry = 'pdfWorker'): WorkerTarget | null {
  if (moduleUrl.endsWith('.ts')) {
    // Node 20 does not apply `--import tsx` hooks to a worker's own entry, so a tiny CommonJS
    // bootstrap loads the .ts entry through tsx's programmatic API instead.
    const src = new URL(`./${entry}.ts`, moduleUrl).href;
    try {
      const api = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api')).href;
      const boot = `${PLAIN_IMPORT_BOOTSTRAP} import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(src)}, ${JSON.stringify(src)})).catch((e) => { console.error(e); process.exit(1); });`;
      return { url: boot, eval: true };
    } catch {
      return null;
    }
  }
  // Bundled: the worker entry sits next to the main bundle or one folder up from a chunk.
  for (const rel of [`./${entry}.js`, `../${entry}.js`, `./${entry}.mjs`, `../${entry}.mjs`]) {
    const url = new URL(rel, moduleUrl);
    if (existsSync(fileURLToPath(url))) return { url, eval: false };
  }
  return null;
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
}

export const DEFAULT_PARSE_IDLE_TIMEOUT_MS = 120_000;

export class PdfParser {
  private worker?: Worker;
  /** The heap ceiling the current worker was started with; another one needs a new worker. */
  private workerMemoryMb?: number;
  private ready?: Promise<Worker>;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private disposed = false;
  /** Set when the worker could not start; later parses run in-process. */
  inProcess = false;
  /** Whether the running worker uses the faster patched pdf.js (pdfjsPatch.ts); unset until one started. */
  pdfjs?: PdfjsPatchStatus;

  constructor(
    private readonly onWarn: (msg: string, meta?: Record<string, unknown>) => void = () => {},
    private readonly target: WorkerTarget | null = findWorkerTarget(),
    private readonly options: PdfParserOptions = {}
  ) {
    if (!target) {
      this.inProcess = true;
      onWarn('pdf worker entry not found; parsing in-process');
    }
  }

  /** Parses one PDF; rejects with PdfExtractError for password/damaged files, AbortError on cancel. */
  parse(req: ParseRequest): Promise<void> {
    const run = this.queue.then(() => this.parseNow(req));
    this.queue = run.catch(() => {});
    return run;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  private async parseNow(req: ParseRequest): Promise<void> {
    if (req.signal?.aborted) throw abortError();
    if (!this.inProcess) {
      let worker: Worker | undefined;
      const memoryMb = this.limitsOf(req).memoryMb;
      if (this.worker && this.workerMemoryMb !== memoryMb) this.kill(this.worker);
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

  private limitsOf(req: ParseRequest): ParseLimits {
    return { ...DEFAULT_PARSE_LIMITS, ...this.options.limits, ...req.limits };
  }

  private getWorker(memoryMb: number): Promise<Worker> {
    if (this.disposed) return Promise.reject(new Error('PdfParser disposed'));
    if (this.ready) return this.ready;
    const t = this.target!;
    const ready: Promise<Worker> = new Promise<Worker>((resolve, reject) => {
      // The heap ceiling makes a runaway parse kill its own thread (ERR_WORKER_OUT_OF_MEMORY), not the process.
      const w = new Worker(t.url, { eval: t.eval, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
      this.workerMemoryMb = memoryMb;
      w.unref(); // an idle parser must not keep a CLI process alive
      const onReady = (m: WorkerReply) => {
        if (m.type !== 'ready') return;
        w.off('message', onReady);
        w.off('error', onErr);
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
    });
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
