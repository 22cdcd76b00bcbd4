import { randomUUID } from 'node:crypto';
import type { JobSnapshot } from '../../../shared/contract/jobs';
import type { AppErrorData } from '../../../shared/result';
import { AppError, toErrorData } from './errors';
import type { Logger } from './logger';

export interface JobProgress {
  phase?: string;
  done?: number;
  total?: number | null;
  message?: string;
}

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Report progress; cheap to call often (events are throttled). */
  progress(p: JobProgress): void;
}

export interface JobSpec<T> {
  kind: string;
  title: string;
  run(ctx: JobContext): Promise<T>;
  /** Optional JSON-safe summary of the result for the finished event. */
  summarize?(result: T): unknown;
}

export interface JobEvents {
  progress(snapshot: JobSnapshot): void;
  finished(snapshot: JobSnapshot): void;
}

interface Entry {
  snap: JobSnapshot;
  controller: AbortController;
  lastEmit: number;
  pending?: NodeJS.Timeout;
  promise: Promise<unknown>;
}

/**
 * Long work runs as a job: `start` returns an id at once, progress is pushed (throttled to
 * ~10 events/s per job so a 700-page import cannot flood IPC), and `cancel` aborts the job's
 * AbortSignal. Finished jobs are kept briefly so a reloaded renderer can resync via `list`.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  private disposed = false;

  constructor(
    private readonly events: JobEvents,
    private readonly logger: Logger,
    private readonly opts: { throttleMs?: number; keepFinished?: number } = {}
  ) {}

  start<T>(spec: JobSpec<T>): { jobId: string; done: Promise<T> } {
    if (this.disposed) throw new AppError('INTERNAL', 'Job runner is shut down.');
    const jobId = randomUUID();
    const controller = new AbortController();
    const snap: JobSnapshot = {
      jobId,
      kind: spec.kind,
      title: spec.title,
      status: 'running',
      phase: 'starting',
      done: 0,
      total: null,
      startedAt: new Date().toISOString()
    };
    const entry: Entry = { snap, controller, lastEmit: 0, promise: Promise.resolve() };
    this.jobs.set(jobId, entry);
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (p) => this.onProgress(entry, p)
    };
    this.events.progress({ ...snap });
    const done = (async () => {
      try {
        const result = await spec.run(ctx);
        // Work that completed is reported as done even if a cancel raced in at the last moment:
        // its effects (an imported document) exist, so "cancelled" would be a lie.
        this.finish(entry, 'succeeded', undefined, spec.summarize ? spec.summarize(result) : undefined);
        return result;
      } catch (e) {
        const data: AppErrorData = controller.signal.aborted ? { code: 'CANCELLED', message: 'Cancelled.' } : toErrorData(e);
        // Expected outcomes (a damaged PDF, a wrong password) are reported to the user through the
        // job itself; only unexpected failures are errors worth a stack in the log.
        if (data.code === 'INTERNAL') this.logger.error('job failed', { jobId, kind: spec.kind, error: e });
        else if (data.code !== 'CANCELLED') this.logger.info('job ended without result', { jobId, kind: spec.kind, code: data.code, message: data.message });
        this.finish(entry, data.code === 'CANCELLED' ? 'cancelled' : 'failed', { code: data.code, message: data.message });
        throw e instanceof AppError ? e : new AppError(data.code, data.message);
      }
    })();
    // Callers that only want the id must not get unhandled rejections.
    done.catch(() => {});
    entry.promise = done;
    return { jobId, done };
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].map((e) => ({ ...e.snap }));
  }

  get(jobId: string): JobSnapshot | undefined {
    const e = this.jobs.get(jobId);
    return e ? { ...e.snap } : undefined;
  }

  /** Resolves with the final snapshot once the job settles (never rejects for job failures). */
  async wait(jobId: string): Promise<JobSnapshot> {
    const e = this.jobs.get(jobId);
    if (!e) throw new AppError('NOT_FOUND', `No job ${jobId}.`);
    await e.promise.catch(() => {});
    return { ...e.snap };
  }

  cancel(jobId: string): boolean {
    const e = this.jobs.get(jobId);
    if (!e) throw new AppError('NOT_FOUND', `No job ${jobId}.`);
    if (e.snap.status !== 'running' && e.snap.status !== 'queued') return false;
    e.controller.abort();
    return true;
  }

  activeCount(): number {
    return [...this.jobs.values()].filter((e) => e.snap.status === 'running' || e.snap.status === 'queued').length;
  }

  /** Cancels running jobs and waits (bounded) for them to settle. */
  async dispose(timeoutMs = 5000): Promise<void> {
    this.disposed = true;
    const running = [...this.jobs.values()].filter((e) => e.snap.status === 'running');
    for (const e of running) e.controller.abort();
    await Promise.race([
      Promise.allSettled(running.map((e) => e.promise)),
      new Promise((r) => setTimeout(r, timeoutMs).unref())
    ]);
    for (const e of this.jobs.values()) if (e.pending) clearTimeout(e.pending);
  }

  private onProgress(entry: Entry, p: JobProgress): void {
    if (entry.snap.status !== 'running') return;
    const s = entry.snap;
    if (p.phase !== undefined) s.phase = p.phase;
    if (p.done !== undefined) s.done = p.done;
    if (p.total !== undefined) s.total = p.total;
    if (p.message !== undefined) s.message = p.message;
    const throttle = this.opts.throttleMs ?? 100;
    const now = Date.now();
    if (now - entry.lastEmit >= throttle) {
      entry.lastEmit = now;
      this.events.progress({ ...s });
    } else if (!entry.pending) {
      // Trailing emit so the last state before a pause is always delivered.
      entry.pending = setTimeout(() => {
        entry.pending = undefined;
        entry.lastEmit = Date.now();
        if (entry.snap.status === 'running') this.events.progress({ ...entry.snap });
      }, throttle - (now - entry.lastEmit));
    }
  }

  private finish(entry: Entry, status: JobSnapshot['status'], error?: JobSnapshot['error'], result?: unknown): void {
    if (entry.pending) clearTimeout(entry.pending);
    entry.pending = undefined;
    Object.assign(entry.snap, { status, finishedAt: new Date().toISOString() });
    if (error) entry.snap.error = error;
    if (result !== undefined) entry.snap.result = result;
    this.events.finished({ ...entry.snap });
    this.prune();
  }

  private prune(): void {
    const keep = this.opts.keepFinished ?? 50;
    const finished = [...this.jobs.values()].filter((e) => e.snap.finishedAt);
    for (const e of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(e.snap.jobId);
  }
}
