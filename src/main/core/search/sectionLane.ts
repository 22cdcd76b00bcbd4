import type { CorpusStatsSnapshot, SectionInfo } from './corpusStats';
import { pageKey, type PageHit } from './fusion';

/**
 * Section-title matching: a question that names a section ("fault codes of the heater", "how do
 * I set up the udev rules") should find that section's pages even when their body text words it
 * differently. A section matches when every content word of its title occurs in the query and
 * the title is specific enough (its words' IDF adds up); its first pages then form a lane.
 */
export interface SectionLaneOptions {
  /**
   * Minimum specificity of the title: its words' IDF summed, in units of the IDF of a word that
   * occurs in a single chunk (so it does not depend on library size). Filters "Introduction", "Notes".
   */
  minSpecificity: number;
  maxSections: number;
  pagesPerSection: number;
}

export const DEFAULT_SECTION_LANE: SectionLaneOptions = { minSpecificity: 1, maxSections: 3, pagesPerSection: 3 };

/**
 * Sections by title stem, per statistics snapshot (a snapshot never changes). A section can only
 * match when the query has its title words, so a question looks at the sections sharing a word
 * with it instead of every section of the library (hundreds of thousands in a large one).
 */
interface TitleIndex {
  byStem: Map<string, number[]>;
  /** Sections without title words (every one of their none is "in the query"). */
  untitled: number[];
}
const titleIndexes = new WeakMap<CorpusStatsSnapshot, TitleIndex>();

function titleIndex(stats: CorpusStatsSnapshot): TitleIndex {
  let index = titleIndexes.get(stats);
  if (!index) {
    const byStem = new Map<string, number[]>();
    const untitled: number[] = [];
    stats.sections.forEach((s, i) => {
      if (s.titleStems.length === 0) untitled.push(i);
      for (const t of new Set(s.titleStems)) {
        const list = byStem.get(t);
        if (list) list.push(i);
        else byStem.set(t, [i]);
      }
    });
    titleIndexes.set(stats, (index = { byStem, untitled }));
  }
  return index;
}

/** Indexes (ascending, i.e. library order) of the sections whose title shares a stem with the query. */
function candidateSections(stats: CorpusStatsSnapshot, wanted: ReadonlySet<string>): number[] {
  const index = titleIndex(stats);
  const out = new Set<number>(index.untitled);
  for (const t of wanted) for (const i of index.byStem.get(t) ?? []) out.add(i);
  return [...out].sort((a, b) => a - b);
}

export function sectionLane(
  queryStems: readonly string[],
  stats: CorpusStatsSnapshot,
  allowedDocs: ReadonlySet<string> | undefined,
  opts: SectionLaneOptions = DEFAULT_SECTION_LANE
): PageHit[] {
  const wanted = new Set(queryStems);
  const matches: Array<{ s: SectionInfo; score: number }> = [];
  const unit = Math.log(1 + (stats.n - 1 + 0.5) / 1.5);
  if (unit <= 0) return [];
  for (const i of candidateSections(stats, wanted)) {
    const s = stats.sections[i];
    if (allowedDocs && !allowedDocs.has(s.docId)) continue;
    if (!s.titleStems.every((t) => wanted.has(t))) continue;
    const score = s.titleStems.reduce((sum, t) => sum + stats.idf(t), 0) / unit;
    if (score >= opts.minSpecificity) matches.push({ s, score });
  }
  matches.sort((a, b) => b.score - a.score || a.s.titleStems.length - b.s.titleStems.length);
  const out: PageHit[] = [];
  const seen = new Set<string>();
  for (const { s, score } of matches.slice(0, opts.maxSections)) {
    for (const page of s.pages.slice(0, opts.pagesPerSection)) {
      const key = pageKey(s.docId, page);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, docId: s.docId, page, score, chunkIds: [], bestChunkScore: score });
    }
  }
  return out;
}
