import { BooleanQuery, MatchQuery, Occur, PhraseQuery, type FullTextQuery } from '@lancedb/lancedb';
import type { Table as ArrowTable } from 'apache-arrow';
import { IDENT_COLUMN, type Table } from '../index/lanceStore';
import { sqlColumn, sqlIn } from '../index/sql';
import type { AnalyzedQuery, Expansion } from './queryTypes';
import type { CorpusStatsSnapshot } from './corpusStats';
import { weightedCoverage } from './evidence';
import type { ChunkRecord, ChunkRef, LocatorSnapshot } from './chunkLocator';
import type { PageLocatorSnapshot } from './pageLocator';

/**
 * The retrieval lanes, each a single LanceDB query returning chunk rows with a lane score.
 * Filters arrive as one SQL `where` string that LanceDB applies as a prefilter.
 */
export const CHUNK_COLUMNS = [
  'id',
  'docId',
  'docTitle',
  'page',
  'pageEnd',
  'pageLabel',
  'sectionPath',
  'ordinal',
  'text',
  'charStart',
  'charEnd'
] as const;

export type { ChunkRecord, ChunkRef } from './chunkLocator';

export const REF_COLUMNS = ['id', 'docId', 'page'] as const;

export interface LaneRow {
  /** A full record (text, identifier and option lanes), or a reference (vector lane). */
  row: ChunkRef | ChunkRecord;
  score: number;
}

export const toRef = (r: Record<string, unknown>): ChunkRef => ({
  id: String(r.id),
  docId: String(r.docId),
  page: Number(r.page),
  rowId: typeof r._rowid === 'bigint' ? r._rowid : undefined
});

export function toRecord(r: Record<string, unknown>): ChunkRecord {
  return {
    id: String(r.id),
    docId: String(r.docId),
    docTitle: String(r.docTitle ?? ''),
    page: Number(r.page),
    pageEnd: Number(r.pageEnd ?? r.page),
    pageLabel: String(r.pageLabel ?? r.page),
    sectionPath: String(r.sectionPath ?? ''),
    ordinal: Number(r.ordinal ?? 0),
    text: String(r.text ?? ''),
    charStart: Number(r.charStart ?? 0),
    charEnd: Number(r.charEnd ?? 0)
  };
}

/**
 * A query's result as plain row objects, read column by column: the same values as
 * `toArray()`, whose per-field row proxies cost more than the lanes' own work on a result.
 */
export async function plainRows(q: { toArrow(): Promise<ArrowTable> }): Promise<Array<Record<string, unknown>>> {
  const tbl = await q.toArrow();
  const names = tbl.schema.fields.map((f) => f.name);
  const cols = names.map((n) => tbl.getChild(n)?.toArray() as ArrayLike<unknown> | undefined);
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < tbl.numRows; i++) {
    const r: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) r[names[j]] = cols[j]?.[i];
    rows.push(r);
  }
  return rows;
}

async function runFts(table: Table, query: FullTextQuery, where: string | undefined, limit: number, locator: LocatorSnapshot | null): Promise<LaneRow[]> {
  if (locator) return locatedFts(table, query, where, limit, locator);
  // Full records: without a locator the rows would be read again later by id, which costs more.
  let q = table.query().fullTextSearch(query).select([...CHUNK_COLUMNS, '_score']).limit(limit);
  if (where) q = q.where(where);
  const rows = await plainRows(q);
  return rows.map((r) => ({ row: toRecord(r), score: Number(r._score ?? 0) }));
}

/**
 * The index's row addresses and scores only, placed on their pages by the locator: reading the
 * columns of 60 scattered rows cost about three times the search. Rows written after the
 * locator's version (unknown addresses) are read by address.
 */
async function locatedFts(table: Table, query: FullTextQuery, where: string | undefined, limit: number, locator: LocatorSnapshot): Promise<LaneRow[]> {
  let q = table.query().fullTextSearch(query).select(['_score']).withRowId().limit(limit);
  if (where) q = q.where(where);
  const hits = (await plainRows(q)).map((r) => ({ rowId: BigInt(r._rowid as bigint), score: Number(r._score ?? 0) }));
  const refs = new Map(hits.map((h) => [h.rowId, locator.at(h.rowId)]));
  const unknown = hits.filter((h) => !refs.get(h.rowId)).map((h) => h.rowId);
  if (unknown.length) for (const r of await plainRows(table.takeRowIds(unknown).select([...REF_COLUMNS]).withRowId())) refs.set(BigInt(r._rowid as bigint), toRef(r));
  return hits.flatMap((h) => {
    const row = refs.get(h.rowId);
    return row ? [{ row, score: h.score }] : [];
  });
}

