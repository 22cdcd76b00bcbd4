import type { CorpusStatsSnapshot } from './corpusStats';
import type { Expansion } from './queryTypes';
import { stem } from './textTerms';

/** LanceDB's BM25 constants, so the added scores are on the scale of the page lane's own. */
const K1 = 1.2;
const B = 0.75;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The feedback pass without a second index search: the first pass's pages, each scored again as
 * its first-pass score plus the feedback terms' BM25 on its text (weighted like the SHOULD
 * clauses the second search had), then re-sorted.
 *
 * Why: the second page search cost about a fifth of a search's CPU (a third of its time at 1M
 * chunks, where the feedback words' posting lists are long), and what it returned was the first
 * pass's pages in another order: on eval-dev, keeping only its pages that the first pass had also
 * found changed no question's result. The library's chunk statistics stand in for the page index's
 * idf, and a page's length in characters for its token count.
 */
export function rescorePages<T extends { score: number; text?: string }>(pages: readonly T[], feedback: readonly Expansion[], stats: CorpusStatsSnapshot): T[] {
  const terms = feedback.map((e) => ({ stem: stem(e.term), weight: e.weight })).filter((t) => t.stem.length > 0);
  if (terms.length === 0 || pages.length === 0) return [...pages];
  const idf = terms.map((t) => stats.idf(t.stem));
  const avgLen = pages.reduce((sum, p) => sum + (p.text?.length ?? 0), 0) / pages.length || 1;
  const stems = terms.map((t) => t.stem);
  const scored = pages.map((p, rank) => {
    const text = p.text ?? '';
    const norm = K1 * (1 - B + (B * text.length) / avgLen);
    const tf = termFrequencies(text, stems);
    let added = 0;
    for (let i = 0; i < terms.length; i++) if (tf[i] > 0) added += terms[i].weight * idf[i] * ((tf[i] * (K1 + 1)) / (tf[i] + norm));
    return { page: { ...p, score: p.score + added }, rank };
  });
  // Ties keep the first pass's order.
  return scored.sort((a, b) => b.page.score - a.page.score || a.rank - b.rank).map((s) => s.page);
}

/**
 * How many words of `text` have each of the given stems. Found by searching the lower-cased text
 * for the stem's first letters (a word with that stem begins with them: the stemmer changes at
 * most the stem's last letter) and stemming only those words; tokenising and stemming every word
 * of 60 pages would cost more than the index search this replaces.
 */
export function termFrequencies(text: string, stems: readonly string[]): number[] {
  const lower = text.toLowerCase();
  return stems.map((s) => {
    const prefix = s.length > 3 ? s.slice(0, -1) : s;
    let n = 0;
    for (let at = lower.indexOf(prefix); at !== -1; at = lower.indexOf(prefix, at + 1)) {
      if (at > 0 && WORD_CHAR.test(lower[at - 1])) continue;
      let end = at + prefix.length;
      while (end < lower.length && WORD_CHAR.test(lower[end])) end++;
      if (stem(lower.slice(at, end)) === s) n++;
    }
    return n;
  });
}
