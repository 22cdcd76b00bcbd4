/**
 * "0 of 214 pages" the moment a file is queued: the page count is read from the PDF's skeleton
 * (pdf/pageCount.ts, milliseconds, main thread) instead of waiting until a parse worker has
 * started on the file, which can take many seconds behind other files or a cold worker.
 */
import type { JobContext } from '../platform/jobRunner';
import { countPdfPages } from './pdf/pageCount';

/**
 * Marks the job as queued and publishes the quick count as its total once known. The returned
 * context is the one the import uses: once the import reports a total of its own (the parser's
 * count, or OCR's page total) that one stands and a late quick count is dropped.
 */
export function queuedWithPageCount(ctx: JobContext, path: string, count: (path: string) => Promise<number | undefined> = countPdfPages): JobContext {
  let ownTotal = false;
  ctx.progress({ phase: 'queued' });
  void count(path).then(
    (pages) => {
      if (pages !== undefined && !ownTotal && !ctx.signal.aborted) ctx.progress({ total: pages });
    },
    () => {} // only a hint: the parser counts the pages anyway
  );
  return {
    jobId: ctx.jobId,
    signal: ctx.signal,
    progress: (p) => {
      if (typeof p.total === 'number') ownTotal = true;
      ctx.progress(p);
    }
  };
}
