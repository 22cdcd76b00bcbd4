import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Index } from '@lancedb/lancedb';
import { chunkIdParts, chunkIdOf } from '../../../src/main/core/index/schema';
import { vectorSchema } from '../../../src/main/core/index/vectorStore';
import type { LanceStore, Table } from '../../../src/main/core/index/lanceStore';
import { buildLocator, chunkLocator } from '../../../src/main/core/search/chunkLocator';
import { VectorPlacements } from '../../../src/main/core/search/vectorPlacement';
import { CHUNK_COLUMNS, fillMissingChunks, pageTextsOf, textLane, toRecord, type ChunkRecord } from '../../../src/main/core/search/lanes';
import { buildPageLocator } from '../../../src/main/core/search/pageLocator';
import { vectorLane } from '../../../src/main/core/search/vectorLane';
import { analyzeQuery } from '../../../src/main/core/search/queryAnalysis';
import { SearchService } from '../../../src/main/core/search/searchService';
import type { VectorSource } from '../../../src/main/core/search/ports';
import { chunkRows, pageRows, seedIndex, type SeedDoc } from './seedIndex';

// The lanes ask LanceDB for row addresses and place them with a ChunkLocator instead of reading
// each hit's columns; the results must be exactly those of reading the rows.
const DOCS: SeedDoc[] = [
  { id: 'oven', title: 'Oven manual', pages: [
    { page: 1, texts: ['The heater element warms the chamber.', 'Fault E-204 means the door sensor is open.'], sectionPath: 'Heating' },
    { page: 2, texts: ['Replace the heater fuse F3 after a power surge.'], sectionPath: 'Service' }
  ] },
  { id: 'fridge', title: 'Fridge manual', pages: [{ page: 5, texts: ['The cooler fan removes warm air.', 'Clean the condenser coil yearly.'], sectionPath: 'Cooling' }] }
];
const LATE: SeedDoc = { id: 'mixer', title: 'Mixer manual', pages: [{ page: 3, texts: ['The mixer heater warms the bowl before kneading.'] }] };
const DIM = 4;
const embed = (text: string) => ['heater', 'cooler', 'fault', 'coil'].map((w) => (text.toLowerCase().includes(w) ? 1 : 0.01));
const vectorRow = (c: { id: string; docId: string; text: string }) => ({ chunkId: c.id, docId: c.docId, vector: embed(c.text), machineModels: [], tags: [], language: 'en' });

let store: LanceStore;
let cleanup: () => Promise<void>;
let vectors: Table;
let source: VectorSource;

beforeAll(async () => {
  ({ store, cleanup } = await seedIndex(DOCS));
  vectors = await store.ensureTable('vectors_locator', vectorSchema(DIM, 'locator'));
  await vectors.add(DOCS.flatMap(chunkRows).map(vectorRow));
  source = { table: vectors, dimension: DIM, modelId: 'locator', embedQuery: async (t) => embed(t) };
});
afterAll(async () => cleanup?.());

const allRows = async () => (await store.chunks().query().select(['id', 'docId', 'page']).withRowId().toArray()) as Array<{ id: string; docId: string; page: number; _rowid: bigint }>;

describe('chunk ids', () => {
  it('carry page and ordinal, read back only for their own document', () => {
    expect(chunkIdOf('doc:1', 12, 40)).toBe('doc:1:12:40');
    expect(chunkIdParts('doc:1:12:40', 'doc:1')).toEqual({ page: 12, ordinal: 40 });
    expect(chunkIdParts('doc:1:12:40', 'doc')).toBeUndefined(); // "1:12:40" is not page:ordinal
    expect(chunkIdParts('other:12:40', 'doc')).toBeUndefined();
    expect(chunkIdParts('doc:x:40', 'doc')).toBeUndefined();
  });
});

