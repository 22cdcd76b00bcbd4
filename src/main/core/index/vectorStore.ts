/**
 * Per-embedding-model vector tables (`vectors_<modelKey>`, rows = VectorRow in schema.ts) and the
 * record of which model/dimension each holds. The model key contains the model file's
 * fingerprint, so a different model — or a changed file under the same name — always gets its
 * own table: vectors of two models are never mixed in one table or compared with each other.
 */
import { join } from 'node:path';
import type { FixedSizeList as FixedSizeListType, Schema as SchemaType } from 'apache-arrow';
import { Field, FixedSizeList, Float32, Schema, Utf8 } from './arrow';
import * as lancedb from '@lancedb/lancedb';
import { readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import { strList } from './arrowSchemas';
import type { LanceStore, Table } from './lanceStore';
import { TABLES, type VectorRow } from './schema';
import { sqlEq } from './sql';

export interface VectorTableMeta {
  modelId: string;
  fingerprint: string;
  dimension: number;
  /** True once every chunk that existed at the end of the last build has a vector. */
  complete: boolean;
  embedded: number;
  updatedAt: string;
}

/** ANN pays off only past flat-scan speed; below this a brute-force scan is fast and exact. */
export const ANN_INDEX_MIN_ROWS = 50_000;

/**
 * The ANN index the app builds over a vector table of `rows` rows (bench:search builds the same):
 * IVF-PQ with √rows partitions, searched with LanceDB's default probes and no refine step.
 */
export const annIndexConfig = (rows: number): lancedb.Index =>
  lancedb.Index.ivfPq({ distanceType: 'l2', numPartitions: Math.max(1, Math.round(Math.sqrt(rows))) });

export const vectorModelKey = (modelId: string, fingerprint: string): string =>
  `${modelId}_${fingerprint.slice(0, 8)}`.replace(/[^A-Za-z0-9_]/g, '_');

export function vectorSchema(dimension: number, modelId: string): SchemaType {
  return new Schema(
    [
      new Field('chunkId', new Utf8(), false),
      new Field('docId', new Utf8(), false),
      new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false),
      strList('machineModels'),
      strList('tags'),
      new Field('language', new Utf8(), false)
    ],
    new Map([
      ['benchmate.modelId', modelId],
      ['benchmate.dimension', String(dimension)]
    ])
  );
}

export class VectorStore {
  private meta: Record<string, VectorTableMeta> = {};
  private readonly metaPath: string;

  constructor(
    private readonly store: LanceStore,
    private readonly opts: { annMinRows?: number } = {}
  ) {
    this.metaPath = join(store.dir, 'vector-meta.json');
  }

  async load(): Promise<void> {
    const raw = (await readJsonIfExists(this.metaPath)) as { tables?: Record<string, VectorTableMeta> } | undefined;
    this.meta = raw?.tables ?? {};
  }

  getMeta(key: string): VectorTableMeta | undefined {
    return this.meta[key] ? { ...this.meta[key] } : undefined;
  }

  allMeta(): Record<string, VectorTableMeta> {
    return structuredClone(this.meta);
  }

  /**
   * Opens (or creates) the model's table. A table whose recorded or physical dimension differs
   * is dropped and recreated rather than appended to.
   */
  async open(key: string, modelId: string, fingerprint: string, dimension: number): Promise<Table> {
    const name = TABLES.vectors(key);
    const m = this.meta[key];
    if (m && (m.dimension !== dimension || m.fingerprint !== fingerprint)) await this.store.dropTable(name);
    let table = await this.store.ensureTable(name, vectorSchema(dimension, modelId));
    const physical = (await table.schema()).fields.find((f) => f.name === 'vector')?.type as FixedSizeListType | undefined;
    if (physical?.listSize !== dimension) {
      await this.store.dropTable(name);
      table = await this.store.ensureTable(name, vectorSchema(dimension, modelId));
    }
    if (!m || m.dimension !== dimension || m.fingerprint !== fingerprint) {
      await this.setMeta(key, { modelId, fingerprint, dimension, complete: false, embedded: await table.countRows(), updatedAt: new Date().toISOString() });
    }
    return table;
  }

  table(key: string): Table | undefined {
    return this.store.table(TABLES.vectors(key));
  }

  /** chunkId -> filter columns of every stored vector (no vectors read). */
  async rowsByChunk(table: Table): Promise<Map<string, Pick<VectorRow, 'docId' | 'machineModels' | 'tags' | 'language'>>> {
    const rows = (await table.query().select(['chunkId', 'docId', 'machineModels', 'tags', 'language']).toArray()) as Array<Record<string, unknown>>;
    const out = new Map<string, Pick<VectorRow, 'docId' | 'machineModels' | 'tags' | 'language'>>();
    for (const r of rows) {
      out.set(String(r.chunkId), { docId: String(r.docId), machineModels: listOf(r.machineModels), tags: listOf(r.tags), language: String(r.language ?? '') });
    }
    return out;
  }

  add(table: Table, rows: VectorRow[]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    return this.locked(() => table.add(rows.map((r) => ({ ...r, vector: Array.from(r.vector) }))).then(() => {}));
  }

  deleteWhere(table: Table, where: string): Promise<void> {
    return this.locked(() => table.delete(where)).then(() => {});
  }

  /** Rewrites the denormalised filter columns of one document's vectors (library.update changed tags). */
  updateFilters(table: Table, docId: string, f: Pick<VectorRow, 'machineModels' | 'tags' | 'language'>): Promise<void> {
    return this.locked(() => table.update({ where: sqlEq('docId', docId), values: { machineModels: f.machineModels, tags: f.tags, language: f.language } }).then(() => {}));
  }

  async setMeta(key: string, m: VectorTableMeta): Promise<void> {
    this.meta[key] = m;
    await writeJsonAtomic(this.metaPath, { version: 1, tables: this.meta });
  }

  /** Builds an IVF_PQ index once the table is large enough for ANN to beat a flat scan. */
  async maybeIndex(table: Table): Promise<boolean> {
    const rows = await table.countRows();
    if (rows < (this.opts.annMinRows ?? ANN_INDEX_MIN_ROWS)) return false;
    const has = (await table.listIndices()).some((i) => i.columns.includes('vector'));
    if (has) {
      await this.locked(() => table.optimize());
      return false;
    }
    await this.locked(() => table.createIndex('vector', { config: annIndexConfig(rows) }));
    return true;
  }

  async drop(key: string): Promise<void> {
    await this.store.dropTable(TABLES.vectors(key));
    delete this.meta[key];
    await writeJsonAtomic(this.metaPath, { version: 1, tables: this.meta });
  }

  /** Vector writes share the index's write lock, so pausing writers (a backup snapshot) pauses them too. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.store.withWriteLock(fn);
  }
}

const listOf = (v: unknown): string[] => (v == null ? [] : Array.from(v as Iterable<unknown>, String));
