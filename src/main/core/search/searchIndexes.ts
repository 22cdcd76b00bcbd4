import { Index } from '@lancedb/lancedb';
import type { FtsIndexSpec, Table } from '../index/lanceStore';

/**
 * Scalar indexes for the lookups search does after ranking: chunk rows by id (vector lane hits)
 * and by document (chunks of a page), plus the list columns filters test. Without them each lookup scans the whole chunks table,
 * which dominates query time at a million chunks. Kept fresh by LanceStore.optimize.
 */
export async function ensureLookupIndexes(chunks: Table): Promise<void> {
  const have = new Set((await chunks.listIndices()).flatMap((i) => i.columns));
  if (!have.has('id')) await chunks.createIndex('id', { config: Index.btree() });
  if (!have.has('docId')) await chunks.createIndex('docId', { config: Index.bitmap() });
  // machineModels / tags filters (array_has_any) use label-list indexes instead of scanning.
  for (const col of ['machineModels', 'tags']) if (!have.has(col)) await chunks.createIndex(col, { config: Index.labelList() });
}

/**
 * Pages are looked up by document and page number after ranking (page texts for re-scoring and
 * evidence); a docId bitmap index keeps that from scanning every page row of the library.
 */
export async function ensurePageLookupIndexes(pages: Table): Promise<void> {
  const have = new Set((await pages.listIndices()).flatMap((i) => i.columns));
  if (!have.has('docId')) await pages.createIndex('docId', { config: Index.bitmap() });
}

/** FTS on pages.text for the page lane: same analysis as chunks.searchText, no positions. */
export const PAGE_FTS: FtsIndexSpec = {
  column: 'text',
  options: { baseTokenizer: 'simple', language: 'English', stem: true, removeStopWords: true, lowercase: true, asciiFolding: true, withPosition: false, maxTokenLength: 64 }
};