describe('ChunkLocator', () => {
  it('places every chunk row by address, and finds each address by chunk id', async () => {
    const snap = await buildLocator(store.chunks(), await store.chunks().version());
    const rows = await allRows();
    expect(rows.length).toBe(DOCS.flatMap(chunkRows).length);
    for (const r of rows) {
      expect(snap!.at(r._rowid)).toEqual({ id: r.id, docId: r.docId, page: Number(r.page), rowId: r._rowid });
      expect(snap!.byId(r.id, r.docId)?.rowId).toBe(r._rowid);
    }
    expect(snap!.byId('oven:2:0', 'oven')).toBeUndefined(); // ordinal 0 is on page 1, not 2
    expect(snap!.byId('oven:1:99', 'oven')).toBeUndefined();
  });

  it('cuts each chunk record from its page text exactly as the table holds it', async () => {
    const snap = await buildLocator(store.chunks(), await store.chunks().version());
    const rows = (await store.chunks().query().select([...CHUNK_COLUMNS]).withRowId().toArray()) as Array<Record<string, unknown> & { _rowid: bigint }>;
    const pages = new Map(DOCS.flatMap(pageRows).map((p) => [`${p.docId}:${p.page}`, p.text]));
    for (const r of rows) {
      const record = snap!.record(r._rowid, pages.get(`${String(r.docId)}:${Number(r.page)}`)!);
      expect(record).toEqual(toRecord(r));
    }
    expect(snap!.record(rows[0]._rowid, 'too short')).toBeUndefined();
  });

  it('keeps no record for chunks it cannot cut from their page: titles that disagree, a chunk running onto the next page', async () => {
    const odd = await seedIndex([]);
    try {
      const [a, b] = chunkRows(DOCS[0]);
      await odd.store.chunks().add([a, { ...b, docTitle: 'Renamed oven manual' }, { ...chunkRows(DOCS[1])[0], pageEnd: 6 }] as unknown as Record<string, unknown>[]);
      const snap = await buildLocator(odd.store.chunks(), 1);
      const all = (await odd.store.chunks().query().select(['id']).withRowId().toArray()) as Array<{ id: string; _rowid: bigint }>;
      const long = 'x'.repeat(1000);
      for (const r of all) {
        expect(snap!.at(r._rowid)?.id).toBe(r.id); // still placed on its page
        expect(snap!.record(r._rowid, long)).toBeUndefined();
      }
    } finally {
      await odd.cleanup();
    }
  });

  it('is off (null) when a chunk id has another form', async () => {
    const odd = await seedIndex([]);
    try {
      const row = { ...chunkRows(DOCS[1])[0], id: 'legacy-chunk-7' };
      await odd.store.chunks().add([row] as unknown as Record<string, unknown>[]);
      expect(await buildLocator(odd.store.chunks(), 1)).toBeNull();
    } finally {
      await odd.cleanup();
    }
  });
});

describe('lanes with a locator', () => {
  it('give the same results as reading the rows, including rows written after the snapshot', async () => {
    const old = await buildLocator(store.chunks(), await store.chunks().version());
    const oldPlacement = await new VectorPlacements().get(vectors, old!);
    await store.chunks().add(chunkRows(LATE) as unknown as Record<string, unknown>[]);
    await vectors.add(chunkRows(LATE).map(vectorRow));
    await store.optimize(['chunks']); // folds the new rows into the FTS index
    for (const text of ['heater warms', 'fault door sensor', 'condenser coil']) {
      const q = analyzeQuery(text);
      const plain = await textLane(store.chunks(), q, [], undefined, 20);
      const located = await textLane(store.chunks(), q, [], undefined, 20, old);
      expect(located.map((r) => [r.row.id, r.row.docId, r.row.page, r.score])).toEqual(plain.map((r) => [r.row.id, r.row.docId, r.row.page, r.score]));
      const vPlain = await vectorLane(store.chunks(), source, text, undefined, 20);
      const vLocated = await vectorLane(store.chunks(), source, text, undefined, 20, undefined, false, { locator: old!, placement: oldPlacement });
      expect(vLocated.map((r) => [r.row.id, r.row.page, r.score])).toEqual(vPlain.map((r) => [r.row.id, r.row.page, r.score]));
    }
    // The mixer's chunk was unknown to the old snapshot and is still found, on its page.
    const located = await textLane(store.chunks(), analyzeQuery('mixer heater bowl'), [], undefined, 20, old);
    expect(located[0].row).toMatchObject({ id: 'mixer:3:0', docId: 'mixer', page: 3 });
    expect(old!.at((located[0].row as { rowId: bigint }).rowId)).toBeUndefined();
  });

  it('search answers identically with and without the locator, and the locator follows table changes', async () => {
    const settings = () => ({ rrfK: 60, evidenceThreshold: 0.12 });
    const fast = new SearchService({ store, settings, vectorSource: () => source });
    const plain = new SearchService({ store, settings, vectorSource: () => source }, { locator: false });
    const ask = async (svc: SearchService, text: string) => {
      const r = await svc.query({ text, limit: 5 });
      return { passages: r.passages, evidence: r.evidence, missing: r.missing };
    };
    for (const text of ['heater fuse', 'What does E-204 mean?', 'warm air fan', 'mixer bowl']) expect(await ask(fast, text)).toEqual(await ask(plain, text));
    const locator = chunkLocator(() => store.chunks());
    const before = await locator.get();
    await store.chunks().delete("docId = 'mixer'");
    const after = await locator.get();
    expect(after!.version).toBeGreaterThan(before!.version);
    expect(after!.byId('mixer:3:0', 'mixer')).toBeUndefined();
    expect(before!.byId('mixer:3:0', 'mixer')).toBeDefined();
    // The vector of the deleted chunk is still in the vector table: the vector lane drops it.
    const r = await fast.query({ text: 'mixer heater', limit: 10 });
    expect(r.passages.some((p) => p.docId === 'mixer')).toBe(false);
    expect(await ask(fast, 'mixer heater')).toEqual(await ask(plain, 'mixer heater'));
  });
});

