/**
 * Schedules documents onto the parse workers so that every core stays busy:
 * - a free worker first starts the next waiting document (its "primary": reads the metadata and
 *   pages), because documents side by side cost nothing extra;
 * - with nothing waiting, a free worker joins the document with the most unread pages as a
 *   "helper": it opens the same bytes and the workers claim pages one at a time from a shared
 *   counter (Atomics). So a lone 700-page manual uses every core, and a batch has no tail where
 *   one worker idles while the other finishes the biggest file.
 * Joining is not free (the helper opens the document and loads its fonts again: 20-40 ms, about
 * 10 pages of work; font-heavy manuals gain little), hence "waiting documents first" and
 * MIN_SHARED_PAGES.
 *
 * Callers still get pages in page order: a page that arrives ahead of an earlier one waits here.
 */
import { abortError } from '../../platform/errors';
import type { PdfPage } from './extract';
import type { ParseRequest, PdfParser } from './pdfParser';

/** A helper joins only while at least this many pages are unclaimed. */
export const MIN_SHARED_PAGES = 16;

interface PoolJob {
  req: ParseRequest;
  counter: SharedArrayBuffer;
  /** Known once the primary has read the metadata; helpers wait for it. */
  pageCount?: number;
  /** Stops every participant: the caller's cancel, or the first participant's failure. */
  stop: AbortController;
  running: number;
  failure?: { error: unknown };
  onPage(page: PdfPage): void;
  settle(): void;
}

export class ParsePool {
  private readonly free: PdfParser[];
  private readonly waiting: PoolJob[] = [];
  private readonly active = new Set<PoolJob>();

  constructor(private readonly parsers: readonly PdfParser[]) {
    if (!parsers.length) throw new Error('ParsePool needs at least one parser');
    this.free = [...parsers];
  }

  /** True when parsing fell back to the calling thread (no worker could start). */
  get inProcess(): boolean {
    return this.parsers.some((p) => p.inProcess);
  }

  /** Parses one document; resolves when every page has been handed to `req.onPage` (in order). */
  parse(req: ParseRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (req.signal?.aborted) return reject(abortError());
      const counter = new SharedArrayBuffer(4);
      new Int32Array(counter)[0] = 1; // next page to claim (1-based)
      const onCancel = () => {
        const i = this.waiting.indexOf(job);
        if (i >= 0) {
          this.waiting.splice(i, 1);
          reject(abortError());
        } else job.stop.abort(); // each participant's PdfParser kills its worker
      };
      const job: PoolJob = {
        req,
        counter,
        stop: new AbortController(),
        running: 0,
        onPage: inPageOrder(req.onPage),
        settle: () => {
          req.signal?.removeEventListener('abort', onCancel);
          this.active.delete(job);
          if (job.failure) reject(job.failure.error);
          else resolve();
        }
      };
      req.signal?.addEventListener('abort', onCancel, { once: true });
      this.waiting.push(job);
      this.schedule();
    });
  }

  /** Starts one idle parser's worker ahead of a parse (see PdfParser.warm); the others start when needed. */
  warm(memoryMb?: number): void {
    if (this.free.length === this.parsers.length) this.free[0].warm(memoryMb);
  }

  async dispose(): Promise<void> {
    for (const job of this.waiting.splice(0)) {
      job.failure = { error: abortError() };
      job.settle();
    }
    await Promise.all(this.parsers.map((p) => p.dispose()));
  }

  private schedule(): void {
    while (this.free.length) {
      const next = this.waiting.shift();
      if (next) {
        this.start(next, this.free.shift()!, 'primary');
        continue;
      }
      // In-process parsing gains nothing from company: only worker threads help out.
      const helperAt = this.free.findIndex((p) => !p.inProcess);
      const job = helperAt >= 0 ? this.neediest() : undefined;
      if (!job) return;
      this.start(job, this.free.splice(helperAt, 1)[0], 'helper');
    }
  }

  /** The running document with the most unclaimed pages, if that is worth a helper. */
  private neediest(): PoolJob | undefined {
    let best: PoolJob | undefined;
    let bestLeft = MIN_SHARED_PAGES - 1;
    for (const job of this.active) {
      if (job.pageCount === undefined || job.stop.signal.aborted) continue;
      const left = job.pageCount + 1 - Atomics.load(new Int32Array(job.counter), 0);
      if (left > bestLeft) [best, bestLeft] = [job, left];
    }
    return best;
  }

  private start(job: PoolJob, parser: PdfParser, role: 'primary' | 'helper'): void {
    job.running++;
    this.active.add(job);
    const { data, password, maxPages, limits } = job.req;
    parser
      .parse({
        data,
        password,
        maxPages,
        limits,
        signal: job.stop.signal,
        share: { counter: job.counter, role },
        onPage: job.onPage,
        onMeta: (meta) => {
          if (role !== 'primary') return;
          job.req.onMeta(meta);
          job.pageCount = meta.pageCount;
          this.schedule(); // a free worker may join now
        }
      })
      .catch((error: unknown) => {
        job.failure ??= { error };
        job.stop.abort();
      })
      .finally(() => {
        this.free.push(parser);
        if (--job.running === 0) job.settle();
        this.schedule();
      });
  }
}

/** Wraps a page callback so pages reach it in page order whatever order the workers finish them in. */
export function inPageOrder(onPage: (page: PdfPage) => void): (page: PdfPage) => void {
  const early = new Map<number, PdfPage>();
  let next = 1;
  return (page) => {
    if (page.page !== next) {
      early.set(page.page, page);
      return;
    }
    onPage(page);
    next++;
    for (let p = early.get(next); p; p = early.get(next)) {
      early.delete(next);
      onPage(p);
      next++;
    }
  };
}
