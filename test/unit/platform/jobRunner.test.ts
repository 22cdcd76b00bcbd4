import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../src/shared/contract/jobs';
import { JobRunner } from '../../../src/main/core/platform/jobRunner';
import { AppError } from '../../../src/main/core/platform/errors';
import { nullLogger } from '../../../src/main/core/platform/logger';

function runner(throttleMs = 50) {
  const progress: JobSnapshot[] = [];
  const finished: JobSnapshot[] = [];
  const jobs = new JobRunner({ progress: (s) => progress.push(s), finished: (s) => finished.push(s) }, nullLogger, { throttleMs });
  return { jobs, progress, finished };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobRunner', () => {
  it('throttles progress events but always delivers the last state', async () => {
    const { jobs, progress, finished } = runner(50);
    const { done } = jobs.start({
      kind: 'test',
      title: 'count',
      async run(ctx) {
        for (let i = 1; i <= 1000; i++) ctx.progress({ phase: 'count', done: i, total: 1000 });
        await sleep(80);
        return 'ok';
      },
      summarize: (r) => ({ r })
    });
    expect(await done).toBe('ok');
    // 1000 progress calls within one throttle window collapse to a start + a trailing event.
    expect(progress.length).toBeLessThan(10);
    expect(progress.at(-1)).toMatchObject({ done: 1000, total: 1000, phase: 'count' });
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ status: 'succeeded', result: { r: 'ok' } });
  });

  it('cancels through the AbortSignal and reports cancelled', async () => {
    const { jobs, finished } = runner();
    const { jobId, done } = jobs.start({
      kind: 'test',
      title: 'wait',
      run: (ctx) =>
        new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stop'))))
    });
    expect(jobs.cancel(jobId)).toBe(true);
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(finished[0].status).toBe('cancelled');
    expect(jobs.cancel(jobId)).toBe(false);
    expect((await jobs.wait(jobId)).status).toBe('cancelled');
  });

  it('reports failures with code and message and keeps them listable', async () => {
    const { jobs } = runner();
    const { jobId } = jobs.start({
      kind: 'test',
      title: 'boom',
      async run() {
        throw new AppError('UNSUPPORTED_FILE', 'not a pdf');
      }
    });
    const snap = await jobs.wait(jobId);
    expect(snap).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'not a pdf' } });
    expect(jobs.list().map((j) => j.jobId)).toContain(jobId);
  });

  it('throws NOT_FOUND for unknown jobs and aborts running jobs on dispose', async () => {
    const { jobs } = runner();
    expect(() => jobs.cancel('nope')).toThrow(/No job/);
    let aborted = false;
    jobs.start({
      kind: 'test',
      title: 'long',
      run: (ctx) =>
        new Promise((resolve) =>
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve(undefined);
          })
        )
    });
    await jobs.dispose(1000);
    expect(aborted).toBe(true);
    expect(() => jobs.start({ kind: 'x', title: 'x', run: async () => 1 })).toThrow(/shut down/);
  });
});

describe('JobRunner cancel races', () => {
  it('reports succeeded when the work finished before a late cancel took effect', async () => {
    const progress: JobSnapshot[] = [];
    const finished: JobSnapshot[] = [];
    const jobs = new JobRunner({ progress: (s) => progress.push(s), finished: (s) => finished.push(s) }, nullLogger);
    let cancelNow: () => boolean = () => false;
    const { jobId, done } = jobs.start({
      kind: 'test',
      title: 'late cancel',
      async run() {
        await sleep(0); // let start() return so the cancel hook is set
        // The job's effect is complete; a cancel arrives before the runner records the outcome.
        expect(cancelNow()).toBe(true);
        return 'imported';
      }
    });
    cancelNow = () => jobs.cancel(jobId);
    expect(await done).toBe('imported');
    expect(finished[0].status).toBe('succeeded');
  });
});