describe('page texts and page-only pages with locators', () => {
  it('reads page texts by address, and pages the page locator does not know by query', async () => {
    const pages = await buildPageLocator(store.pages(), await store.pages().version());
    const wanted = [{ docId: 'oven', page: 2 }, { docId: 'fridge', page: 5 }, { docId: 'oven', page: 9 }];
    expect(await pageTextsOf(store.pages(), wanted, pages)).toEqual(await pageTextsOf(store.pages(), wanted));
    expect((await pageTextsOf(store.pages(), wanted, pages)).get('oven:2')).toBe('Replace the heater fuse F3 after a power surge.');
    await store.pages().add(pageRows(LATE) as unknown as Record<string, unknown>[]);
    const late = [{ docId: 'mixer', page: 3 }, { docId: 'oven', page: 1 }];
    expect(pages.address('mixer', 3)).toBeUndefined();
    expect(await pageTextsOf(store.pages(), late, pages)).toEqual(await pageTextsOf(store.pages(), late));
    expect((await pageTextsOf(store.pages(), late, pages)).size).toBe(2);
  });

  it('cuts the chunks of a page found only as a page from its text, as reading them would', async () => {
    const locator = await buildLocator(store.chunks(), await store.chunks().version());
    const texts = new Map(DOCS.flatMap(pageRows).map((p) => [`${p.docId}:${p.page}`, p.text]));
    const fill = async (cut: boolean) => {
      const top = [{ docId: 'oven', page: 1, chunkIds: [] as string[] }, { docId: 'fridge', page: 5, chunkIds: [] as string[] }, { docId: 'oven', page: 2, chunkIds: ['oven:2:2'] }];
      const got: ChunkRecord[] = [];
      const place = cut ? { locator: locator!, pageText: (d: string, p: number) => texts.get(`${d}:${p}`) } : null;
      await fillMissingChunks(store.chunks(), top, { add: (r) => got.push(r) }, analyzeQuery('door sensor fault').stems, undefined, place);
      return { order: top.map((t) => t.chunkIds), got };
    };
    const cut = await fill(true);
    expect(cut).toEqual(await fill(false));
    expect(cut.order[0]).toEqual(['oven:1:1', 'oven:1:0']); // the chunk that covers the question first
  });
});

describe('SearchService.warm', () => {
  it('loads the full-text indexes of chunks and pages and the active vector index into the cache', async () => {
    const svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }), vectorSource: () => source });
    await vectors.createIndex('vector', { config: Index.ivfFlat({ numPartitions: 2 }) });
    const warmed: string[] = [];
    for (const [name, table] of [['chunks', store.chunks()], ['pages', store.pages()], ['vectors', vectors]] as const) {
      const real = table.prewarmIndex.bind(table);
      vi.spyOn(table, 'prewarmIndex').mockImplementation(async (index) => {
        warmed.push(`${name}.${index}`);
        return real(index);
      });
    }
    try {
      await svc.warm();
    } finally {
      vi.restoreAllMocks();
    }
    const fts = async (t: Table) => (await t.listIndices()).filter((i) => i.indexType === 'FTS').map((i) => i.name);
    const expected = [...(await fts(store.chunks())).map((n) => `chunks.${n}`), ...(await fts(store.pages())).map((n) => `pages.${n}`), 'vectors.vector_idx'];
    expect(expected.length).toBeGreaterThanOrEqual(4); // chunk text + identifier, page text, vector
    expect(warmed.sort()).toEqual(expected.sort());
  });
});
