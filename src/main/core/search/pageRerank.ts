import type { CorpusStatsSnapshot } from './corpusStats';
import type { FusedPage } from './fusion';
import { QueryForms } from './derivedForms';
import { stem, textStemSet, textStems, textWordsAndStems, wordTokens } from './textTerms';

/**
 * Second stage for rank 1: the fused list is right about the neighbourhood but often puts a page
 * that merely uses the query's words (a table of contents, an overview, the next page of the
 * chapter) above the page that answers. The top pages are re-scored on their full text with
 * features that do not depend on the lanes' score scales:
 *  - coverage: IDF-weighted share of the query's words on the page (expansions at their weight);
 *  - proximity: the IDF mass of distinct query words inside the best window of `window` words,
 *    as a share of the query's total — the rarest words occurring together, not scattered;
 *  - title: the page's section title shares words with the query;
 *  - listing: a table-of-contents or index page (most lines end in a page number) is pushed
 *    down unless the question asks for contents or an index.
 * With `derivedForms`, a page word that is a derived form of a query word ("greenish" for
 * "green", "receiver" for "receive") or a split spelling of it ("chart plotter") counts as that
 * word in coverage and proximity: the light stemmer keeps them apart, but a paraphrased
 * question rarely uses the manual's exact form.
 * The fused (RRF) score stays the main term so every lane still counts.
 */
export interface PageRerankOptions {
  top: number;
  window: number;
  weights: { fused: number; coverage: number; proximity: number; title: number; listing: number };
  /** Count derived forms (derivational suffixes, see derivedForms.ts) and split spellings of query words as the words. */
  derivedForms: boolean;
}

export const DEFAULT_PAGE_RERANK: PageRerankOptions = {
  top: 20,
  window: 30,
  weights: { fused: 1, coverage: 1, proximity: 0.35, title: 0.2, listing: 1 },
  derivedForms: true
};

export interface RerankPage {
  fused: FusedPage;
  text: string;
  sectionPath: string;
}

/** Share of non-empty lines that end in a page number (dot leaders or plain), for TOC/index pages. */
export function listingShare(text: string): number {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 2);
  if (lines.length < 8) return 0;
  const numbered = lines.filter((l) => /(?:\.{2,}|\s)\s*[\divxlc]{1,4}(?:[,–-]\s*\d{1,4})*$/i.test(l) && /\p{L}/u.test(l)).length;
  return numbered / lines.length;
}

/** Best IDF mass of distinct wanted stems within any `window` consecutive words of `stems`. */
export function bestWindowMass(tokens: readonly string[], weight: ReadonlyMap<string, number>, window: number): number {
  const inWin = new Map<string, number>();
  let mass = 0;
  let best = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (weight.has(t)) {
      const n = inWin.get(t) ?? 0;
      if (n === 0) mass += weight.get(t)!;
      inWin.set(t, n + 1);
    }
    const out = i - window;
    if (out >= 0 && weight.has(tokens[out])) {
      const o = tokens[out];
      const n = inWin.get(o)! - 1;
      inWin.set(o, n);
      if (n === 0) mass -= weight.get(o)!;
    }
    if (mass > best) best = mass;
  }
  return best;
}

/**
 * Page text as light stems. With `forms`, derived forms of query stems are replaced by those
 * stems, and two adjacent words that join into a query word ("chart plotter" for "chartplotter",
 * "set up" for "setup") count as it, once (at the first word's position).
 */
export function pageStems(text: string, forms: QueryForms | null): readonly string[] {
  if (!forms) return textStems(text);
  const both = textWordsAndStems(text);
  const words = both.words;
  // A copy: the memoized stems are shared and must not be rewritten below.
  const stems = [...both.stems];
  for (let i = 0; i + 1 < words.length; i++) {
    const j = forms.joined(words[i], words[i + 1], stem);
    if (j && !forms.has(stems[i]) && !forms.has(stems[i + 1])) stems[i] = j;
  }
  for (let i = 0; i < stems.length; i++) stems[i] = forms.map(stems[i]);
  return stems;
}

const ASKS_FOR_LISTING = /\b(contents|index|toc|list of)\b/i;

export function rerankPages(
  pages: readonly RerankPage[],
  queryWeights: ReadonlyMap<string, number>,
  rawQuery: string,
  opts: PageRerankOptions = DEFAULT_PAGE_RERANK
): FusedPage[] {
  if (pages.length < 2 || queryWeights.size === 0) return pages.map((p) => p.fused);
  let total = 0;
  for (const w of queryWeights.values()) total += w;
  const maxFused = Math.max(...pages.map((p) => p.fused.score)) || 1;
  const wantsListing = ASKS_FOR_LISTING.test(rawQuery);
  const w = opts.weights;
  const forms = opts.derivedForms ? new QueryForms(new Set(queryWeights.keys())) : null;
  const scored = pages.map((p, i) => {
    const stems = pageStems(p.text, forms);
    // Without derived forms the stems are the memoized ones, so their memoized set is the same.
    const present = forms ? new Set(stems) : textStemSet(p.text);
    let cov = 0;
    for (const [s, v] of queryWeights) if (present.has(s)) cov += v;
    const prox = bestWindowMass(stems, queryWeights, opts.window);
    const leaf = p.sectionPath.split(' > ').pop() ?? '';
    const titleStems = new Set(wordTokens(leaf).map((t) => stem(t.word)));
    let title = 0;
    for (const [s, v] of queryWeights) if (titleStems.has(s)) title += v;
    const listing = wantsListing ? 0 : listingShare(p.text) > 0.5 ? 1 : 0;
    const score = w.fused * (p.fused.score / maxFused) + w.coverage * (cov / total) + w.proximity * (prox / total) + w.title * Math.min(1, title / total) - w.listing * listing;
    return { f: p.fused, score, i };
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.f);
}

/** Query stems weighted by IDF (expansions scaled by their own weight), for rerankPages. */
export function queryWeights(
  stems: readonly string[],
  expansions: ReadonlyArray<{ term: string; weight: number }>,
  stats: CorpusStatsSnapshot | undefined
): Map<string, number> {
  const out = new Map<string, number>();
  const idf = (s: string) => (stats ? stats.idf(s) : 1);
  for (const s of stems) if (!stats || stats.df.has(s)) out.set(s, Math.max(out.get(s) ?? 0, idf(s)));
  for (const e of expansions) {
    const s = stem(e.term);
    if (stats && !stats.df.has(s)) continue;
    out.set(s, Math.max(out.get(s) ?? 0, idf(s) * Math.min(1, e.weight)));
  }
  return out;
}
