import type { Table } from '../index/lanceStore';
import { sqlAnd, sqlColumn, sqlIn, sqlString } from '../index/sql';
import { CHUNK_COLUMNS, toRecord, type ChunkRecord, type LaneRow } from './lanes';

/**
 * Command-line options (`-B`, `-F`, `--force`) as identifiers. The index tokenises `-B` as the
 * single letter `b`, which matches nearly every chunk, and lower-cases it, while manuals
 * distinguish `-b` from `-B`. So options are matched on the chunk text itself, exactly and
 * case-sensitively, within the documents the other lanes found (a `docId IN` prefilter keeps the
 * scan to a few documents): the option's definition line (the line starts with the option, as
 * in an options list or man page) ranks above pages that merely use it.
 */

/** Options typed in a query: a `-x` / `--long-name` token standing on its own. */
export function queryOptions(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<=^|[\s"'(`[])(--?[A-Za-z][A-Za-z0-9_-]*)(?=$|[\s"'),.;:?!`\]=])/g)) out.add(m[1]);
  return [...out];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** 2 = a line of `text` starts with the option (its definition), 1 = mentioned, 0 = absent. Case-sensitive. */
export function optionMatch(text: string, option: string): number {
  const o = escapeRe(option);
  if (new RegExp(`(?:^|\\n)[ \\t]*(?:[-\\w]+,\\s*)?${o}(?![\\w-])`).test(text)) return 2;
  return new RegExp(`(?<![\\w-])${o}(?![\\w-])`).test(text) ? 1 : 0;
}

export async function optionLane(
  chunks: Table,
  options: readonly string[],
  candidates: readonly LaneRow[],
  where: string | undefined,
  limit: number,
  maxDocs = 5
): Promise<Array<LaneRow & { row: ChunkRecord }>> {
  const docs: string[] = [];
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    if (!docs.includes(c.row.docId)) docs.push(c.row.docId);
    if (docs.length >= maxDocs) break;
  }
  if (docs.length === 0 || options.length === 0) return [];
  const like = options.map((o) => `${sqlColumn('text')} LIKE ${sqlString(`%${o}%`)}`).join(' OR ');
  const rows = (await chunks
    .query()
    .where(sqlAnd(sqlIn('docId', docs), where, like)!)
    .select([...CHUNK_COLUMNS])
    .limit(limit * 4)
    .toArray()) as Array<Record<string, unknown>>;
  const scored: Array<LaneRow & { row: ChunkRecord }> = [];
  for (const r of rows.map(toRecord)) {
    const score = options.reduce((s, o) => s + optionMatch(r.text, o), 0);
    if (score > 0) scored.push({ row: r, score });
  }
  return scored.sort((a, b) => b.score - a.score || docs.indexOf(a.row.docId) - docs.indexOf(b.row.docId) || a.row.ordinal - b.row.ordinal).slice(0, limit);
}