// The FTS query parser treats some punctuation specially; terms are plain words already, but keep
// anything that is not a letter/digit out of the match text to be safe.
const clean = (s: string) => s.replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim();

/** Natural-language lane: BM25 over searchText (stemmed), expansions as weaker SHOULD clauses. */
export async function textLane(
  table: Table,
  q: AnalyzedQuery,
  extra: readonly Expansion[],
  where: string | undefined,
  limit: number,
  locator: LocatorSnapshot | null = null
): Promise<LaneRow[]> {
  const query = naturalQuery(q, extra, 'searchText', true);
  if (!query) return [];
  try {
    return await runFts(table, query, where, limit, locator);
  } catch (e) {
    // A phrase clause fails on an index built without positions: retry without phrases.
    if (q.phrases.length === 0) throw e;
    return textLane(table, { ...q, phrases: [] }, extra, where, limit, locator);
  }
}

/** Natural-language query over one FTS column (shared by the chunk and page lanes). */
export function naturalQuery(q: AnalyzedQuery, extra: readonly Expansion[], column: string, phrases: boolean): FullTextQuery | null {
  const base = clean(q.terms.join(' ')) || clean(q.normalized);
  if (!base) return null;
  const clauses: Array<[Occur, FullTextQuery]> = [[Occur.Should, new MatchQuery(base, column)]];
  for (const e of [...q.expansions, ...extra]) {
    const t = clean(e.term);
    if (t) clauses.push([Occur.Should, new MatchQuery(t, column, { boost: e.weight })]);
  }
  if (phrases) {
    for (const p of q.phrases) {
      const t = clean(p);
      if (t.split(/\s+/).length >= 2) clauses.push([Occur.Should, new PhraseQuery(t, column, { slop: 1 })]);
    }
  }
  return clauses.length === 1 ? clauses[0][1] : new BooleanQuery(clauses);
}

export interface PageLaneHit {
  docId: string;
  page: number;
  score: number;
  /** The page's full text; undefined when the lane was asked for ranks only (see pageLane). */
  text: string | undefined;
}

/**
 * Page lane: BM25 over whole page texts. Chunk BM25 favours short chunks that repeat a word;
 * the page view rewards pages where the question's words co-occur across paragraphs (procedures,
 * tables split into several chunks). `where` may only use docId (pages carry no filter columns).
 */
export async function pageLane(
  pages: Table,
  q: AnalyzedQuery,
  extra: readonly Expansion[],
  where: string | undefined,
  limit: number,
  /**
   * false = ranks only: reading each hit's text column costs about as much as the search itself,
   * and a second (feedback) pass mostly re-ranks pages whose texts the first pass already has.
   */
  withText = true
): Promise<PageLaneHit[]> {
  const query = naturalQuery(q, extra, 'text', false);
  if (!query) return [];
  let qb = pages.query().fullTextSearch(query).select(withText ? ['docId', 'page', 'text', '_score'] : ['docId', 'page', '_score']).limit(limit);
  if (where) qb = qb.where(where);
  const rows = await plainRows(qb);
  return rows.map((r) => ({ docId: String(r.docId), page: Number(r.page), score: Number(r._score ?? 0), text: withText ? String(r.text ?? '') : undefined }));
}

/** All chunks of the given pages (to represent pages found only by the page lane). */
export async function chunksOfPages(chunks: Table, pages: ReadonlyArray<{ docId: string; page: number }>): Promise<ChunkRecord[]> {
  if (pages.length === 0) return [];
  // docId IN (…) can use the docId bitmap index; an OR of (docId AND page) pairs would scan the table.
  const docs = [...new Set(pages.map((p) => p.docId))];
  const nums = [...new Set(pages.map((p) => p.page))];
  const where = `${sqlIn('docId', docs)} AND ${sqlColumn('page')} IN (${nums.map((n) => String(Math.trunc(n))).join(', ')})`;
  const wanted = new Set(pages.map((p) => `${p.docId}\u0000${p.page}`));
  const rows = await plainRows(chunks.query().where(where).select([...CHUNK_COLUMNS]));
  return rows.map(toRecord).filter((r) => wanted.has(`${r.docId}\u0000${r.page}`));
}

