import type { MissingTerms } from '../../../shared/contract/search';
import type { CorpusStatsSnapshot } from './corpusStats';
import { nameLikeSpans, spellingVariants, type AnalyzedQuery } from './queryAnalysis';
import { isStopWord, stem, textStemSet, wordTokens } from './textTerms';
import { sharedWordNet, WORDNET_POS, type WordNet, type WordNetPos } from './wordnet';

/**
 * "The manuals never mention X": the question's salient terms — name-like words (ESP32, Strava,
 * SatNOGS), identifiers, and two-word terms ("noise figure") — that occur nowhere in the library,
 * or that the library has but not on the pages found. A near miss (the manual names the product
 * but not the asked-for thing) scores well on every lane; the absent term is what gives it away,
 * and it is what a technician wants to be told.
 */
export interface MissingTermsOptions {
  /** Two-word terms checked against the index per query (each is one phrase lookup). */
  maxPhrases: number;
  /**
   * Rarity a two-word term needs, as shares of a once-seen word's IDF: its rarer word at least
   * `minPhraseIdf`, the other at least `minOtherIdf` (common pairs like "went wrong" never count).
   */
  minPhraseIdf: number;
  minOtherIdf: number;
}

export const DEFAULT_MISSING_TERMS: MissingTermsOptions = { maxPhrases: 3, minPhraseIdf: 0.7, minOtherIdf: 0.7 };

/** Adjacent content-word pairs of the query (no stop word or punctuation between), rarest first. */
export function twoWordTerms(
  normalized: string,
  stats: CorpusStatsSnapshot,
  minIdf: number,
  minOther: number,
  wn: WordNet | null = sharedWordNet()
): string[] {
  const unit = Math.log(1 + (stats.n - 1 + 0.5) / 1.5);
  const words = wordTokens(normalized);
  const out: Array<{ phrase: string; idf: number }> = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (/[^\s-]/.test(normalized.slice(a.end, b.start))) continue;
    if (![a, b].every((t) => /^\p{L}{3,}$/u.test(t.word) && !isStopWord(t.word))) continue;
    const idfs = [a, b].map((t) => (stats.df.has(stem(t.word)) ? stats.idf(stem(t.word)) : 0));
    // Both words known (an unknown word is reported on its own) and both specific.
    if (Math.max(...idfs) < minIdf * unit || Math.min(...idfs) < minOther * unit) continue;
    if (wn && !nounCompound(wn, a.word, b.word)) continue;
    out.push({ phrase: `${a.word} ${b.word}`, idf: idfs[0] + idfs[1] });
  }
  return out.sort((x, y) => y.idf - x.idf).map((x) => x.phrase);
}

/**
 * Adjacent word pairs that WordNet lists as one noun ("ink cartridge", "matrix algebra"): a
 * lexicalised compound names one thing, so it is a term however common its two words are in the
 * library (the IDF gate of twoWordTerms is there to keep chance pairs of a sentence out). Both
 * words must occur in the library — an unknown word is reported on its own.
 */
export function wordnetCompounds(normalized: string, stats: CorpusStatsSnapshot, wn: WordNet | null = sharedWordNet()): string[] {
  if (!wn) return [];
  const words = wordTokens(normalized);
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (/[^\s-]/.test(normalized.slice(a.end, b.start))) continue;
    if (![a, b].every((t) => /^\p{L}{3,}$/u.test(t.word) && !isStopWord(t.word) && stats.df.has(stem(t.word)))) continue;
    if (wn.baseForms(`${a.word} ${b.word}`, 'noun').length) out.push(`${a.word} ${b.word}`);
  }
  return out;
}

/**
 * English noun compounds end in a noun ("noise figure", "satnogs network"); a pair whose last
 * word WordNet knows but never as a noun ("rotctld listen") or whose first word is neither noun
 * nor adjective is just two words of a sentence. Nor is a pair ending in a word that is mainly an
 * adjective or adverb: "straight" and "wrong" have rare noun senses, but "generator straight" and
 * "went wrong" are not terms (on eval-dev this removed 2 of 6 false "never mentioned" alarms and
 * kept every unanswerable one). WordNet splits adjectives finely, so "mainly" means more than
 * twice as many adjective/adverb senses as noun senses ("light" stays a noun). Verb senses do not
 * count against a head: technical compounds often end in a noun that is also a verb ("firmware
 * update", "power supply", "factory reset"). Words WordNet lacks (product names) pass.
 */
function nounCompound(wn: WordNet, first: string, head: string): boolean {
  const known = (w: string) => WORDNET_POS.some((p) => wn.baseForms(w, p).length > 0);
  const senses = (w: string, pos: WordNetPos) => wn.baseForms(w, pos).reduce((n, b) => n + wn.offsets(b, pos).length, 0);
  const nounSenses = senses(head, 'noun');
  const headOk = !known(head) || (nounSenses > 0 && senses(head, 'adj') + senses(head, 'adv') <= 2 * nounSenses);
  const firstOk = !known(first) || wn.baseForms(first, 'noun').length > 0 || wn.baseForms(first, 'adj').length > 0;
  return headOk && firstOk;
}

/** The phrase with each word in its other common spelling (colour → color, grey → gray), when it has one. */
const usSpelling = (phrase: string) => phrase.split(' ').map((w) => spellingVariants(w)[0] ?? w).join(' ');

/**
 * Missing terms of `q`. `phraseExists` asks the index whether a two-word term occurs anywhere
 * (as adjacent words); `pageTexts` are the top pages' texts.
 */
export async function findMissingTerms(
  q: AnalyzedQuery,
  stats: CorpusStatsSnapshot | undefined,
  pageTexts: readonly string[],
  /** null = skip two-word terms (no index lookups). */
  phraseExists: ((phrase: string) => Promise<boolean>) | null,
  opts: MissingTermsOptions = DEFAULT_MISSING_TERMS,
  /** false = look up only WordNet compounds (rare, one lookup each), not the IDF-chosen pairs. */
  checkPairs = true
): Promise<MissingTerms> {
  if (!stats || stats.n === 0) return { neverMentioned: [], notOnPages: [] };
  const never: string[] = [];
  const names = nameLikeSpans(q.normalized);
  for (const n of names) if (!stats.df.has(stem(n.toLowerCase()))) never.push(n);
  const pairs = phraseExists && checkPairs ? twoWordTerms(q.normalized, stats, opts.minPhraseIdf, opts.minOtherIdf) : [];
  const compounds = phraseExists ? wordnetCompounds(q.normalized, stats) : [];
  const phrases = [...new Set([...compounds, ...pairs])].slice(0, opts.maxPhrases);
  // A phrase counts as mentioned in either spelling ("basic colours" in a manual saying "basic colors").
  const found = await Promise.all(phrases.map(async (p) => (await phraseExists!(p)) || (p !== usSpelling(p) && (await phraseExists!(usSpelling(p))))));
  phrases.forEach((p, i) => {
    if (!found[i]) never.push(p);
  });
  // Known names and identifiers that none of the top pages carry.
  const onPages = (s: string) => pageTexts.some((t) => textStemSet(t).has(s));
  const notOnPages = names.filter((n) => stats.df.has(stem(n.toLowerCase())) && !onPages(stem(n.toLowerCase())));
  return { neverMentioned: never, notOnPages };
}
