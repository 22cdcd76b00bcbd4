/**
 * LanceStore: the one LanceDB connection under <userData>/index/. Owns the lexical tables
 * (documents, pages, chunks) with explicit Arrow schemas and the two full-text indexes on chunks,
 * and lets other services open their own tables (e.g. per-embedding-model vector tables).
 *
 * FTS freshness (verified on LanceDB 0.39): rows added after an FTS index was built are still
 * found by `fullTextSearch` (they are scanned flat) unless the query uses `.fastSearch()`;
 * `optimize()` folds them into the index. So imports are searchable immediately and we optimize
 * after bulk changes to keep queries fast.
 */
import * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import { TABLES } from './schema';
import { chunksSchema, documentsSchema, pagesSchema } from './arrowSchemas';

export type Table = lancedb.Table;

/** Names of the two FTS indexes on `chunks` (LanceDB's default `<column>_idx`). */
export const FTS_INDEX = {
  /** Natural language over header + text: English stemming, stop words, positions (phrases). */
  searchText: 'searchText_idx',
  /** Identifiers over the chunk text itself: see IDENT_COLUMN. */
  ident: 'text_idx'
} as const;

/**
 * The identifier index tokenises the chunk text on anything that is not a letter or digit, with
 * no stemming or stop words and with positions, so `E-204`, `E_204` and `E 204` are the same two
 * tokens and the exact lane can ask for them as a phrase (identifiers.ts). LanceDB allows one
 * usable FTS index per column, hence `text` here and `searchText` for natural language.
 */
export const IDENT_COLUMN = 'text';

export interface FtsIndexSpec {
  column: string;
  options: Parameters<typeof lancedb.Index.fts>[0];
}

export const CHUNK_FTS_INDEXES: FtsIndexSpec[] = [
  {
    column: 'searchText',
    options: {
      baseTokenizer: 'simple',
      language: 'English',
      stem: true,
      removeStopWords: true,
      lowercase: true,
      asciiFolding: true,
      withPosition: true,
      maxTokenLength: 64
    }
  },
  {
    column: IDENT_COLUMN,
    options: {
      baseTokenizer: 'simple',
      stem: false,
      removeStopWords: false,
      lowercase: true,
      asciiFolding: true,
      withPosition: true,
      maxTokenLength: 64
    }
  }
];

/**
 * Libraries written before the identifier index moved onto `text` have an `identText` column
 * (pre-joined identifier tokens) with its own index. Dropping both is a metadata-only change in
 * LanceDB; the new index is then built over the existing rows by ensureTable. No document is lost.
 */
export const RETIRED_CHUNK_COLUMNS = ['identText'];

export interface IndexLog {
  info(msg: string, meta?: Record<string, unknown>): void;
}

export interface EnsureTableOptions {
  /** FTS indexes to create when missing. */
  fts?: FtsIndexSpec[];
  /** Columns an older version wrote and this one no longer does: dropped, with their indexes. */
  retiredColumns?: string[];
}

