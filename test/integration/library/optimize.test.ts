import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { FTS_INDEX } from '../../../src/main/core/index/lanceStore';
import { TABLES } from '../../../src/main/core/index/schema';
import { OPTIMIZE_JOB_KIND } from '../../../src/main/core/library/libraryRows';
import type { JobSnapshot } from '../../../src/shared/contract/jobs';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { tempCore } from '../../helpers/tempCore';
import { importAndWait } from './helpers';
import { unwrap } from '../../../src/shared/result';

const optimizeJobs = (core: Core) => core.jobs.list().filter((j) => j.kind === OPTIMIZE_JOB_KIND);

describe('index optimize runs as its own job after an import batch', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let files: string[];
  beforeAll(async () => {
    const t = await tempCore();
    core = t.core;
    cleanup = t.cleanup;
    const dir = join(t.dir, 'incoming');
    files = [
      await writePdf(dir, 'x200.pdf', await makeManualPdf(sampleManualSpec())),
      await writePdf(dir, 'other.pdf', await makeManualPdf({ title: 'Other', pages: [{ text: 'Fault E-777 means the service door is open. Close the door and press reset; if the code returns, check the door switch.' }] }))
    ];
  });
  afterAll(() => cleanup());

  it('documents are ready (and searchable) when their import jobs end; the optimize job then folds them into the FTS index', async () => {
    const finished: JobSnapshot[] = [];
    const off = core.events.on('jobs.finished', (s) => finished.push(s));
    const results = await importAndWait(core, files);
    expect(results.map((r) => r.outcome?.outcome)).toEqual(['imported', 'imported']);
    // The import jobs never enter an 'optimize' phase themselves any more.
    expect(results.every((r) => r.job.phase !== 'optimize')).toBe(true);
    const found = unwrap(await core.api.search.query({ text: 'E-777' }));
    expect(found.passages[0]?.docTitle).toBe('Other');

    const [job] = optimizeJobs(core);
    expect(job).toBeDefined();
    const done = await core.jobs.wait(job.jobId);
    off();
    expect(done.status).toBe('succeeded');
    expect(finished.map((s) => s.kind).slice(-1)).toEqual([OPTIMIZE_JOB_KIND]);
    expect(await core.index.unindexedRows(TABLES.chunks, FTS_INDEX.searchText)).toBe(0);
    expect(await core.index.unindexedRows(TABLES.chunks, FTS_INDEX.ident)).toBe(0);
  });

  it('library.optimize starts a job; asking again while it runs joins it (one more pass), not a second job', async () => {
    // A gate, not a race: the index write lock is held, so the job's optimize waits behind it and
    // is certainly still running at the second request (with nothing to fold in it ended in
    // between on a fast run: a flaky test).
    let release!: () => void;
    const held = core.index.withWriteLock(() => new Promise<void>((r) => (release = r)));
    const first = unwrap(await core.api.library.optimize());
    const second = unwrap(await core.api.library.optimize());
    expect(second.jobId).toBe(first.jobId);
    release();
    await held;
    expect((await core.jobs.wait(first.jobId)).status).toBe('succeeded');
    const third = unwrap(await core.api.library.optimize());
    expect(third.jobId).not.toBe(first.jobId);
    // What the CLI awaits before exiting: nothing of the optimize may still be running after it.
    await core.library.optimizeSettled();
    expect(core.jobs.get(third.jobId)?.status).toBe('succeeded');
  });
});
