import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChunkRow } from '../../../src/main/core/index/schema';
import { TABLES } from '../../../src/main/core/index/schema';
import { vectorModelKey } from '../../../src/main/core/index/vectorStore';
import type { ModelsState } from '../../../src/shared/contract/models';
import { tempCore } from '../../helpers/tempCore';
import { ensureFixture, tinyEmbeddingModel } from '../../fixtures/gguf/generators';

type TC = Awaited<ReturnType<typeof tempCore>>;

// 40 + 10 - 5 + 300 chunks by the end of the resume test.
const ALL = 345;
const TOPICS = ['hydraulic pump pressure fault', 'reset the E-204 alarm', 'replace the oil filter', 'motor temperature sensor', 'valve calibration procedure', 'safety lockout before service'];
function chunk(docId: string, i: number, tags: string[] = []): ChunkRow {
  const text = `${TOPICS[i % TOPICS.length]} step ${i} on the X200.`;
  return { id: `${docId}:${i + 1}:0`, docId, docTitle: `Manual ${docId}`, page: i + 1, pageEnd: i + 1, pageLabel: String(i + 1), sectionPath: 'Service', ordinal: i, text, charStart: 0, charEnd: text.length, searchText: text, machineModels: ['X200'], tags, language: 'en' };
}
const addChunks = (t: TC, rows: ChunkRow[]) => t.core.index.withWriteLock(() => t.core.index.chunks().add(rows as unknown as Record<string, unknown>[]));

async function loadAndWait(t: TC, id: string): Promise<void> {
  const r = await t.core.api.models.load({ id });
  if (!r.ok) throw new Error(r.error.message);
  const snap = await t.core.jobs.wait(r.value.jobId);
  if (snap.status !== 'succeeded') throw new Error(`load ${snap.status}: ${snap.error?.message}`);
}
async function waitIdle(t: TC): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const s = t.core.models.state().embeddings;
    if (!s.jobId && !s.buildingModelId) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('embedding build did not finish');
}

