import { tableCells } from '../../../shared/answerLine';
import { identifierTokens, normalizeIdentifier } from '../index/identifiers';
import type { AnalyzedQuery } from '../search/queryAnalysis';
import { isStopWord, stem, wordTokens } from '../search/textTerms';
import type { Segment } from './segments';

/**
 * How well one candidate unit answers the query. Everything here is generic: corpus term weights
 * (IDF), exact identifier/option matches, how close the matched words are, whether the table's
 * header or the page's section title names the asked-for thing, and answer-shaped phrasing
 * ("X is / means / defaults to", option and config lines, table rows, steps).
 */
export interface ScoredSegment extends Segment {
  score: number;
  /** [start, end) of the matched words, relative to the page text. */
  marks: Array<[number, number]>;
}

export interface ScoreContext {
  query: AnalyzedQuery;
  idf(stem: string): number;
  /** Stems of the page's section title (heading match). */
  sectionStems: ReadonlySet<string>;
  /** In how many units of the page each query identifier occurs. */
  pageIdentCount?: ReadonlyMap<string, number>;
}

/** "is/are/means/sets/defaults to/expects/must/should…": the phrasing of a statement of fact. */
const DEFINING = /\b(?:is|are|means|refers to|sets?|specif(?:y|ies)|defaults? to|by default|default is|expects?|requires?|must|should|will|causes?|uses?|can be|to (?:use|do|set|enable|disable|change|install|make)\b)/i;
const IMPERATIVE = /^(?:[\d.)\s]*)(?:To \w+[^,]{0,60}, )?(?:run|use|set|type|enter|add|edit|change|select|click|press|install|enable|disable|connect|remove|open|start|restart|load|download|replace|check|make)\b/i;

export function scoreSegment(text: string, seg: Segment, ctx: ScoreContext): ScoredSegment {
  const body = text.slice(seg.start, seg.end);
  const q = ctx.query;
  const wanted = new Map<string, number>();
  for (const s of q.stems) wanted.set(s, ctx.idf(s));
  for (const e of q.expansions) {
    const s = stem(e.term);
    if (!wanted.has(s) && !isStopWord(e.term)) wanted.set(s, ctx.idf(s) * e.weight * 0.5);
  }
  const marks: Array<[number, number]> = [];
  const seen = new Set<string>();
  const positions: number[] = [];
  let termScore = 0;
  const tokens = wordTokens(body);
  // Words the unit copies verbatim from a message the user quoted (their error message) restate
  // the question: the unit that answers is the one saying something besides them.
  const echo = echoTokens(tokens, q);
  const echoOnly = new Map<string, number>();
  tokens.forEach((t, i) => {
    // CamelCase names (LogLevel, PageSize) also count as their words.
    const raw = body.slice(t.start, t.end);
    const parts = /[a-z][A-Z]/.test(raw) ? [t.word, ...raw.split(/(?<=[a-z])(?=[A-Z])/).map((x) => x.toLowerCase())] : [t.word];
    let matched = false;
    for (const part of parts) {
      const s = stem(part);
      const w = wanted.get(s);
      if (w === undefined) continue;
      matched = true;
      if (echo.has(i)) {
        if (!seen.has(s)) echoOnly.set(s, w);
        continue;
      }
      if (!seen.has(s)) {
        seen.add(s);
        termScore += w;
      }
    }
    if (!matched) return;
    marks.push([seg.start + t.start, seg.start + t.end]);
    positions.push(i);
  });
  for (const [s, w] of echoOnly) {
    if (seen.has(s)) continue;
    seen.add(s);
    termScore += w * ECHO_WEIGHT;
  }
  // The header of a table row names its columns: matches there count for the row, at half weight.
  if (seg.header) {
    for (const t of wordTokens(seg.header)) {
      const s = stem(t.word);
      const w = wanted.get(s);
      if (w !== undefined && !seen.has(s)) {
        seen.add(s);
        termScore += w * 0.5;
      }
    }
  }
  let ident = 0;
  if (q.identifiers.length) {
    const have = identifierTokens(echo.size ? blankOut(body, tokens, echo) : body);
    // Strong identifiers (E-204, hackrf_info) decide; acronyms (USB, CUPS) are mostly context.
    // A quoted error message names the symptom: the text repeating it is rarely the answer.
    const quoted = identifierTokens(q.phrases.join(' '));
    const strong = new Set(q.strongIdentifiers.filter((id) => !quoted.has(id)));
    // An identifier named all over the page is the page's topic, not what tells its units apart.
    for (const id of q.identifiers) if (have.has(id)) ident += (strong.has(id) ? 1 : WEAK_IDENT) / Math.max(1, ctx.pageIdentCount?.get(id) ?? 1);
  }
  // A table row is looked up by its first cell: "address 5" asks for the row keyed "5".
  if (seg.kind === 'row') {
    const key = normalizeIdentifier(tableCells(body)[0] ?? '');
    const headerMatches = wordTokens(seg.header).some((t) => wanted.has(stem(t.word)));
    if (key && headerMatches && (queryWords(q).has(key) || q.identifiers.includes(key))) ident += ROW_KEY;
    // …or by a range its key starts: "recorded in 2012" falls in the row "from 1999-08-21".
    else if (seg.keyRange && headerMatches && queryNumbers(q).some((n) => n >= seg.keyRange![0] && n < seg.keyRange![1])) ident += ROW_KEY;
  }
  if (termScore === 0 && ident === 0) return { ...seg, score: 0, marks };

  const total = [...new Set(q.stems)].reduce((s, st) => s + ctx.idf(st), 0) || 1;
  const coverage = Math.min(1, termScore / total);
  let score = termScore * (0.6 + 0.8 * coverage) + ident * IDENT_WEIGHT;
  // Proximity: matched words packed in a short window read as one statement about them.
  if (positions.length >= 2) {
    const window = positions[positions.length - 1] - positions[0] + 1;
    score *= 1 + 0.25 * Math.min(1, (seen.size * 3) / window);
  }
  // Heading match: the section this unit sits in is about the asked-for thing.
  let headingHits = 0;
  for (const s of seen) if (ctx.sectionStems.has(s)) headingHits++;
  score *= 1 + 0.05 * headingHits;
  const asksValue = /\b(?:what|which|how (?:many|much|long|fast|far|big|high|low))\b/i.test(q.raw);
  // "The default port is 4532": a question word stated to be a value answers "which/what…" directly.
  if (asksValue && boundValue(body, marks, seg.start, q)) score *= BOUND_VALUE;
  score *= shapeFactor(
    body,
    seg,
    q,
    asksValue,
    /\bhow (?:do|can|should|would) (?:i|we|you)\b|\bhow to\b/i.test(q.raw)
  );
  // Length (BM25-style): long units collect matches by chance; a short one with the same words is sharper.
  const len = seg.end - seg.start;
  score /= 1 - LENGTH_B + (LENGTH_B * len) / AVG_UNIT;
  if (len < 12) score *= 0.6;
  return { ...seg, score, marks };
}

