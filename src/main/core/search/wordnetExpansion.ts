import type { CorpusStatsSnapshot } from './corpusStats';
import type { Expansion } from './queryAnalysis';
import { stem } from './textTerms';
import { WORDNET_POS, type Synset, type WordNet } from './wordnet';

/**
 * Query expansion from WordNet, filtered by the library: a question says "height", the manual
 * says "altitude". For each content word of the query, the lemmas of its most frequent senses
 * (and, optionally, derivationally related words: receive ↔ receiver) become weak SHOULD
 * clauses. Only words the library actually uses count — a synonym absent from the library's
 * vocabulary adds nothing but query cost — and a sense is preferred when more of its words occur
 * in the library: in a radio manual "lead" is a cable, not the metal.
 */
export interface WordNetExpansionOptions {
  /** Senses per part of speech considered (most frequent first). */
  senses: number;
  /** Expansions kept per query word. */
  perTerm: number;
  /** Weight of an expansion of the best-supported sense (original terms weigh 1). */
  weight: number;
  /** Also derivationally related words (`+` pointers). */
  derived: boolean;
  /** Skip expansions occurring in more than this share of chunks: they match everything. */
  maxDfShare: number;
  /**
   * Also the lemmas of each library-supported sense's hypernyms (`@`: "wreck" → "destroy",
   * "halt" → "stop"), at this share of the sense's score; 0 = off. A paraphrase often names the
   * specific thing where the manual names the general one.
   */
  hypernyms: number;
}

export const DEFAULT_WORDNET_EXPANSION: WordNetExpansionOptions = { senses: 3, perTerm: 2, weight: 0.5, derived: true, maxDfShare: 0.05, hypernyms: 0.5 };

interface Candidate {
  term: string;
  score: number;
}

/** Candidate words of one synset: its own single-word lemmas, plus derived words when asked. */
function synsetWords(wn: WordNet, s: Synset, derived: boolean, from: string): string[] {
  const out = [...s.words];
  if (derived) {
    const fromIndex = s.words.indexOf(from) + 1;
    for (const p of s.pointers) {
      // Lexical pointers name source/target words; keep only those leaving the asked-for word.
      if (p.symbol !== '+' || p.source !== fromIndex || p.target === 0) continue;
      const target = wn.synset(p.pos, p.offset);
      if (target) out.push(target.words[p.target - 1]);
    }
  }
  return out.filter((w) => /^[a-z]+$/.test(w));
}

/** Single-word lemmas of a synset's hypernyms (semantic pointers, whole synset to whole synset). */
function hypernymWords(wn: WordNet, s: Synset): string[] {
  const out: string[] = [];
  for (const p of s.pointers) {
    if (p.symbol !== '@' || p.source !== 0) continue;
    for (const w of wn.synset(p.pos, p.offset)?.words ?? []) if (/^[a-z]+$/.test(w)) out.push(w);
  }
  return out;
}

/**
 * expandWord results per WordNet reader, library statistics snapshot and options. A snapshot is
 * never changed (a library change builds a new one), so a word's expansions are computed once
 * per library version instead of once per question.
 */
const MEMO_MAX = 20_000;
const memos = new WeakMap<WordNet, WeakMap<CorpusStatsSnapshot, WeakMap<WordNetExpansionOptions, Map<string, Candidate[]>>>>();

function memoFor(wn: WordNet, stats: CorpusStatsSnapshot, opts: WordNetExpansionOptions): Map<string, Candidate[]> {
  let byStats = memos.get(wn);
  if (!byStats) memos.set(wn, (byStats = new WeakMap()));
  let byOpts = byStats.get(stats);
  if (!byOpts) byStats.set(stats, (byOpts = new WeakMap()));
  let memo = byOpts.get(opts);
  if (!memo || memo.size >= MEMO_MAX) byOpts.set(opts, (memo = new Map()));
  return memo;
}

/** Expansions of one query word, best first. */
export function expandWord(wn: WordNet, word: string, stats: CorpusStatsSnapshot, opts: WordNetExpansionOptions): Candidate[] {
  const memo = memoFor(wn, stats, opts);
  let hit = memo.get(word);
  if (!hit) memo.set(word, (hit = computeExpansions(wn, word, stats, opts)));
  return hit.map((c) => ({ ...c }));
}

function computeExpansions(wn: WordNet, word: string, stats: CorpusStatsSnapshot, opts: WordNetExpansionOptions): Candidate[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const own = stem(word);
  const inLibrary = (w: string) => {
    const df = stats.df.get(stem(w)) ?? 0;
    return df > 0 && df <= Math.max(2, stats.n * opts.maxDfShare);
  };
  const best = new Map<string, number>();
  for (const pos of WORDNET_POS) {
    for (const base of wn.baseForms(word, pos)) {
      wn.offsets(base, pos)
        .slice(0, opts.senses)
        .forEach((offset, rank) => {
          const s = wn.synset(pos, offset);
          if (!s) return;
          const words = [...new Set(synsetWords(wn, s, opts.derived, base))].filter((w) => stem(w) !== own && w !== base);
          if (words.length === 0) return;
          const present = words.filter(inLibrary);
          // A sense none of whose words the library uses is another sense than the library's.
          if (present.length === 0) return;
          const add = (w: string, score: number) => best.set(w, Math.max(best.get(w) ?? 0, score));
          // Sense prior (WordNet lists senses by frequency) times how well the library supports it.
          const score = (1 / (1 + rank)) * (0.5 + 0.5 * (present.length / words.length));
          for (const w of present) add(w, score);
          if (opts.hypernyms > 0) for (const w of hypernymWords(wn, s)) if (stem(w) !== own && w !== base && inLibrary(w)) add(w, score * opts.hypernyms);
        });
    }
  }
  return [...best.entries()]
    .map(([term, score]) => ({ term, score }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
    .slice(0, opts.perTerm);
}

/** WordNet expansions for the query's content words that are not already in the query. */
export function wordnetExpansions(
  wn: WordNet,
  terms: readonly string[],
  stats: CorpusStatsSnapshot,
  opts: WordNetExpansionOptions = DEFAULT_WORDNET_EXPANSION
): Expansion[] {
  const seen = new Set(terms.map(stem));
  const out: Expansion[] = [];
  for (const t of terms) {
    for (const c of expandWord(wn, t, stats, opts)) {
      const s = stem(c.term);
      if (seen.has(s)) continue;
      seen.add(s);
      out.push({ term: c.term, weight: opts.weight * c.score, source: 'wordnet' });
    }
  }
  return out;
}
