import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LanceStore } from '../../../src/main/core/index/lanceStore';
import { TABLES } from '../../../src/main/core/index/schema';
import { VectorStore, vectorModelKey } from '../../../src/main/core/index/vectorStore';

const unit = (seed: number, dim: number): number[] => {
  const v = Array.from({ length: dim }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const rows = (n: number, dim: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ chunkId: `d:${from + i}:0`, docId: 'd', vector: unit(from + i, dim), machineModels: ['X200'], tags: [], language: 'en' }));

describe('VectorStore', () => {
  let dir: string;
  let store: LanceStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-vec-'));
    store = await LanceStore.open(dir);
  });
  afterAll(async () => {
    await store?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('records model id + dimension and recreates a table whose dimension changed', async () => {
    const vs = new VectorStore(store);
    await vs.load();
    const key = vectorModelKey('m', 'ffff0000aaaa');
    const t = await vs.open(key, 'm', 'ffff0000aaaa', 8);
    await vs.add(t, rows(5, 8));
    expect(vs.getMeta(key)).toMatchObject({ modelId: 'm', dimension: 8, complete: false });
    // Same key, different width (a corrupt/old meta): the old vectors are dropped, never mixed.
    await vs.setMeta(key, { ...vs.getMeta(key)!, dimension: 16 });
    const t2 = await vs.open(key, 'm', 'ffff0000aaaa', 8);
    expect(await t2.countRows()).toBe(0);
    const again = new VectorStore(store);
    await again.load();
    expect(again.getMeta(key)?.dimension).toBe(8);
  });

  it('builds an ANN index only once the table is big enough', async () => {
    const vs = new VectorStore(store, { annMinRows: 300 });
    await vs.load();
    const key = vectorModelKey('ann', '1234567890ab');
    const t = await vs.open(key, 'ann', '1234567890ab', 16);
    await vs.add(t, rows(200, 16));
    expect(await vs.maybeIndex(t)).toBe(false);
    await vs.add(t, rows(200, 16, 200));
    expect(await vs.maybeIndex(t)).toBe(true);
    expect((await t.listIndices()).some((i) => i.columns.includes('vector'))).toBe(true);
    const hits = (await t.query().nearestTo(unit(7, 16)).limit(3).toArray()) as Array<{ chunkId: string }>;
    expect(hits).toHaveLength(3);
    expect(t.name).toBe(TABLES.vectors(key));
  });
});
