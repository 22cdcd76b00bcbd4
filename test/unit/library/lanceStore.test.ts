import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Field, FixedSizeList, Float32, Schema, Utf8 } from 'apache-arrow';
import * as lancedb from '@lancedb/lancedb';
import { PhraseQuery } from '@lancedb/lancedb';
import { LanceStore, FTS_INDEX, IDENT_COLUMN } from '../../../src/main/core/index/lanceStore';
import { sqlAnd, sqlEq, sqlListHasAny, sqlString } from '../../../src/main/core/index/sql';
import { TABLES, type ChunkRow } from '../../../src/main/core/index/schema';
import { chunksSchema } from '../../../src/main/core/index/arrowSchemas';

function chunk(id: string, text: string, extra: Partial<ChunkRow> = {}): ChunkRow {
  return {
    id, docId: 'd1', docTitle: 'Doc', page: 1, pageEnd: 1, pageLabel: '1', sectionPath: '', ordinal: 0,
    text, charStart: 0, charEnd: text.length, searchText: text,
    machineModels: [], tags: [], language: 'en', ...extra
  };
}

describe('LanceStore', () => {
  let dir: string;
  let store: LanceStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-lance-'));
    store = await LanceStore.open(join(dir, 'index'));
  });
  afterEach(async () => {
    await store.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the lexical tables and both FTS indexes, idempotently on reopen', async () => {
    expect((await store.tableNames()).sort()).toEqual(['chunks', 'documents', 'pages']);
    const idx = (await store.chunks().listIndices()).map((i) => i.name).sort();
    expect(idx).toEqual([FTS_INDEX.ident, FTS_INDEX.searchText].sort());
    await store.dispose();
    store = await LanceStore.open(join(dir, 'index'));
    expect((await store.chunks().listIndices()).length).toBe(2);
  });

  it('finds rows added after the index was built (stemmed NL lane + identifier lane), before and after optimize', async () => {
    await store.chunks().add([
      chunk('a', 'The printers stopped with fault E-204 on the X200', { machineModels: ['X200'] }),
      chunk('b', 'Call gdb_get_char to read a byte', { machineModels: ['Y1'] })
    ] as unknown as Record<string, unknown>[]);
    const nl = async () => (await store.chunks().query().fullTextSearch('printer stopping', { columns: ['searchText'] }).select(['id']).toArray()).map((r) => r.id);
    // The identifier index splits on every non-alphanumeric, so identifiers are asked for as phrases.
    const ident = async (phrase: string) =>
      (await store.chunks().query().fullTextSearch(new PhraseQuery(phrase, IDENT_COLUMN, { slop: 0 })).select(['id']).toArray()).map((r) => r.id);
    const identChecks = async () => {
      expect(await nl()).toEqual(['a']);
      expect(await ident('e 204')).toEqual(['a']);
      expect(await ident('gdb get char')).toEqual(['b']);
      expect(await ident('get gdb char')).toEqual([]); // order matters
      expect(await ident('the printers')).toEqual(['a']); // no stop words dropped, no stemming
      expect(await ident('the printer')).toEqual([]);
    };
    await identChecks();
    expect(await store.unindexedRows(TABLES.chunks, FTS_INDEX.searchText)).toBe(2);
    expect(await store.unindexedRows(TABLES.chunks, FTS_INDEX.ident)).toBe(2);
    await store.optimize();
    expect(await store.unindexedRows(TABLES.chunks, FTS_INDEX.searchText)).toBe(0);
    expect(await store.unindexedRows(TABLES.chunks, FTS_INDEX.ident)).toBe(0);
    await identChecks();
    const filtered = await store.chunks().query().fullTextSearch('byte fault', { columns: ['searchText'] })
      .where(sqlAnd(sqlListHasAny('machineModels', ['Y1']), sqlEq('docId', 'd1'))!).select(['id']).toArray();
    expect(filtered.map((r) => r.id)).toEqual(['b']);
  });

  it('migrates a library written with the retired identText column: column and its index dropped, rows kept and findable', async () => {
    await store.dispose();
    const old = join(dir, 'old-index');
    const db = await lancedb.connect(old);
    const row = { ...chunk('old', 'Fault E-204 on the X200'), identText: 'fault e 204 e204 x200' };
    const oldSchema = new Schema([...chunksSchema.fields, new Field('identText', new Utf8(), true)]);
    const t = await db.createTable(TABLES.chunks, [row] as unknown as Record<string, unknown>[], { schema: oldSchema });
    await t.createIndex('identText', { config: lancedb.Index.fts({ baseTokenizer: 'whitespace' }) });
    await t.createIndex('searchText', { config: lancedb.Index.fts() });
    t.close();
    db.close();

    const notes: Array<[string, Record<string, unknown> | undefined]> = [];
    store = await LanceStore.open(old, { info: (msg, meta) => notes.push([msg, meta]) });
    expect(notes).toEqual([
      ['index migration: dropped retired columns', { table: 'chunks', columns: ['identText'] }],
      ['built full-text index over existing rows', expect.objectContaining({ table: 'chunks', column: 'text', rows: 1 })]
    ]);
    const fields = (await store.chunks().schema()).fields.map((f) => f.name);
    expect(fields).not.toContain('identText');
    expect((await store.chunks().listIndices()).map((i) => i.name).sort()).toEqual([FTS_INDEX.ident, FTS_INDEX.searchText].sort());
    const hits = await store.chunks().query().fullTextSearch(new PhraseQuery('e 204', IDENT_COLUMN)).select(['id']).toArray();
    expect(hits.map((r) => r.id)).toEqual(['old']);
    // New rows (no identText) can be written next to the migrated ones.
    await store.chunks().add([chunk('new', 'Fault E-101')] as unknown as Record<string, unknown>[]);
    expect(await store.chunks().countRows()).toBe(2);
  });

  it('plain queries return every row (no implicit limit: the library relies on it)', async () => {
    await store.chunks().add(Array.from({ length: 25 }, (_, i) => chunk(`c${i}`, `text ${i}`)) as unknown as Record<string, unknown>[]);
    expect(await store.chunks().query().toArray()).toHaveLength(25);
    expect(await store.chunks().query().where(sqlEq('docId', 'd1')).toArray()).toHaveLength(25);
  });

  it('escapes SQL string literals so quotes in values cannot break or widen a filter', async () => {
    await store.chunks().add([chunk("o'brien", 'x'), chunk('other', 'y')] as unknown as Record<string, unknown>[]);
    expect(sqlString("it's")).toBe("'it''s'");
    const rows = await store.chunks().query().where(sqlEq('id', "o'brien")).toArray();
    expect(rows.map((r) => r.id)).toEqual(["o'brien"]);
    const evil = await store.chunks().query().where(sqlEq('id', "x' OR '1'='1")).toArray();
    expect(evil).toEqual([]);
  });

  it('opens extra tables (e.g. vectors) generically and drops them', async () => {
    const name = TABLES.vectors('bge-small/en');
    const schema = new Schema([new Field('chunkId', new Utf8(), false), new Field('vector', new FixedSizeList(4, new Field('item', new Float32(), true)), false)]);
    const t = await store.ensureTable(name, schema);
    await t.add([{ chunkId: 'a', vector: [1, 0, 0, 0] }]);
    expect(await (await store.ensureTable(name, schema)).countRows()).toBe(1);
    await store.dropTable(name);
    expect(await store.tableNames()).not.toContain(name);
  });
});
