/**
 * Small, dependency-free text helpers used by query analysis and evidence scoring: the same
 * normalisation, tokenisation, stop words and light stemming on both the query and the page
 * text we score coverage against, so "turns" on the query side meets "turn" in a page.
 */

/** NFKC, curly quotes to straight, the dash family to '-', collapsed whitespace. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

// Function words plus question scaffolding ("how do I", "what is") that carry no topic.
const STOP = new Set(
  (
    'a about above after again against all am an and any are aren as at be because been before being below between both but by ' +
    'can cannot could did didn do does doesn doing don down during each few for from further had has have having he her here hers ' +
    'him his how i if in into is isn it its itself just let me more most my myself no nor not now of off on once only or other ought our ' +
    'ours out over own same she should so some such than that the their theirs them then there these they this those through to too ' +
    'under until up very was wasn we were weren what when where which while who whom why will with won would you your yours yourself ' +
    "i'm i've it's what's don't doesn't can't won't isn't also get gets got getting want wants need needs use used using way ways " +
    'thing things something anything one ones able really still even much many may might must shall us via per etc ie eg'
  ).split(/\s+/)
);

export const isStopWord = (w: string): boolean => STOP.has(w);

/** Lower-cased word tokens (letters/digits, inner apostrophes kept) with their offsets. */
export function wordTokens(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) {
    out.push({ word: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * The lower-cased words of wordTokens, without offsets: for callers that read only the words
 * (stems of a whole page), which skip an object per word. Same tokens, same order.
 */
export function textWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) out.push(m[0].toLowerCase());
  return out;
}

const SUFFIXES = [
  ['ation', 'ate'],
  ['ing', ''],
  ['ed', ''],
  ['ly', ''],
  ['ment', ''],
  ['ness', '']
] as const;

/**
 * Stems already computed. Scoring stems every word of every candidate page on each search, and
 * manuals repeat the same few thousand words: without this, stemming was the largest share of a
 * search's time on the core's (main) thread, which delays every other caller (bench:ws). Bounded:
 * cleared when full, so an odd corpus cannot grow it without limit.
 */
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/**
 * A light English stemmer (plural/verb/adverb suffixes), good enough to compare query terms with
 * page text. It never needs to match the index's own stemmer: LanceDB stems its side itself.
 */
export function stem(word: string): string {
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  const out = computeStem(word);
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

function computeStem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const [suffix, rep] of SUFFIXES) {
    if (w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length) + rep;
      if (base.length >= 3 && /[aeiouy]/.test(base)) w = base;
      break;
    }
  }
  // "stopp" -> "stop"; drop a trailing 'e' so "stage"/"staging" and "configure"/"configured" meet.
  return w.replace(/([^aeiouslz])\1$/, '$1').replace(/(.{3,})e$/, '$1');
}

/**
 * Texts whose word stems were computed recently, most recent last. A search scores the same page
 * texts several times (page re-scoring of the top pages, evidence coverage and missing-term checks
 * of the top three) and the next question about the same manual meets many of them again;
 * tokenising and stemming a page was the largest share of a search's JavaScript time. Bounded
 * (least recently used out), keyed by the text itself, so it can never answer for a changed page.
 */
const STEMS_MEMO_MAX = 256;
const stemsMemo = new Map<string, readonly string[]>();
const stemSetMemo = new Map<string, ReadonlySet<string>>();

function remember<T>(memo: Map<string, T>, text: string, make: () => T): T {
  const hit = memo.get(text);
  if (hit !== undefined) {
    // Re-insert: Map iteration order is insertion order, so the first key is the least recent.
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const out = make();
  if (memo.size >= STEMS_MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(text, out);
  return out;
}

/** A memo of `make(text)` with the same bounded least-recently-used policy (for per-page views). */
export function textMemo<T>(make: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => remember(memo, text, () => make(text));
}

/** `wordTokens(text).map((t) => stem(t.word))`, memoized (see above). Do not mutate the result. */
export function textStems(text: string): readonly string[] {
  return remember(stemsMemo, text, () => textWords(text).map(stem));
}

/**
 * The words of `text` and their stems (textStems), tokenised once: a page re-scored with derived
 * forms reads both, and tokenising a page costs as much as stemming it.
 */
export function textWordsAndStems(text: string): { words: readonly string[]; stems: readonly string[] } {
  const known = stemsMemo.get(text);
  const words = textWords(text);
  return { words, stems: known ? textStems(text) : remember(stemsMemo, text, () => words.map(stem)) };
}

/** The distinct stems of `text` (the set of textStems), memoized. Do not mutate the result. */
export function textStemSet(text: string): ReadonlySet<string> {
  return remember(stemSetMemo, text, () => new Set(textStems(text)));
}

/** Content words of a text: tokens that are not stop words and not 1-char noise. */
export function contentWords(text: string): string[] {
  return wordTokens(normalizeText(text))
    .map((t) => t.word)
    .filter((w) => !isStopWord(w) && (w.length > 1 || /\d/.test(w)));
}
