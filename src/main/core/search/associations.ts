import { Field, Schema, Utf8 } from '../index/arrow';
import type { LanceStore, Table } from '../index/lanceStore';
import { sqlIn } from '../index/sql';
import type { Expansion } from './queryAnalysis';
import { isStopWord, stem, wordTokens } from './textTerms';

/**
 * Word associations learned from the library itself: two words are associated when they occur
 * in the same sections more often than chance (pointwise mutual information over sections).
 * In a GPS manual "altitude" goes with "elevation" and "height"; in a printer manual "nozzle"
 * with "clog" and "clean" — vocabulary no general thesaurus ranks that way.
 *
 * Stored with the index: one row per document in the `termSections` table holding the distinct
 * content stems of each of its sections (JSON). `sync()` brings the table in line with the
 * searchable documents incrementally — a new document's chunks are read once, a removed
 * document's row is deleted — and the in-memory co-occurrence view is rebuilt from the rows
 * (no chunk text is read again).
 */
export const TERM_SECTIONS_TABLE = 'termSections';
const termSectionsSchema = new Schema([new Field('docId', new Utf8(), false), new Field('sectionsJson', new Utf8(), false)]);

export interface AssociationOptions {
  /** Associated words kept per query word. */
  perTerm: number;
  /** Weight of the strongest association (original terms weigh 1). */
  weight: number;
  /** Minimum number of sections two words share. */
  minShared: number;
  /** Words in more than this share of sections associate with everything: skipped. */
  maxDfShare: number;
  /**
   * Query words in more sections than this are not expanded: they are common enough to match
   * on their own, and counting their neighbours costs time that grows with the library.
   */
  maxSections: number;
}

export const DEFAULT_ASSOCIATIONS: AssociationOptions = { perTerm: 2, weight: 0.3, minShared: 2, maxDfShare: 0.1, maxSections: 100 };

const MAX_STEMS_PER_SECTION = 400;
/** Remembered association lists per snapshot (one per distinct query word; cleared when full). */
const MEMO_MAX = 20_000;

/**
 * Distinct content words per section (docId + section path; page when a chunk has no section),
 * one surface form per light stem: the stem groups forms, the surface word is what the
 * full-text index (with its own stemmer) can match as an expansion.
 */
export function sectionStems(rows: Iterable<{ sectionPath: string; page: number; searchText: string }>): string[][] {
  const sections = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const key = r.sectionPath || `#${r.page}`;
    let words = sections.get(key);
    if (!words) sections.set(key, (words = new Map()));
    for (const t of wordTokens(r.searchText)) {
      if (words.size >= MAX_STEMS_PER_SECTION) break;
      if (t.word.length < 3 || isStopWord(t.word) || !/^\p{L}+$/u.test(t.word)) continue;
      const s = stem(t.word);
      if (!words.has(s)) words.set(s, t.word);
    }
  }
  return [...sections.values()].map((s) => [...s.values()]);
}

/** Co-occurrence view over all stored sections. */
export class AssociationSnapshot {
  private readonly ids = new Map<string, number>();
  /** Surface form of each stem id (the first seen). */
  private readonly words: string[] = [];
  private readonly sections: Int32Array[] = [];
  private readonly postings: number[][] = [];
  private counts = new Int32Array(0);
  /**
   * associated() results per options object and stem. The snapshot never changes (a library
   * change builds a new one), and a library's questions keep asking about the same words.
   */
  private readonly memo = new WeakMap<AssociationOptions, Map<string, ReadonlyArray<{ word: string; score: number }>>>();

  constructor(perDoc: Iterable<string[][]>) {
    for (const doc of perDoc) {
      for (const sec of doc) {
        const sid = this.sections.length;
        const arr = new Int32Array(sec.length);
        sec.forEach((w, i) => {
          const s = stem(w);
          let id = this.ids.get(s);
          if (id === undefined) {
            id = this.words.length;
            this.ids.set(s, id);
            this.words.push(w);
            this.postings.push([]);
          }
          arr[i] = id;
          this.postings[id].push(sid);
        });
        this.sections.push(arr);
      }
    }
  }

  get sectionCount(): number {
    return this.sections.length;
  }

  /** Sections containing `stem`. */
  df(stemmed: string): number {
    const id = this.ids.get(stemmed);
    return id === undefined ? 0 : this.postings[id].length;
  }

  /** PMI of two stems over sections (0 when they never share one or either is unknown). */
  pmi(a: string, b: string): number {
    const ia = this.ids.get(a);
    const ib = this.ids.get(b);
    if (ia === undefined || ib === undefined) return 0;
    const [pa, pb] = [this.postings[ia], this.postings[ib]];
    let i = 0;
    let j = 0;
    let c = 0;
    while (i < pa.length && j < pb.length) {
      if (pa[i] === pb[j]) {
        c++;
        i++;
        j++;
      } else if (pa[i] < pb[j]) i++;
      else j++;
    }
    return c === 0 ? 0 : Math.max(0, Math.log((this.sections.length * c) / (pa.length * pb.length)));
  }