describe('embeddings into per-model vector tables', () => {
  let t: TC;
  let a = '';
  let b = '';
  const states: ModelsState[] = [];
  beforeAll(async () => {
    t = await tempCore();
    t.core.events.on('models.state', (s) => states.push(s));
    await addChunks(t, Array.from({ length: 40 }, (_, i) => chunk('doc1', i)));
    const ia = await t.core.api.models.import({ path: tinyEmbeddingModel(), mode: 'reference' });
    // A second embedding model with another width: its vectors must never meet model A's.
    const ib = await t.core.api.models.import({ path: ensureFixture('embedding', { nEmbd: 32, nHead: 2, seed: 11, name: 'second-embed' }), mode: 'reference' });
    if (!ia.ok || !ib.ok) throw new Error('import failed');
    a = ia.value.id;
    b = ib.value.id;
  });
  afterAll(async () => t?.cleanup());

  it('embeds every chunk for the loaded model with the right dimension, deterministically', async () => {
    expect(t.core.models.embeddings.vectorSource()).toBeNull();
    await loadAndWait(t, a);
    await waitIdle(t);
    const src = t.core.models.embeddings.vectorSource();
    expect(src).not.toBeNull();
    expect(src!.modelId).toBe(a);
    expect(src!.dimension).toBe(64);
    const info = t.core.models.registry.get(a)!;
    expect(src!.table.name).toBe(TABLES.vectors(vectorModelKey(a, info.fingerprint)));
    expect(await src!.table.countRows()).toBe(40);
    const q1 = await src!.embedQuery('pump pressure');
    const q2 = await src!.embedQuery('pump pressure');
    expect(q1).toHaveLength(64);
    expect(q1).toEqual(q2);
    expect(Math.hypot(...q1)).toBeCloseTo(1, 5);
    const hits = (await src!.table.query().nearestTo(q1).limit(3).toArray()) as Array<{ chunkId: string }>;
    expect(hits).toHaveLength(3);
    const st = t.core.models.state().embeddings;
    expect(st).toMatchObject({ servingModelId: a, embedded: 40, total: 40, complete: true });
    expect((await t.core.health()).components.find((c) => c.name === 'embeddingModel')?.status).toBe('ok');
  });

  it('search uses the active vector table as its vector lane', async () => {
    const r = await t.core.api.search.query({ text: 'hydraulic pump pressure', limit: 5 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.lanes).toContain('vector');
  });

  it('catches up on library changes: embeds only new chunks, drops removed ones, follows tag edits', async () => {
    await addChunks(t, Array.from({ length: 10 }, (_, i) => chunk('doc2', i, ['hydraulics'])));
    await t.core.index.withWriteLock(() => t.core.index.chunks().delete("`docId` = 'doc1' AND `ordinal` >= 35"));
    const r = await t.core.api.models.reembed();
    if (!r.ok) throw new Error(r.error.message);
    const snap = await t.core.jobs.wait(r.value.jobId);
    expect(snap.status).toBe('succeeded');
    expect(snap.result).toMatchObject({ added: 10, removed: 5, total: 45 });
    const table = t.core.models.embeddings.vectorSource()!.table;
    expect(await table.countRows()).toBe(45);
    expect(await table.countRows("array_has(`tags`, 'hydraulics')")).toBe(10);
  });

  it('a cancelled build resumes where it stopped', async () => {
    await addChunks(t, Array.from({ length: 300 }, (_, i) => chunk('doc3', i)));
    const r = await t.core.api.models.reembed();
    if (!r.ok) throw new Error(r.error.message);
    const jobId = r.value.jobId;
    await new Promise<void>((resolve) => {
      const off = t.core.events.on('jobs.progress', (s) => {
        if (s.jobId === jobId && s.done >= 45 + 16) {
          off();
          t.core.jobs.cancel(jobId);
          resolve();
        }
      });
    });
    const cancelled = await t.core.jobs.wait(jobId);
    expect(cancelled.status).toBe('cancelled');
    const table = t.core.models.embeddings.vectorSource()!.table;
    const partial = await table.countRows();
    expect(partial).toBeGreaterThanOrEqual(45 + 16);
    expect(partial).toBeLessThan(ALL);
    const again = await t.core.api.models.reembed();
    if (!again.ok) throw new Error(again.error.message);
    const snap = await t.core.jobs.wait(again.value.jobId);
    expect(snap.result).toMatchObject({ added: ALL - partial, total: ALL });
    expect(await table.countRows()).toBe(ALL);
  });

  it('switching models re-embeds in the background while the previous vectors keep serving; tables never mix', async () => {
    states.length = 0;
    await loadAndWait(t, b);
    // While B was building, A kept serving.
    expect(states.some((s) => s.embeddings.buildingModelId === b && s.embeddings.servingModelId === a)).toBe(true);
    await waitIdle(t);
    const src = t.core.models.embeddings.vectorSource()!;
    expect(src.modelId).toBe(b);
    expect(src.dimension).toBe(32);
    expect(await src.table.countRows()).toBe(ALL);
    expect((await src.embedQuery('pump')).length).toBe(32);
    // A's table is untouched and separate: same rows, its own width.
    const names = await t.core.index.tableNames();
    const ka = TABLES.vectors(vectorModelKey(a, t.core.models.registry.get(a)!.fingerprint));
    const kb = TABLES.vectors(vectorModelKey(b, t.core.models.registry.get(b)!.fingerprint));
    expect(names).toEqual(expect.arrayContaining([ka, kb]));
    expect(ka).not.toBe(kb);
    const rowsA = (await t.core.index.table(ka)!.query().limit(5000).toArray()) as Array<{ vector: ArrayLike<number> }>;
    const rowsB = (await t.core.index.table(kb)!.query().limit(5000).toArray()) as Array<{ vector: ArrayLike<number> }>;
    expect(rowsA.length).toBe(ALL);
    expect(new Set(rowsA.map((r) => r.vector.length))).toEqual(new Set([64]));
    expect(new Set(rowsB.map((r) => r.vector.length))).toEqual(new Set([32]));
    expect(t.core.models.state().embeddings).toMatchObject({ servingModelId: b, buildingModelId: null, complete: true });
  });

  it('switching back to a model with a complete table serves immediately without re-embedding', async () => {
    await loadAndWait(t, a);
    await waitIdle(t);
    const jobs = t.core.jobs.list().filter((j) => j.kind === 'embeddings.build');
    expect(jobs.at(-1)?.result).toMatchObject({ added: 0, total: ALL });
    expect(t.core.models.embeddings.vectorSource()!.modelId).toBe(a);
  });
});

describe('embeddings follow library.changed events', () => {
  it('embeds new chunks after an "indexed" event and re-embeds re-indexed documents', async () => {
    const t = await tempCore();
    try {
      await addChunks(t, Array.from({ length: 5 }, (_, i) => chunk('d1', i)));
      const imp = await t.core.api.models.import({ path: tinyEmbeddingModel(), mode: 'reference' });
      if (!imp.ok) throw new Error(imp.error.message);
      await loadAndWait(t, imp.value.id);
      await waitIdle(t);
      const table = t.core.models.embeddings.vectorSource()!.table;
      expect(await table.countRows()).toBe(5);
      const before = t.core.jobs.list().filter((j) => j.kind === 'embeddings.build').length;
      await addChunks(t, Array.from({ length: 7 }, (_, i) => chunk('d2', i)));
      t.core.events.emit('library.changed', { reason: 'indexed', docIds: ['d2', 'd1'] });
      for (let i = 0; i < 200 && t.core.jobs.list().filter((j) => j.kind === 'embeddings.build').length === before; i++) await new Promise((r) => setTimeout(r, 50));
      await waitIdle(t);
      const last = t.core.jobs.list().filter((j) => j.kind === 'embeddings.build').at(-1)!;
      // d1 was re-indexed: its 5 vectors were dropped and embedded again along with d2's 7.
      expect(last.result).toMatchObject({ added: 12, total: 12 });
      expect(await table.countRows()).toBe(12);
    } finally {
      await t.cleanup();
    }
  });
});
