import { describe, expect, it } from 'vitest';
import { createJobsStore, jobsOfKind } from '../../../../src/renderer/src/lib/jobsStore';
import { createFakeApi } from './fakeApi';
import { job } from './fixtures';

describe('jobs store', () => {
  it('loads jobs.list, keeps insertion order and filters by kind', async () => {
    const fake = createFakeApi({
      'jobs.list': () => [job({ jobId: 'a' }), job({ jobId: 'b', kind: 'models.download' }), job({ jobId: 'c' })]
    });
    const store = createJobsStore(fake.api);
    await store.getState().load();
    expect(store.getState().order).toEqual(['a', 'b', 'c']);
    store.getState().apply(job({ jobId: 'a', done: 9 }));
    expect(store.getState().order).toEqual(['a', 'b', 'c']);
    expect(jobsOfKind(store.getState(), ['library.import']).map((j) => j.jobId)).toEqual(['a', 'c']);
    store.getState().dismiss('c');
    expect(jobsOfKind(store.getState(), ['library.import']).map((j) => j.jobId)).toEqual(['a']);
  });

  it('ignores a late progress event after the job finished', () => {
    const store = createJobsStore(createFakeApi().api);
    store.getState().apply(job({ jobId: 'a', status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'damaged' } }));
    store.getState().apply(job({ jobId: 'a', status: 'running', done: 5 }));
    expect(store.getState().byId.a.status).toBe('failed');
  });

  it('cancel calls jobs.cancel with the id and reports the answer', async () => {
    const fake = createFakeApi({ 'jobs.cancel': ({ jobId }) => ({ cancelled: jobId === 'a' }) });
    const store = createJobsStore(fake.api);
    expect(await store.getState().cancel('a')).toBe(true);
    expect(await store.getState().cancel('zz')).toBe(false);
    expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId: 'a' }, { jobId: 'zz' }]);
  });
});

describe('cleared jobs', () => {
  it('stay cleared after a reload (remembered in storage)', async () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    const fake = createFakeApi({ 'jobs.list': () => [job({ jobId: 'a', status: 'succeeded' }), job({ jobId: 'b', status: 'succeeded' })] });
    const first = createJobsStore(fake.api, storage);
    await first.getState().load();
    first.getState().dismiss('a');
    const reloaded = createJobsStore(fake.api, storage);
    await reloaded.getState().load();
    expect(jobsOfKind(reloaded.getState(), ['library.import']).map((j) => j.jobId)).toEqual(['b']);
  });

  it('a damaged storage entry is ignored, not fatal', async () => {
    const storage = { getItem: () => '{not json', setItem: () => {} };
    const store = createJobsStore(createFakeApi({ 'jobs.list': () => [job({ jobId: 'a' })] }).api, storage);
    await store.getState().load();
    expect(jobsOfKind(store.getState(), ['library.import']).map((j) => j.jobId)).toEqual(['a']);
  });
});
