import type { Table } from '../index/lanceStore';
import { sqlIn } from '../index/sql';
import { CHUNK_COLUMNS, plainRows, toRecord, type ChunkRecord, type ChunkRef } from './lanes';

/**
 * The full chunk records of one search. The text lanes return full records; the vector lane
 * returns only where a chunk is (id, document, page), and the records a search shows or
 * re-scores that no lane read in full are read here, in one take for all of them.
 */
export class ChunkRows {
  private readonly rows = new Map<string, ChunkRecord>();
  private readonly rowIds = new Map<string, bigint>();

  constructor(private readonly table: Table) {}

  /** Records a lane already read in full (option lane, chunks of pages) are kept, not re-read. */
  add(row: ChunkRef | ChunkRecord): void {
    if (isRecord(row)) {
      if (!this.rows.has(row.id)) this.rows.set(row.id, row);
    } else if (row.rowId !== undefined) this.rowIds.set(row.id, row.rowId);
  }

  get(id: string): ChunkRecord | undefined {
    return this.rows.get(id);
  }

  get map(): ReadonlyMap<string, ChunkRecord> {
    return this.rows;
  }

  /**
   * Reads the records of `ids` not read yet. By the row ids the lanes returned (a take costs
   * about half an `id IN` lookup); a row id that no longer holds its chunk (the table was
   * compacted since) and ids without one are looked up by id. A chunk deleted since the lane
   * found it simply stays missing.
   */
  async ensure(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.rows.has(id));
    if (missing.length === 0) return;
    const byRowId = missing.filter((id) => this.rowIds.has(id));
    if (byRowId.length) {
      const taken = await plainRows(this.table.takeRowIds(byRowId.map((id) => this.rowIds.get(id)!)).select([...CHUNK_COLUMNS])).catch(() => []);
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
