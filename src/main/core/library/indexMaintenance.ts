import type { LanceStore } from '../index/lanceStore';
import { TABLES } from '../index/schema';
import { sqlEq } from '../index/sql';
import type { JobRunner } from '../platform/jobRunner';
import type { Logger } from '../platform/logger';
import type { LibraryRepo } from './libraryRepo';
import { OPTIMIZE_JOB_KIND } from './libraryRows';

/** The library optimizes only its own tables; vector tables belong to the embeddings side. */
export const LEXICAL_TABLES = [TABLES.documents, TABLES.pages, TABLES.chunks];

/**
 * Folds new and changed rows of the library's tables into their indexes, as a job of its own.
 * Documents are searchable before that (LanceDB scans rows not yet indexed); optimizing keeps
 * search fast. One run at a time: a request while one runs makes it do one more pass.
 */
export class IndexOptimizer {
  private timer?: NodeJS.Timeout;
  private running?: { jobId: string; done: Promise<void> };
  private again = false;

  constructor(private readonly d: { store: LanceStore; jobs: JobRunner; logger: Logger }) {}

  /**
   * Starts the optimize job now (or joins the running one, which then does one more pass), so a
   * caller that waits for the returned job sees every change made before the call folded in.
   */
  run(): { jobId: string } {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return { jobId: this.running.jobId };
    }
    const { jobId, done } = this.d.jobs.start({
      kind: OPTIMIZE_JOB_KIND,
      title: 'Optimize search index',
      run: async (ctx) => {
        do {
          this.again = false;
          ctx.progress({ phase: 'optimize' });
          await this.d.store.optimize(LEXICAL_TABLES);
        } while (this.again && !ctx.signal.aborted);
      }
    });
    const run = {
      jobId,
      done: done.then(
        () => {},
        (e: unknown) => this.d.logger.warn('optimize failed', { error: String(e) })
      )
    };
    this.running = run;
    void run.done.then(() => {
      if (this.running === run) this.running = undefined;
    });
    return { jobId };
  }

  /** Resolves once no optimize job is running (the CLI waits for it before exiting). */
  async settled(): Promise<void> {
    await this.running?.done;
  }

  /** For internal triggers: a shutting-down job runner refuses new jobs, and that is fine. */
  inBackground(): void {
    try {
      this.run();
    } catch (e) {
      this.d.logger.warn('optimize not started', { error: String(e) });
    }
  }

  /** Edits and deletes come in bursts: optimize once they have stopped for two seconds. */
  soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inBackground();
    }, 2000);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * After a crash or kill mid-import: drop the partial rows of documents left 'importing' and mark
 * them failed with a reason that says how to resume; then optimize, since rows were deleted.
 */
export async function recoverInterruptedImports(repo: LibraryRepo, store: LanceStore, logger: Logger): Promise<string[]> {
  const stuck = await repo.listDocs(sqlEq('status', 'importing'));
  for (const d of stuck) {
    await repo.deleteContent(d.id, false);
    await repo.putDoc({
      ...d,
      status: 'failed',
      statusDetail: 'import was interrupted (the app stopped mid-import); reindex to resume',
      updatedAt: new Date().toISOString()
    });
    logger.warn('recovered interrupted import', { docId: d.id, file: d.fileName });
  }
  if (stuck.length) await store.optimize(LEXICAL_TABLES);
  return stuck.map((d) => d.id);
}
