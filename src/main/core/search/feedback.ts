import type { CorpusStatsSnapshot } from './corpusStats';
import type { AnalyzedQuery, Expansion } from './queryAnalysis';
import { isStopWord, textWordsAndStems } from './textTerms';

/**
 * Pseudo-relevance feedback (RM3-like, simplified): the distinctive words of the first pass's
 * top pages are added as weak SHOULD clauses. It helps paraphrased questions, whose own words
 * hit the answer page's neighbourhood but not the page itself; the low weight keeps it from
 * drifting away from what was asked.
 */
export function feedbackTerms(
  q: AnalyzedQuery,
  topPages: ReadonlyArray<{ score: number; text: string }>,
  stats: CorpusStatsSnapshot,
  opts: { pages: number; terms: number; weight: number },
  /** How strongly a candidate stem is associated with the query (PMI, ≥ 0); favours on-topic words. */
  association?: (stemmed: string) => number
): Expansion[] {
  if (opts.terms <= 0 || opts.pages <= 0 || stats.n < 20) return [];
  const pages = topPages.slice(0, opts.pages);
  const queryStems = new Set(q.stems);
  const score = new Map<string, number>();
  const surface = new Map<string, string>();
  const topScore = pages[0]?.score || 1;
  for (const p of pages) {
    const tf = new Map<string, number>();
    let len = 0;
    // Memoized stems: the page re-scoring reads these top pages again.
    const { words, stems } = textWordsAndStems(p.text);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (isStopWord(word) || word.length < 3 || /^\d+$/.test(word)) continue;
      const s = stems[i];
      len++;
      if (queryStems.has(s)) continue;
      tf.set(s, (tf.get(s) ?? 0) + 1);
      if (!surface.has(s)) surface.set(s, word);
    }
    for (const [s, n] of tf) {
      const df = stats.df.get(s) ?? 0;
      // A word unique to one chunk cannot lead anywhere new; a word in >10% of chunks discriminates
      // little and makes the second query expensive (long posting lists).
      if (df < 2 || df > stats.n * 0.1) continue;
      score.set(s, (score.get(s) ?? 0) + (p.score / topScore) * (n / Math.max(len, 1)) * stats.idf(s));
    }
  }
  if (association) for (const [s, v] of score) score.set(s, v * (1 + association(s)));
  const best = [...score.entries()].sort((a, b) => b[1] - a[1]).slice(0, opts.terms);
  const max = best[0]?.[1] ?? 1;
  return best.map(([s, v]) => ({ term: surface.get(s)!, weight: opts.weight * (v / max), source: 'corpus' as const }));
}
