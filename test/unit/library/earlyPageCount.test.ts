import { describe, expect, it } from 'vitest';
import { queuedWithPageCount } from '../../../src/main/core/library/earlyPageCount';
import type { JobContext, JobProgress } from '../../../src/main/core/platform/jobRunner';

/** A job context that records what the job reported, and a quick count the test answers by hand. */
function setup() {
  const reported: JobProgress[] = [];
  const ac = new AbortController();
  const ctx: JobContext = { jobId: 'j1', signal: ac.signal, progress: (p) => reported.push(p) };
  let answer!: (n: number | undefined) => void;
  const count = () => new Promise<number | undefined>((r) => (answer = r));
  const settle = () => new Promise((r) => setImmediate(r));
  return { reported, ac, ctx, count, answer: (n: number | undefined) => answer(n), settle };
}

describe('page count shown while an import is queued', () => {
  it('marks the job queued, then publishes the quick count as its total', async () => {
    const t = setup();
    const job = queuedWithPageCount(t.ctx, '/x.pdf', t.count);
    expect(t.reported).toEqual([{ phase: 'queued' }]);
    t.answer(214);
    await t.settle();
    expect(t.reported).toEqual([{ phase: 'queued' }, { total: 214 }]);
    job.progress({ phase: 'read', done: 0 });
    expect(t.reported.at(-1)).toEqual({ phase: 'read', done: 0 });
  });

  it("a quick count that arrives after the parser's own total is dropped", async () => {
    const t = setup();
    const job = queuedWithPageCount(t.ctx, '/x.pdf', t.count);
    job.progress({ total: 12 });
    t.answer(13);
    await t.settle();
    expect(t.reported.filter((p) => p.total !== undefined)).toEqual([{ total: 12 }]);
  });

  it('no count (damaged file) or a cancelled job publishes nothing', async () => {
    const none = setup();
    queuedWithPageCount(none.ctx, '/bad.pdf', none.count);
    none.answer(undefined);
    await none.settle();
    const cancelled = setup();
    queuedWithPageCount(cancelled.ctx, '/x.pdf', cancelled.count);
    cancelled.ac.abort();
    cancelled.answer(5);
    await cancelled.settle();
    expect([none.reported, cancelled.reported]).toEqual([[{ phase: 'queued' }], [{ phase: 'queued' }]]);
  });
});
