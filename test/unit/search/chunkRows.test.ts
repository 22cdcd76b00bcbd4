import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorSchema } from '../../../src/main/core/index/vectorStore';
import type { LanceStore } from '../../../src/main/core/index/lanceStore';
import { ChunkRows } from '../../../src/main/core/search/chunkRows';
import { SearchService } from '../../../src/main/core/search/searchService';
import type { VectorSource } from '../../../src/main/core/search/ports';
import { chunkRows, seedIndex, type SeedDoc } from './seedIndex';

// The vector lane returns chunk references only; the records a search shows are read afterwards
// (by row id, or by chunk id when a row id no longer holds its chunk).
const DOCS: SeedDoc[] = [
  { id: 'a', title: 'Oven manual', pages: [{ page: 1, texts: ['The heater element warms the chamber.'], sectionPath: 'Heating' }] },
  { id: 'b', title: 'Fridge manual', pages: [{ page: 5, texts: ['Intro line.', 'The cooler fan removes warm air.'], sectionPath: 'Cooling' }] }
];
const DIM = 4;
const embed = (text: string) => ['heater', 'cooler', 'fan', 'intro'].map((w) => (text.toLowerCase().includes(w) ? 1 : 0.01));

let store: LanceStore;
let cleanup: () => Promise<void>;
let source: VectorSource;

beforeAll(async () => {
  ({ store, cleanup } = await seedIndex(DOCS));
  const table = await store.ensureTable('vectors_rows', vectorSchema(DIM, 'rows'));
  await table.add(DOCS.flatMap(chunkRows).map((c) => ({ chunkId: c.id, docId: c.docId, vector: embed(c.text), machineModels: [], tags: [], language: 'en' })));
  // A made-up word the "embedder" puts next to the fridge page: no other lane can find that page.
  source = { table, dimension: DIM, modelId: 'rows', embedQuery: async (t) => (t.includes('zorbly') ? [0.01, 1, 1, 0.01] : embed(t)) };
});
afterAll(async () => cleanup?.());

describe('chunk records read after ranking', () => {
  it('a page found only by the vector lane is shown with its full chunk record', async () => {
    const svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }), vectorSource: () => source });
    const r = await svc.query({ text: 'zorbly', limit: 5 });
    const hit = r.passages.find((p) => p.docId === 'b' && p.page === 5);
    expect(hit?.lanes.vector).toBeDefined();
    expect(hit?.lanes.text).toBeUndefined();
    expect(hit?.lanes.page).toBeUndefined();
    const expected = chunkRows(DOCS[1]).find((c) => c.id === hit!.chunkId)!;
    expect(hit).toMatchObject({ text: expected.text, docTitle: 'Fridge manual', sectionPath: 'Cooling', charStart: expected.charStart, charEnd: expected.charEnd });
  });

  it('reads by chunk id when a row id holds another chunk or none', async () => {
    const chunks = store.chunks();
    const all = (await chunks.query().select(['id']).withRowId().toArray()) as Array<{ id: string; _rowid: bigint }>;
    const rowIdOf = new Map(all.map((r) => [String(r.id), r._rowid]));
    const rows = new ChunkRows(chunks);
    // a:1:0 carries b's row id (as after a compaction moved rows); b:5:1 a row id that does not exist.
    rows.add({ id: 'a:1:0', docId: 'a', page: 1, rowId: rowIdOf.get('b:5:0') });
    rows.add({ id: 'b:5:1', docId: 'b', page: 5, rowId: 987_654_321n });
    await rows.ensure(['a:1:0', 'b:5:1']);
    expect(rows.get('a:1:0')?.text).toBe('The heater element warms the chamber.');
    expect(rows.get('b:5:1')?.text).toBe('The cooler fan removes warm air.');
    expect(rows.get('b:5:0')).toBeUndefined(); // a record no one asked for is not kept
  });

  it('uses the row ids it was given', async () => {
    const chunks = store.chunks();
    const all = (await chunks.query().select(['id']).withRowId().toArray()) as Array<{ id: string; _rowid: bigint }>;
    const rows = new ChunkRows(chunks);
    for (const r of all) rows.add({ id: String(r.id), docId: '', page: 0, rowId: r._rowid });
    await rows.ensure(all.map((r) => String(r.id)));
    expect([...rows.map.keys()].sort()).toEqual(['a:1:0', 'b:5:0', 'b:5:1']);
    expect(rows.get('b:5:0')?.text).toBe('Intro line.');
  });
});
