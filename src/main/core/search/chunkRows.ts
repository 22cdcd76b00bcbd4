import type { Table } from '../index/lanceStore';
import { sqlIn } from '../index/sql';
import type { LocatorSnapshot } from './chunkLocator';
import { CHUNK_COLUMNS, plainRows, toRecord, type ChunkRecord, type ChunkRef } from './lanes';

/** A page's full text by document and page, when the search has it. */
export type PageTextOf = (docId: string, page: number) => string | undefined;

/**
 * The full chunk records of one search. Lanes return references (where a chunk is); the records
 * a search shows or re-scores are cut from their pages' texts with the locator's fields when the
 * search has those texts (it reads the top pages' texts for re-scoring anyway), else read from
 * the table, in one take for all of them.
 */
export class ChunkRows {
  private readonly rows = new Map<string, ChunkRecord>();
  private readonly refs = new Map<string, ChunkRef & { rowId: bigint }>();

  constructor(
    private readonly table: Table,
    private readonly locator: LocatorSnapshot | null = null
  ) {}

  /** Records a lane already read in full (option lane, chunks of pages) are kept, not re-read. */
  add(row: ChunkRef | ChunkRecord): void {
    if (isRecord(row)) {
      if (!this.rows.has(row.id)) this.rows.set(row.id, row);
    } else if (row.rowId !== undefined) this.refs.set(row.id, { ...row, rowId: row.rowId });
  }

  get(id: string): ChunkRecord | undefined {
    return this.rows.get(id);
  }

  get map(): ReadonlyMap<string, ChunkRecord> {
    return this.rows;
  }

  /**
   * Makes the records of `ids` available: cut from `pageText` where the locator knows the chunk,
   * else read by the row ids the lanes returned (a take costs about half an `id IN` lookup); a
   * row id that no longer holds its chunk (the table was compacted since) and ids without one are
   * looked up by id. A chunk deleted since the lane found it simply stays missing.
   */
  async ensure(ids: Iterable<string>, pageText?: PageTextOf): Promise<void> {
    let missing = [...new Set(ids)].filter((id) => !this.rows.has(id));
    if (this.locator && pageText) {
      for (const id of missing) {
        const ref = this.refs.get(id);
        const text = ref && pageText(ref.docId, ref.page);
        const rec = text === undefined ? undefined : this.locator.record(ref!.rowId, text);
        if (rec?.id === id) this.rows.set(id, rec);
      }
      missing = missing.filter((id) => !this.rows.has(id));
    }
    if (missing.length === 0) return;
    const byRowId = missing.filter((id) => this.refs.has(id));
    if (byRowId.length) {
      const taken = await plainRows(this.table.takeRowIds(byRowId.map((id) => this.refs.get(id)!.rowId)).select([...CHUNK_COLUMNS])).catch(() => []);
      const wanted = new Set(byRowId);
      for (const r of taken) if (wanted.has(String(r.id))) this.add(toRecord(r));
    }
    const rest = missing.filter((id) => !this.rows.has(id));
    if (rest.length === 0) return;
    const rows = await plainRows(this.table.query().where(sqlIn('id', rest)).select([...CHUNK_COLUMNS]).limit(rest.length));
    for (const r of rows) this.add(toRecord(r));
  }
}

const isRecord = (row: ChunkRef | ChunkRecord): row is ChunkRecord => 'text' in row;
