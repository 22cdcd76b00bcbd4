import type { Table } from '../index/lanceStore';
import { sqlIn } from '../index/sql';
import type { ChunkRef, LocatorSnapshot } from './chunkLocator';
import type { VectorPlacement } from './vectorPlacement';
import { plainRows, REF_COLUMNS, toRef, type LaneRow } from './lanes';
import type { VectorSource } from './ports';

/**
 * Vector lane: ANN over the active model's vector table, then the chunks' pages: from the vector
 * placement (row address → chunk), else from the chunk id through the locator (the id says page
 * and ordinal), else by a chunk lookup by id. A vector whose chunk is gone is dropped. Only
 * references: reading all 11 columns of its 60 chunks took about as long as the search itself,
 * for the handful of them a search ends up showing.
 */
export async function vectorLane(
  chunks: Table,
  source: VectorSource,
  text: string,
  where: string | undefined,
  limit: number,
  signal?: AbortSignal,
  /** Search exactly (no ANN index): cheaper and exact when a selective prefilter leaves few rows. */
  exact = false,
  place: { locator: LocatorSnapshot; placement: VectorPlacement | null } | null = null
): Promise<LaneRow[]> {
  const vector = await source.embedQuery(text, signal);
  // With a placement the index returns row addresses only (see VectorPlacement).
  let q = source.table.query().nearestTo(Array.from(vector)).limit(limit);
  q = place?.placement ? q.select(['_distance']).withRowId() : q.select(['chunkId', 'docId', '_distance']);
  const o = source.searchOptions;
  if (o?.nprobes) q = q.nprobes(o.nprobes);
  if (o?.refineFactor) q = q.refineFactor(o.refineFactor);
  if (o?.exact || exact) q = q.bypassVectorIndex();
  if (where) q = q.where(where);
  const found = await plainRows(q);
  if (found.length === 0) return [];
  const hits = found.map((h) => ({ rowId: h._rowid as bigint | undefined, chunkId: h.chunkId as string | undefined, docId: h.docId as string | undefined, distance: Number(h._distance) }));
  const refs: Array<ChunkRef | undefined> = hits.map((h) => (h.rowId === undefined ? undefined : place?.placement?.at(BigInt(h.rowId))));
  // Vector rows the placement does not know (written since): their chunk ids, by address.
  const unknownRows = hits.filter((h, i) => !refs[i] && h.rowId !== undefined).map((h) => BigInt(h.rowId!));
  if (unknownRows.length) {
    const read = new Map((await plainRows(source.table.takeRowIds(unknownRows).select(['chunkId', 'docId']).withRowId())).map((r) => [BigInt(r._rowid as bigint), r]));
    for (const h of hits) {
      const r = h.rowId === undefined ? undefined : read.get(BigInt(h.rowId));
      if (r) Object.assign(h, { chunkId: String(r.chunkId), docId: String(r.docId) });
    }
  }
  hits.forEach((h, i) => (refs[i] ??= h.chunkId && h.docId ? place?.locator.byId(h.chunkId, h.docId) : undefined));
  // Chunks the locator cannot place (none, or written since): looked up by id.
  const unplaced = hits.filter((h, i) => !refs[i] && h.chunkId).map((h) => h.chunkId!);
  if (unplaced.length) {
    const byId = new Map((await plainRows(chunks.query().where(sqlIn('id', unplaced)).select([...REF_COLUMNS]).withRowId().limit(unplaced.length))).map((r) => [String(r.id), toRef(r)]));
    hits.forEach((h, i) => (refs[i] ??= h.chunkId ? byId.get(h.chunkId) : undefined));
  }
  return hits.flatMap((h, i) => (refs[i] ? [{ row: refs[i]!, score: 1 / (1 + h.distance) }] : []));
}

/**
 * Whether a filtered vector search should skip the ANN index. An exact search scores every
 * vector the filter leaves (~1 µs each here: 47 ms p50 for the 50k vectors a 5% filter leaves of
 * 1M), while ANN probing costs about the same 25-30 ms whatever the filter. So exact only when
 * the filter leaves few vectors — it is also exact, where ANN with a prefilter can miss some.
 * The count is estimated from the share of documents the filter keeps (a count is ~0.1 ms).
 */
export async function exactVectorSearch(
  source: Pick<VectorSource, 'table'>,
  allowedDocs: number | undefined,
  totalDocs: number,
  maxRows: number
): Promise<boolean> {
  if (allowedDocs === undefined || totalDocs === 0) return false;
  const rows = await source.table.countRows();
  return (rows * allowedDocs) / totalDocs <= maxRows;
}