  /** Words (surface form) most associated with `stemmed`, by PMI weighted by how often they co-occur. */
  associated(stemmed: string, opts: AssociationOptions = DEFAULT_ASSOCIATIONS): Array<{ word: string; score: number }> {
    let memo = this.memo.get(opts);
    if (!memo || memo.size >= MEMO_MAX) this.memo.set(opts, (memo = new Map()));
    let hit = memo.get(stemmed);
    if (!hit) memo.set(stemmed, (hit = this.computeAssociated(stemmed, opts)));
    return hit.map((a) => ({ ...a }));
  }

  private computeAssociated(stemmed: string, opts: AssociationOptions): Array<{ word: string; score: number }> {
    const id = this.ids.get(stemmed);
    const n = this.sections.length;
    if (id === undefined || n === 0) return [];
    const posting = this.postings[id];
    const maxDf = Math.max(opts.minShared, n * opts.maxDfShare);
    if (posting.length > Math.min(maxDf, opts.maxSections)) return [];
    // A reusable counter array instead of a Map: this loop is the cost of an association lookup.
    if (this.counts.length < this.words.length) this.counts = new Int32Array(this.words.length);
    const counts = this.counts;
    const touched: number[] = [];
    for (const sid of posting) {
      for (const other of this.sections[sid]) {
        if (other === id) continue;
        if (counts[other]++ === 0) touched.push(other);
      }
    }
    const out: Array<{ word: string; score: number }> = [];
    for (const other of touched) {
      const c = counts[other];
      counts[other] = 0;
      const dfo = this.postings[other].length;
      if (c < opts.minShared || dfo > maxDf) continue;
      const pmi = Math.log((n * c) / (posting.length * dfo));
      if (pmi <= 0) continue;
      out.push({ word: this.words[other], score: pmi * (c / posting.length) });
    }
    return out.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word)).slice(0, opts.perTerm);
  }
}

/** Association expansions of the query's stems that are not already in the query. */
export function associationExpansions(snap: AssociationSnapshot, stems: readonly string[], already: readonly string[], opts = DEFAULT_ASSOCIATIONS): Expansion[] {
  const seen = new Set([...stems, ...already.map(stem)]);
  const found: Array<{ word: string; score: number }> = [];
  for (const s of new Set(stems)) for (const a of snap.associated(s, opts)) if (!seen.has(stem(a.word))) found.push(a);
  const max = Math.max(0, ...found.map((f) => f.score));
  const out = new Map<string, Expansion>();
  for (const f of found) {
    const weight = (opts.weight * f.score) / max;
    if ((out.get(f.word)?.weight ?? -1) < weight) out.set(f.word, { term: f.word, weight, source: 'association' });
  }
  return [...out.values()];
}

/** The stored per-document section stems, kept in step with the searchable documents. */
export class AssociationStore {
  private cached: { key: string; snap: AssociationSnapshot } | undefined;
  private syncing: Promise<AssociationSnapshot> | undefined;

  constructor(
    private readonly store: LanceStore,
    private readonly chunks: () => Table
  ) {}

  /** Adds rows for new documents, deletes rows of removed ones, returns the current view. */
  sync(searchable: readonly string[]): Promise<AssociationSnapshot> {
    const key = [...searchable].sort().join('\u0000');
    if (this.cached?.key === key) return Promise.resolve(this.cached.snap);
    this.syncing ??= this.doSync(searchable, key).finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async doSync(searchable: readonly string[], key: string): Promise<AssociationSnapshot> {
    const table = await this.store.withWriteLock(() => this.store.ensureTable(TERM_SECTIONS_TABLE, termSectionsSchema));
    const rows = (await table.query().select(['docId', 'sectionsJson']).toArray()) as Array<{ docId: string; sectionsJson: string }>;
    const want = new Set(searchable);
    const have = new Map(rows.map((r) => [String(r.docId), String(r.sectionsJson)]));
    const removed = [...have.keys()].filter((d) => !want.has(d));
    const added = searchable.filter((d) => !have.has(d));
    const fresh: Array<{ docId: string; sectionsJson: string }> = [];
    for (const docId of added) {
      const chunkRows = (await this.chunks().query().where(sqlIn('docId', [docId])).select(['sectionPath', 'page', 'searchText']).toArray()) as Array<Record<string, unknown>>;
      const secs = sectionStems(chunkRows.map((r) => ({ sectionPath: String(r.sectionPath ?? ''), page: Number(r.page), searchText: String(r.searchText ?? '') })));
      fresh.push({ docId, sectionsJson: JSON.stringify(secs) });
    }
    if (removed.length || fresh.length) {
      await this.store.withWriteLock(async () => {
        if (removed.length) await table.delete(sqlIn('docId', removed));
        if (fresh.length) await table.add(fresh);
      });
    }
    for (const d of removed) have.delete(d);
    for (const f of fresh) have.set(f.docId, f.sectionsJson);
    const snap = new AssociationSnapshot([...have.values()].map((j) => JSON.parse(j) as string[][]));
    this.cached = { key, snap };
    return snap;
  }
}
