import type { CorpusStatsSnapshot } from './corpusStats';
import type { Evidence } from '../../../shared/contract/search';
import { identifierTokens } from '../index/identifiers';
import type { FusedPage } from './fusion';
import type { AnalyzedQuery } from './queryTypes';
import { textMemo, textStemSet } from './textTerms';

/**
 * Evidence strength: how likely it is that the top pages actually answer the question, as one
 * 0–1 number the chat layer compares with settings.retrieval.evidenceThreshold to say "not in the
 * manuals". BM25 scores alone can't separate refusals (near misses score as high as answers), so
 * it combines signals that are comparable across queries:
 *  - coverage: IDF-weighted share of the query's content words found on the best page
 *    (a near miss usually lacks the one rare word that the question is really about);
 *  - unknown: IDF-weighted share of query words that occur nowhere in the library;
 *  - unknownNames: name-like words (CUDA, Strava) the library has never seen;
 *  - codeCoverage: share of letter+digit codes (R800, PIC32) found on the best pages.
 * Weights were calibrated on the dev set's answerable vs unanswerable questions (see README of
 * the eval command); the logistic keeps the output in (0, 1) and monotonic in every signal.
 */
export interface EvidenceSignals {
  coverage: number;
  unknown: number;
  /** Name-like query words (CUDA, Strava, PIC32) that occur nowhere in the library, capped at 2. */
  unknownNames: number;
  /** Share of letter+digit codes in the query (R800, PIC32) found on the best pages; 1 when none. */
  codeCoverage: number;
  /** Share of other lanes that also rank the best page (informational; not weighted without vectors). */
  agreement: number;
  hasResults: number;
}

export const EVIDENCE_WEIGHTS = { bias: -3.0, coverage: 8.0, unknown: -3.0, unknownNames: -2.5, codeCoverage: 0.5, agreement: 0 };

export function evidenceStrength(s: EvidenceSignals): number {
  if (!s.hasResults) return 0;
  const w = EVIDENCE_WEIGHTS;
  const z = w.bias + w.coverage * s.coverage + w.unknown * s.unknown + w.unknownNames * s.unknownNames + w.codeCoverage * s.codeCoverage + w.agreement * s.agreement;
  return 1 / (1 + Math.exp(-z));
}

/** identifierTokens of a page text, memoized per text (the top pages recur across questions). */
const pageIdentifierTokens = textMemo(identifierTokens);

/** IDF-weighted share of `stems` present in `text` (by light stem). */
export function weightedCoverage(stems: readonly string[], text: string, stats: CorpusStatsSnapshot | undefined): number {
  if (stems.length === 0) return 0;
  const present = textStemSet(text);
  let total = 0;
  let hit = 0;
  for (const s of new Set(stems)) {
    const w = stats ? stats.idf(s) : 1;
    total += w;
    if (present.has(s)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

/** IDF-weighted share of `stems` that occur in no chunk at all (0 when stats are unavailable). */
export function unknownShare(stems: readonly string[], stats: CorpusStatsSnapshot | undefined): number {
  if (!stats || stems.length === 0 || stats.n === 0) return 0;
  let total = 0;
  let unknown = 0;
  for (const s of new Set(stems)) {
    const w = stats.idf(s);
    total += w;
    if (!stats.df.has(s)) unknown += w;
  }
  return total > 0 ? unknown / total : 0;
}

/** Share of the query's letter+digit codes present among `identTokens` (1 when the query has none). */
export function codeCoverage(identifiers: readonly string[], identTokens: ReadonlySet<string>): number {
  const codes = identifiers.filter((i) => /\p{L}/u.test(i) && /\p{N}/u.test(i));
  if (codes.length === 0) return 1;
  return codes.filter((c) => identTokens.has(c)).length / codes.length;
}

/** How many of the query's name-like words the library has never seen (0–2). */
export function unknownNameCount(names: readonly string[], stats: CorpusStatsSnapshot | undefined): number {
  if (!stats || stats.n === 0) return 0;
  return Math.min(2, names.filter((n) => !stats.df.has(n)).length);
}

/** Evidence for a fused result list; `pageText` gives the full text of a fused page. */
export function resultEvidence(
  q: AnalyzedQuery,
  fused: readonly FusedPage[],
  pageText: (f: FusedPage) => string,
  stats: CorpusStatsSnapshot | undefined,
  laneCount: number,
  threshold: number
): Evidence {
  const top = fused[0];
  const best = fused.slice(0, 3);
  const texts = best.map(pageText);
  // Best coverage among the top 3 pages: the answer page is not always ranked first.
  const coverage = Math.max(0, ...texts.map((t) => weightedCoverage(q.stems, t, stats)));
  // Only letter+digit codes are looked up (codeCoverage): most questions have none.
  const hasCodes = q.identifiers.some((i) => /\p{L}/u.test(i) && /\p{N}/u.test(i));
  const identTokens = hasCodes ? new Set(texts.flatMap((t) => [...pageIdentifierTokens(t)])) : new Set<string>();
  const signals: EvidenceSignals = {
    coverage,
    unknown: unknownShare(q.stems, stats),
    unknownNames: unknownNameCount(q.names, stats),
    codeCoverage: codeCoverage(q.identifiers, identTokens),
    agreement: top && laneCount > 1 ? (Object.keys(top.lanes).length - 1) / (laneCount - 1) : 0,
    hasResults: top ? 1 : 0
  };
  const strength = evidenceStrength(signals);
  return { strength, threshold, belowThreshold: strength < threshold, signals: { ...signals } };
}