/** Whether `phrase` occurs (as adjacent words, stemmed) in any chunk passing `where`. */
export async function phraseExists(table: Table, phrase: string, where: string | undefined): Promise<boolean> {
  const t = clean(phrase);
  if (!t) return false;
  let q = table.query().fullTextSearch(new PhraseQuery(t, 'searchText', { slop: 0 })).select(['id', '_score']).limit(1);
  if (where) q = q.where(where);
  return (await q.toArray()).length > 0;
}

/** Full texts of the given pages (`docId:page` → text): by address where the page locator knows them, else one query. */
export async function pageTextsOf(
  pagesTable: Table,
  pages: ReadonlyArray<{ docId: string; page: number }>,
  locator: PageLocatorSnapshot | null = null
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = new Set(pages.map((p) => `${p.docId}:${p.page}`));
  const keep = (rows: Array<Record<string, unknown>>) => {
    for (const r of rows) {
      const key = `${String(r.docId)}:${Number(r.page)}`;
      if (wanted.has(key)) out.set(key, String(r.text ?? ''));
    }
  };
  if (locator) {
    const addrs = pages.flatMap((p) => locator.address(p.docId, Math.trunc(p.page)) ?? []);
    if (addrs.length) keep(await plainRows(pagesTable.takeRowIds(addrs).select(['docId', 'page', 'text'])).catch(() => []));
    pages = pages.filter((p) => !out.has(`${p.docId}:${p.page}`));
  }
  if (pages.length === 0) return out;
  const docs = [...new Set(pages.map((p) => p.docId))];
  const nums = [...new Set(pages.map((p) => Math.trunc(p.page)))];
  const where = `${sqlIn('docId', docs)} AND ${sqlColumn('page')} IN (${nums.join(', ')})`;
  keep(await plainRows(pagesTable.query().where(where).select(['docId', 'page', 'text'])));
  return out;
}

/**
 * Exact-identifier lane over the identifier index on the chunk text: the joined forms as terms
 * (`e204` meets `E204`) and their multi-word spellings as exact phrases (`e 204` meets `E-204`,
 * `gdb get char` meets `gdb_get_char`). No stemming, no stop words.
 */
export async function identLane(table: Table, q: AnalyzedQuery, where: string | undefined, limit: number, locator: LocatorSnapshot | null = null): Promise<LaneRow[]> {
  const tokens = q.identifiers.map(clean).filter(Boolean);
  if (tokens.length === 0) return [];
  const clauses: Array<[Occur, FullTextQuery]> = [[Occur.Should, new MatchQuery(tokens.join(' '), IDENT_COLUMN)]];
  for (const p of q.identifierPhrases) {
    const t = clean(p);
    if (t.includes(' ')) clauses.push([Occur.Should, new PhraseQuery(t, IDENT_COLUMN, { slop: 0 })]);
  }
  return runFts(table, clauses.length === 1 ? clauses[0][1] : new BooleanQuery(clauses), where, limit, locator);
}

/**
 * Pages found only by page/section lanes get their chunks, best-covering chunk first: cut from
 * the page's text where the locator knows its chunks and the search has the text, else read.
 */
export async function fillMissingChunks(
  chunks: Table,
  top: Array<{ docId: string; page: number; chunkIds: string[] }>,
  rows: { add(r: ChunkRecord): void },
  stems: readonly string[],
  stats: CorpusStatsSnapshot | undefined,
  cut: { locator: LocatorSnapshot; pageText: (docId: string, page: number) => string | undefined } | null = null
): Promise<void> {
  const missing = top.filter((f) => f.chunkIds.length === 0);
  if (missing.length === 0) return;
  const found: ChunkRecord[] = [];
  let unread = missing;
  if (cut) {
    unread = [];
    for (const f of missing) {
      const text = cut.pageText(f.docId, f.page);
      const cuts = text === undefined ? [] : cut.locator.chunksOn(f.docId, f.page).map((r) => cut.locator.record(r.rowId!, text));
      if (cuts.length && cuts.every((c) => c)) found.push(...(cuts as ChunkRecord[]));
      else unread.push(f);
    }
  }
  if (unread.length) found.push(...(await chunksOfPages(chunks, unread)));
  const cover = new Map(found.map((c) => [c.id, weightedCoverage(stems, c.text, stats)]));
  for (const f of missing) {
    const own = found.filter((c) => c.docId === f.docId && c.page === f.page);
    own.sort((a, b) => cover.get(b.id)! - cover.get(a.id)! || a.ordinal - b.ordinal);
    for (const c of own) rows.add(c);
    f.chunkIds = own.map((c) => c.id);
  }
}