/** Bonus for units shaped like answers in manuals. */
function shapeFactor(body: string, seg: Segment, query: AnalyzedQuery, asksValue: boolean, asksHow: boolean): number {
  let f = 1;
  if (seg.kind === 'option' || seg.kind === 'code') f *= 1.15;
  // Two statements are less precise than one: the pair wins only when its second half adds matches.
  if (seg.pair) f *= PAIR_FACTOR;
  if (seg.kind === 'row') f *= seg.header ? 1.15 : 1.05;
  if (seg.kind === 'step' || IMPERATIVE.test(body)) f *= 1.08;
  if (DEFINING.test(body)) f *= 1.1;
  // "How do I…" asks for an action: steps, commands and imperative sentences answer it.
  if (asksHow && (seg.kind === 'step' || seg.kind === 'code' || IMPERATIVE.test(body))) f *= 1.25;
  // A lead-in ("…as follows:") announces the answer; the unit after it (or with it) is the answer.
  // "This format can..." trails off the same way (an ellipsis right after a word; "pkg2 ..." in a
  // command line is an argument placeholder, not a lead-in).
  if (/(?::|\p{L}(?:\.\.\.|…))\s*$/u.test(body)) f *= 0.5;
  // Mostly web addresses: a pointer to somewhere else, not the statement itself.
  if (urlShare(body) > 0.4) f *= 0.6;
  // A header row alone names columns, it answers nothing.
  if (seg.kind === 'row' && isHeaderLike(body)) f *= 0.5;
  // A question or a heading-like fragment is not an answer.
  if (/\?\s*$/.test(body)) f *= 0.7;
  // "What/which/how many…" asks for a value: a unit stating one (a number) is answer-shaped.
  if (asksValue && statesValue(body, query)) f *= 1.1;
  if (seg.kind === 'sentence' && body.split(/\s+/).length < 4 && !/[.:]$/.test(body)) f *= 0.6;
  // A title cut out as a "sentence" names a topic, like a heading.
  else if (seg.kind === 'sentence' && isTitleLike(body)) f *= 0.6;
  return f;
}

/** A run of this many words of a quoted phrase of the question, in a row, is an echo of it. */
const ECHO_RUN = 3;
/** What an echoed word still counts for (it does tell the unit is about the user's situation). */
const ECHO_WEIGHT = 0.25;

