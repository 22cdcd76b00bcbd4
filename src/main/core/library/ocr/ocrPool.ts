/**
 * OCR worker pool: a fixed number of worker threads (ocrWorker.ts), each rendering and
 * recognising one page at a time. Pages of all queued documents are handed out in order to
 * whichever worker is free, so a lone 300-page scan keeps every core busy and a worker switches
 * document only between pages. Cancelling drops the document's queued pages at once and
 * terminates the workers busy on it (tesseract can't be interrupted inside a page); a replacement
 * starts on the next page.
 *
 * Separate from the parse pool on purpose: OCR is ~100x slower per page than text extraction and
 * must not hold up imports of text PDFs.
 *
 * Memory: an OCR worker holds pdf.js, a canvas and tesseract's WASM engine (~150 MB resident).
 * Workers start only when a page needs them; a further worker only when enough pages wait for it
 * to pay its start-up (MIN_PAGES_FOR_EXTRA_WORKER) and the machine has the memory free
 * (OCR_WORKER_MB each); an idle worker is ended after `releaseAfterMs`.
 */
import { freemem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { abortError } from '../../platform/errors';
import { findWorkerTarget, resolveWorkerTarget, workerExecArgv, type WorkerLocator, type WorkerTarget } from '../pdf/workerEntry';
import type { OcrOptions, OcrPageResult, OcrWorkerReply, OcrWorkerRequest } from './ocrTypes';

/**
 * A second (third…) worker starts only when at least this many pages wait. Its start-up (pdf.js,
 * tesseract and its language data: 2-4 s) and ~150 MB pay off only over several pages each; a
 * short scan (the corpus' 4-page one) is read by one worker.
 */
export const MIN_PAGES_FOR_EXTRA_WORKER = 8;
/** Resident memory of one OCR worker with its tesseract thread, measured at 300 dpi with 'eng'. */
export const OCR_WORKER_MB = 200;
export const DEFAULT_OCR_RELEASE_MS = 5_000;

export interface OcrPoolOptions {
  /** An idle worker is ended after this long (default DEFAULT_OCR_RELEASE_MS). */
  releaseAfterMs?: number;
  /** Free memory in bytes (os.freemem); an extra worker needs OCR_WORKER_MB of it. */
  freeMemory?: () => number;
}

export interface OcrRequest {
  /** Identifies the document bytes (a worker that has them open doesn't get them again). */
  docKey: string;
  data: Uint8Array;
  pages: readonly number[];
  options: OcrOptions;
  signal?: AbortSignal;
  /** Called as pages finish, in any order. */
  onPage(result: OcrPageResult): void;
}

interface Job {
  req: OcrRequest;
  left: number;
  settled: boolean;
  resolve(): void;
  reject(e: unknown): void;
}
interface Task {
  job: Job;
  page: number;
}
interface Slot {
  worker?: Worker;
  openDoc?: string;
  task?: Task;
  id: number;
  release?: NodeJS.Timeout;
}

export class OcrPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private disposed = false;
  /** The worker entry, resolved (bundled under tsx) when the first page is queued. */
  private entry?: Promise<WorkerTarget>;
  private resolved?: WorkerTarget;

  constructor(
    readonly size: number,
    private readonly target: WorkerLocator | null = findWorkerTarget(import.meta.url, 'ocrWorker'),
    private readonly options: OcrPoolOptions = {}
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ id: 0 }));
  }

  /** Workers running now (for tests and diagnostics). */
  get running(): number {
    return this.slots.filter((s) => s.worker).length;
  }

  /** Recognises `req.pages`; resolves when every page was handed to onPage, rejects with AbortError on cancel. */
  recognise(req: OcrRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.disposed) return reject(new Error('OCR pool disposed'));
      if (!this.target) return reject(new Error('OCR worker entry not found'));
      if (req.signal?.aborted) return reject(abortError());
      if (!req.pages.length) return resolve();
      const job: Job = {
        req,
        left: req.pages.length,
        settled: false,
        resolve: () => {
          req.signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (e) => {
          req.signal?.removeEventListener('abort', onAbort);
          reject(e);
        }
      };
      const onAbort = () => this.fail(job, abortError());
      req.signal?.addEventListener('abort', onAbort, { once: true });
      for (const page of req.pages) this.queue.push({ job, page });
      if (this.resolved) return this.schedule();
      this.entry ??= resolveWorkerTarget(this.target);
      this.entry.then(
        (t) => {
          this.resolved = t;
          this.schedule();
        },
        (e: unknown) => {
          this.entry = undefined;
          this.fail(job, e);
        }
      );
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const jobs = new Set([...this.queue, ...this.slots.flatMap((s) => (s.task ? [s.task] : []))].map((t) => t.job));
    for (const job of jobs) this.fail(job, abortError());
    await Promise.all(this.slots.map((s) => this.reset(s)));
  }

  private schedule(): void {
    if (!this.resolved || this.disposed) return;
    // Idle live workers first; a new one only if the waiting pages and free memory warrant it.
    for (const slot of [...this.slots.filter((s) => s.worker), ...this.slots.filter((s) => !s.worker)]) {
      if (slot.task || !this.queue.length) continue;
      if (!slot.worker && this.running > 0 && !this.roomForAnother()) break;
      this.run(slot, this.queue.shift()!);
    }
    for (const slot of this.slots) if (slot.worker && !slot.task) this.releaseLater(slot);
  }

  private roomForAnother(): boolean {
    const free = (this.options.freeMemory ?? freemem)();
    return this.queue.length >= MIN_PAGES_FOR_EXTRA_WORKER && free >= OCR_WORKER_MB * 1024 * 1024;
  }

  private releaseLater(slot: Slot): void {
    clearTimeout(slot.release);
    const w = slot.worker;
    slot.release = setTimeout(() => {
      if (slot.worker === w && !slot.task) void this.reset(slot);
    }, this.options.releaseAfterMs ?? DEFAULT_OCR_RELEASE_MS);
    slot.release.unref();
  }

  private run(slot: Slot, task: Task): void {
    clearTimeout(slot.release);
    slot.task = task;
    const w = (slot.worker ??= this.spawn(slot));
    const { req } = task.job;
    if (slot.openDoc !== req.docKey) {
      const copy = new Uint8Array(req.data); // transferred; the caller keeps its bytes
      w.postMessage({ type: 'open', docKey: req.docKey, data: copy.buffer } satisfies OcrWorkerRequest, [copy.buffer]);
      slot.openDoc = req.docKey;
    }
    slot.id = this.nextId++;
    w.postMessage({ type: 'page', id: slot.id, docKey: req.docKey, page: task.page, options: req.options } satisfies OcrWorkerRequest);
  }

  private spawn(slot: Slot): Worker {
    const t = this.resolved!;
    const w = new Worker(t.url, { eval: t.eval, execArgv: workerExecArgv() });
    w.unref(); // an idle pool must not keep a CLI process alive
    w.on('message', (m: OcrWorkerReply) => {
      if (m.type === 'ready' || slot.worker !== w || !slot.task || m.id !== slot.id) return;
      const { job } = slot.task;
      slot.task = undefined;
      if (m.type === 'error') this.fail(job, new Error(`OCR failed: ${m.message}`));
      else if (!job.settled) {
        try {
          job.req.onPage(m.result);
        } catch (e) {
          this.fail(job, e);
        }
        if (!job.settled && --job.left === 0) {
          job.settled = true;
          job.resolve();
        }
      }
      this.schedule();
    });
    const crashed = (why: string) => {
      if (slot.worker !== w) return;
      const task = slot.task;
      slot.worker = undefined;
      slot.openDoc = undefined;
      slot.task = undefined;
      if (task) this.fail(task.job, new Error(`OCR worker stopped: ${why}`));
      this.schedule();
    };
    w.on('error', (e) => crashed(e.message));
    w.on('exit', (code) => crashed(`exit code ${code}`));
    return w;
  }

  /** Settles a job once: drops its queued pages and stops the workers busy on it. */
  private fail(job: Job, error: unknown): void {
    if (job.settled) return;
    job.settled = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].job === job) this.queue.splice(i, 1);
    for (const s of this.slots) if (s.task?.job === job) void this.reset(s);
    job.reject(error);
    this.schedule();
  }

  private async reset(slot: Slot): Promise<void> {
    clearTimeout(slot.release);
    const w = slot.worker;
    slot.worker = undefined;
    slot.openDoc = undefined;
    slot.task = undefined;
    await w?.terminate();
  }
}