export class LanceStore {
  private readonly tables = new Map<string, Table>();
  private writeChain: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    readonly dir: string,
    private readonly db: lancedb.Connection,
    private readonly log?: IndexLog
  ) {}

  /**
   * Opens (creating when missing) the index folder and the lexical tables with their FTS indexes.
   * `log` hears about one-time migrations (they may take a while on a large library).
   */
  static async open(dir: string, log?: IndexLog): Promise<LanceStore> {
    const db = await lancedb.connect(dir);
    const store = new LanceStore(dir, db, log);
    await store.ensureTable(TABLES.documents, documentsSchema);
    await store.ensureTable(TABLES.pages, pagesSchema);
    await store.ensureTable(TABLES.chunks, chunksSchema, { fts: CHUNK_FTS_INDEXES, retiredColumns: RETIRED_CHUNK_COLUMNS });
    return store;
  }

  documents(): Table {
    return this.cached(TABLES.documents);
  }
  pages(): Table {
    return this.cached(TABLES.pages);
  }
  chunks(): Table {
    return this.cached(TABLES.chunks);
  }

  /** Already-open table by name (after ensureTable/open), or undefined. */
  table(name: string): Table | undefined {
    return this.tables.get(name);
  }

  async tableNames(): Promise<string[]> {
    return this.db.tableNames();
  }

  /**
   * Opens a table, creating it empty with `schema` when it does not exist, and creates any missing
   * FTS indexes. Idempotent; the returned Table object is cached and shared by all callers.
   */
  async ensureTable(name: string, schema: Schema, opts: EnsureTableOptions = {}): Promise<Table> {
    this.assertOpen();
    let table = this.tables.get(name);
    if (!table) {
      const names = await this.db.tableNames();
      table = names.includes(name)
        ? await this.db.openTable(name)
        : await this.db.createEmptyTable(name, schema, { existOk: true });
      this.tables.set(name, table);
    }
    if (opts.retiredColumns?.length) {
      const dropped = await dropRetiredColumns(table, opts.retiredColumns);
      if (dropped.length) this.log?.info('index migration: dropped retired columns', { table: name, columns: dropped });
    }
    if (opts.fts?.length) {
      const existing = new Set((await table.listIndices()).flatMap((i) => i.columns));
      for (const spec of opts.fts) {
        if (!existing.has(spec.column)) {
          const started = Date.now();
          await table.createIndex(spec.column, { config: lancedb.Index.fts(spec.options) });
          const rows = await table.countRows();
          if (rows > 0) this.log?.info('built full-text index over existing rows', { table: name, column: spec.column, rows, ms: Date.now() - started });
        }
      }
    }
    return table;
  }

  /** Drops a table (e.g. a vector table of a removed embedding model); no-op when missing. */
  async dropTable(name: string): Promise<void> {
    this.assertOpen();
    const t = this.tables.get(name);
    if (t) {
      t.close();
      this.tables.delete(name);
    }
    if ((await this.db.tableNames()).includes(name)) await this.db.dropTable(name);
  }

  /**
   * Serialises writers: LanceDB commits are optimistic, and a document's delete+add must not
   * interleave with another document's. Everyone writing to the lexical tables goes through here.
   */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(fn, fn);
    this.writeChain = run.catch(() => {});
    return run;
  }

  /**
   * Compacts fragments, folds unindexed rows into every index (FTS included) and prunes old
   * versions. Call after bulk changes (an import batch, deletes), not after every row.
   */
  async optimize(names?: string[]): Promise<void> {
    this.assertOpen();
    const targets = names ?? [...this.tables.keys()];
    for (const name of targets) {
      const t = this.tables.get(name);
      if (!t) continue;
      await this.withWriteLock(() => t.optimize({ cleanupOlderThan: new Date(Date.now() - 60_000) }));
    }
  }

  /** Rows of `name` not yet covered by the FTS/vector index `indexName` (0 when fully indexed). */
  async unindexedRows(name: string, indexName: string): Promise<number> {
    const stats = await this.cached(name).indexStats(indexName);
    return stats?.numUnindexedRows ?? 0;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.writeChain.catch(() => {});
    for (const t of this.tables.values()) t.close();
    this.tables.clear();
    this.db.close();
  }

  private cached(name: string): Table {
    this.assertOpen();
    const t = this.tables.get(name);
    if (!t) throw new Error(`LanceStore: table ${name} is not open`);
    return t;
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('LanceStore is disposed');
  }
}

/** Returns the columns it dropped. */
async function dropRetiredColumns(table: Table, retired: readonly string[]): Promise<string[]> {
  const present = new Set((await table.schema()).fields.map((f) => f.name));
  const drop = retired.filter((c) => present.has(c));
  if (drop.length === 0) return [];
  for (const idx of await table.listIndices()) {
    if (idx.columns.some((c) => drop.includes(c))) await table.dropIndex(idx.name);
  }
  await table.dropColumns(drop);
  return drop;
}
