import { describe, expect, it } from 'vitest';
import { createLibraryStore } from '../../../../src/renderer/src/features/library/libraryStore';
import type { DocumentSummary } from '../../../../src/shared/contract/library';
import { createFakeApi } from '../shell/fakeApi';
import { AppError } from '../../../../src/shared/result';
import { doc } from './fixtures';

/** A tiny in-memory library core: enough behaviour for the store to be tested against. */
function fakeLibrary(initial: DocumentSummary[]) {
  let docs = [...initial];
  let nextJob = 1;
  const fake = createFakeApi({
    'library.list': () => docs,
    'library.import': ({ paths }) => {
      const files = paths.filter((p) => p.endsWith('.pdf')).map((path) => ({ path, jobId: `job${nextJob++}` }));
      return { jobIds: files.map((f) => f.jobId), files, skipped: paths.filter((p) => !p.endsWith('.pdf')).map((path) => ({ path, reason: 'not a PDF' })) };
    },
    'library.update': ({ id, patch }) => {
      const d = docs.find((x) => x.id === id);
      if (!d) throw new AppError('NOT_FOUND', 'no such document');
      const next = { ...d, ...patch } as DocumentSummary;
      docs = docs.map((x) => (x.id === id ? next : x));
      return next;
    },
    'library.delete': ({ id }) => {
      const before = docs.length;
      docs = docs.filter((d) => d.id !== id);
      return { deleted: docs.length < before };
    },
    'library.unlock': ({ id, password }) => {
      if (password !== 'secret') throw new AppError('NEEDS_PASSWORD', `wrong password for ${id}`);
      return { jobId: `unlock-${id}` };
    }
  });
  return { fake, docs: () => docs, add: (d: DocumentSummary) => (docs = [...docs, d]) };
}

describe('library store', () => {
  it('lists documents and reports skipped files from an import', async () => {
    const { fake } = fakeLibrary([doc()]);
    const store = createLibraryStore(fake.api);
    await store.getState().refresh();
    expect(store.getState().documents.map((d) => d.id)).toEqual(['d1']);
    const jobIds = await store.getState().importPaths(['/u/a.pdf', '/u/notes.txt', '/u/b.pdf']);
    expect(jobIds).toEqual(['job1', 'job2']);
    expect(store.getState().skipped).toEqual([{ path: '/u/notes.txt', reason: 'not a PDF' }]);
    expect(store.getState().busy.import).toBeUndefined();
  });

  it('saves a metadata patch and replaces the row with the answer', async () => {
    const { fake } = fakeLibrary([doc(), doc({ id: 'd2', title: 'Other' })]);
    const store = createLibraryStore(fake.api);
    await store.getState().refresh();
    expect(await store.getState().updateMetadata('d1', { machineModels: ['X200', 'X300'] })).toBe(true);
    expect(store.getState().documents.find((d) => d.id === 'd1')?.machineModels).toEqual(['X200', 'X300']);
    expect(fake.callsTo('library.update')).toEqual([{ id: 'd1', patch: { machineModels: ['X200', 'X300'] } }]);
    expect(await store.getState().updateMetadata('nope', { title: 'x' })).toBe(false);
    expect(store.getState().error?.code).toBe('NOT_FOUND');
  });

  it('delete removes the row; a wrong password surfaces the error', async () => {
    const { fake } = fakeLibrary([doc(), doc({ id: 'd2' })]);
    const store = createLibraryStore(fake.api);
    await store.getState().refresh();
    expect(await store.getState().remove('d1')).toBe(true);
    expect(store.getState().documents.map((d) => d.id)).toEqual(['d2']);
    expect(await store.getState().unlock('d2', 'guess')).toBeNull();
    expect(store.getState().error?.code).toBe('NEEDS_PASSWORD');
    expect(await store.getState().unlock('d2', 'secret')).toBe('unlock-d2');
  });

  it('coalesces a burst of library.changed events into one refresh; deletions apply at once', async () => {
    const lib = fakeLibrary([doc()]);
    const store = createLibraryStore(lib.fake.api, { refreshDelayMs: 5 });
    await store.getState().refresh();
    lib.add(doc({ id: 'd2' }));
    for (let i = 0; i < 5; i++) store.getState().onChanged({ reason: 'indexed', docIds: ['d2'] });
    await new Promise((r) => setTimeout(r, 30));
    expect(lib.fake.callsTo('library.list')).toHaveLength(2);
    expect(store.getState().documents.map((d) => d.id)).toEqual(['d1', 'd2']);
    store.getState().onChanged({ reason: 'deleted', docIds: ['d1'] });
    expect(store.getState().documents.map((d) => d.id)).toEqual(['d2']);
  });

  it('test search keeps only the answer to the latest query', async () => {
    const resolvers: Array<() => void> = [];
    const fake = createFakeApi({
      'search.query': (input) =>
        new Promise((resolve) => {
          resolvers.push(() =>
            resolve({
              passages: [],
              evidence: { strength: input.text === 'new' ? 0.9 : 0.1, threshold: 0.35, belowThreshold: input.text !== 'new', signals: {} },
              lanes: ['text'],
              query: { terms: [input.text], identifiers: [], expansions: [] },
              tookMs: 1
            })
          );
        })
    });
    const store = createLibraryStore(fake.api);
    const first = store.getState().runSearch('old');
    const second = store.getState().runSearch('new');
    resolvers[1]();
    await second;
    resolvers[0]();
    await first;
    expect(store.getState().search.result?.evidence.strength).toBe(0.9);
    expect(store.getState().search.running).toBe(false);
  });

  it('toggleSort flips direction on the same column and resets on another', () => {
    const store = createLibraryStore(createFakeApi().api);
    store.getState().toggleSort('title');
    expect(store.getState().sort).toEqual({ key: 'title', dir: 'asc' });
    store.getState().toggleSort('title');
    expect(store.getState().sort).toEqual({ key: 'title', dir: 'desc' });
    store.getState().toggleSort('pageCount');
    expect(store.getState().sort).toEqual({ key: 'pageCount', dir: 'asc' });
  });
});