const runsCache = new WeakMap<AnalyzedQuery, Set<string>>();
/** Indexes of the unit's tokens inside a run of ≥ ECHO_RUN consecutive words of a quoted phrase of the question. */
export function echoTokens(tokens: ReadonlyArray<{ word: string }>, q: AnalyzedQuery): Set<number> {
  let runs = runsCache.get(q);
  if (!runs) {
    runs = new Set<string>();
    for (const phrase of q.phrases) {
      const words = wordTokens(phrase).map((t) => t.word);
      for (let i = 0; i + ECHO_RUN <= words.length; i++) runs.add(words.slice(i, i + ECHO_RUN).join(' '));
    }
    runsCache.set(q, runs);
  }
  const out = new Set<number>();
  if (!runs.size) return out;
  for (let i = 0; i + ECHO_RUN <= tokens.length; i++) {
    let key = tokens[i].word;
    for (let k = 1; k < ECHO_RUN; k++) key += ' ' + tokens[i + k].word;
    if (runs.has(key)) for (let k = 0; k < ECHO_RUN; k++) out.add(i + k);
  }
  return out;
}

/** The body with echoed words replaced by spaces (offsets kept). */
function blankOut(body: string, tokens: ReadonlyArray<{ start: number; end: number }>, echo: ReadonlySet<number>): string {
  let out = '';
  let pos = 0;
  for (const i of [...echo].sort((a, b) => a - b)) {
    out += body.slice(pos, tokens[i].start) + ' '.repeat(tokens[i].end - tokens[i].start);
    pos = tokens[i].end;
  }
  return out + body.slice(pos);
}

const LENGTH_B = 0.4;
/** On eval-dev any factor from 0.6 to 1 gave the same choices; 0.75 keeps single sentences first when a pair adds little. */
const PAIR_FACTOR = 0.75;
const AVG_UNIT = 120;

/** Share of the unit's characters inside web addresses (including ones wrapped after - / . = ? &). */
export const urlShare = (body: string) =>
  (body.match(/\[?(?:https?:\/\/|www\.)[^\s\]]*(?:(?<=[-/.=?&])\n[^\s\]]+)*\]?/g) ?? []).join('').length / Math.max(1, body.length);

/** Larger than the IDF sum of a sentence's words: naming the asked-for code decides. */
const IDENT_WEIGHT = 12;
const WEAK_IDENT = 0.15;
/** A row keyed by a word of the question, in identifier units. */
const ROW_KEY = 3;

/** Answer-type match: on eval-dev any factor from 1.8 to 2.5 gave the same choices (1.6 and below: none changed). */
const BOUND_VALUE = 2;
const BOUND = /^(?:\s+[\p{L}][\p{L}-]*){0,2}?\s+(?:is|are|was|were|defaults? to|uses?|equals?)\s+(?:about |approximately |up to |at least |at most )?[-+–]?(\d+(?:[.,]\d+)?)/iu;

/** Whether a matched question word is followed (within two words) by "is/uses/defaults to <number>". */
export function boundValue(body: string, marks: ReadonlyArray<[number, number]>, offset: number, q: AnalyzedQuery): boolean {
  return marks.some(([, end]) => {
    const m = BOUND.exec(body.slice(end - offset, end - offset + 60));
    return !!m && !q.normalized.includes(m[1]);
  });
}

/** A number the question did not already give (the value asked for). */
const statesValue = (body: string, q: AnalyzedQuery) => (body.match(/\d+(?:[.,]\d+)?/g) ?? []).some((n) => !q.normalized.includes(n));

/**
 * A title, not a statement: no closing punctuation, few words, most of them capitalised or
 * numbers ("MTK Logger (iBlue 747,...)", "3.2 Serial Port Settings").
 */
function isTitleLike(body: string): boolean {
  if (/(?<!\.\.)[.!?;:]["')\]]?\s*$/.test(body)) return false;
  // "Default: 9600 Baud", "Speed = 115200": a label with its value states something.
  if (/[:=]/.test(body)) return false;
  const words = body.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+/u, '')).filter(Boolean);
  if (words.length === 0 || words.length > 10) return false;
  return words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length / words.length >= 0.6;
}

const isHeaderLike = (row: string) => tableCells(row).every((c) => /^[A-Z][^\d]*$/.test(c) && c.length <= 30);

const queryNumbers = (q: AnalyzedQuery) => (q.normalized.match(/(?<![\w.-])\d+(?:\.\d+)?(?![\w.-])/g) ?? []).map(Number);

const wordsCache = new WeakMap<AnalyzedQuery, Set<string>>();
function queryWords(q: AnalyzedQuery): Set<string> {
  let w = wordsCache.get(q);
  if (!w) wordsCache.set(q, (w = new Set(wordTokens(q.normalized).map((t) => normalizeIdentifier(t.word)))));
  return w;
}
