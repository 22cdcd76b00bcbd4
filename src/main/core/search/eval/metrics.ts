/**
 * Retrieval metrics with the same definitions as eval-dev's baseline_bm25.py / score_run.py:
 * a hit is any gold page of the gold file (compared by base name); rank = position of the first
 * hit among the first 10 distinct (file, page) results; recall@1/@5 and MRR@10.
 */
export interface EvalQuestion {
  id: string;
  file: string | null;
  pages: number[];
  question: string;
  kind: string;
  /** Gold evidence text (a phrase of the gold page), when given. */
  evidence?: string;
}

export interface QuestionOutcome {
  id: string;
  kind: string;
  answerable: boolean;
  /** 1-based rank of the first gold hit within the top 10, or null. */
  rank: number | null;
  strength: number;
  belowThreshold: boolean;
  /** Terms of the question the result says the manuals never mention (search result's `missing`). */
  neverMentioned?: number;
  top: Array<{ file: string; page: number }>;
  /** 1-based position of the first displayed answer span containing the gold evidence, or null. */
  evidenceRank?: number | null;
  /** The answer line shown first (questions with gold evidence), and whether it lies on a gold page. */
  answerLine?: { file: string; page: number; kind: string; text: string; onGoldPage: boolean };
}

export interface Figures {
  n: number;
  recall_at_1: number;
  recall_at_5: number;
  mrr_at_10: number;
  /** Share of questions (with gold evidence) whose first / first three answer spans contain it. */
  answer_evidence_at_1: number;
  answer_evidence_at_3: number;
  /**
   * Share whose answer line lies on a gold page, evidence or not: with answer_evidence_at_1 it
   * tells a wrong page apart from a wrong unit on the right page.
   */
  answer_page_at_1: number;
}

export const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

export function firstHitRank(q: EvalQuestion, results: ReadonlyArray<{ file: string; page: number }>): number | null {
  if (!q.file) return null;
  const gold = baseName(q.file);
  const seen = new Set<string>();
  let rank = 0;
  for (const r of results) {
    const key = `${baseName(r.file)}:${r.page}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rank++;
    if (rank > 10) break;
    if (baseName(r.file) === gold && q.pages.includes(r.page)) return rank;
  }
  return null;
}

export function figures(outcomes: readonly QuestionOutcome[]): Figures {
  const n = outcomes.length;
  const r = (k: number) => (n ? outcomes.filter((o) => o.rank !== null && o.rank <= k).length / n : 0);
  const mrr = n ? outcomes.reduce((s, o) => s + (o.rank !== null && o.rank <= 10 ? 1 / o.rank : 0), 0) / n : 0;
  const withEvidence = outcomes.filter((o) => o.evidenceRank !== undefined);
  const e = (k: number) =>
    withEvidence.length ? withEvidence.filter((o) => o.evidenceRank != null && o.evidenceRank <= k).length / withEvidence.length : 0;
  return {
    n,
    recall_at_1: round(r(1)),
    recall_at_5: round(r(5)),
    mrr_at_10: round(mrr),
    answer_evidence_at_1: round(e(1)),
    answer_evidence_at_3: round(e(3)),
    answer_page_at_1: round(withEvidence.length ? withEvidence.filter((o) => o.answerLine?.onGoldPage).length / withEvidence.length : 0)
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface EvalSummary extends Figures {
  per_kind: Record<string, Figures>;
  unanswerable: number;
  unanswerable_below_threshold: number;
  answerable_below_threshold: number;
  /** Unanswerable questions declined or told "the manuals never mention X" (the refusal figure). */
  unanswerable_declined_or_never_mentioned: number;
  /** Answerable questions whose result still names a never-mentioned term (false alarms shown to the user). */
  answerable_never_mentioned: number;
  threshold: number;
  /** The refusal trade-off at other thresholds, to recalibrate settings.retrieval.evidenceThreshold. */
  threshold_sweep: Array<{ threshold: number; unanswerable_below: number; answerable_below: number; answerable_hit5_below: number }>;
}

const SWEEP = [0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

export function summarize(outcomes: readonly QuestionOutcome[], threshold: number): EvalSummary {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const kinds = [...new Set(answerable.map((o) => o.kind))].sort();
  return {
    ...figures(answerable),
    per_kind: Object.fromEntries(kinds.map((k) => [k, figures(answerable.filter((o) => o.kind === k))])),
    unanswerable: unanswerable.length,
    unanswerable_below_threshold: unanswerable.filter((o) => o.belowThreshold).length,
    answerable_below_threshold: answerable.filter((o) => o.belowThreshold).length,
    unanswerable_declined_or_never_mentioned: unanswerable.filter((o) => o.belowThreshold || (o.neverMentioned ?? 0) > 0).length,
    answerable_never_mentioned: answerable.filter((o) => (o.neverMentioned ?? 0) > 0).length,
    threshold,
    threshold_sweep: SWEEP.map((t) => ({
      threshold: t,
      unanswerable_below: unanswerable.filter((o) => o.strength < t).length,
      answerable_below: answerable.filter((o) => o.strength < t).length,
      answerable_hit5_below: answerable.filter((o) => o.strength < t && o.rank !== null && o.rank <= 5).length
    }))
  };
}

/** Parses a questions.jsonl text; throws with the line number on a malformed row. */
export function parseQuestions(text: string): EvalQuestion[] {
  return text
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l.length > 0)
    .map(([l, line]) => {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`questions line ${line}: not JSON`);
      }
      if (typeof o.id !== 'string' || typeof o.question !== 'string') throw new Error(`questions line ${line}: needs id and question`);
      const pages = Array.isArray(o.pages) ? o.pages.map(Number).filter(Number.isFinite) : [];
      const file = typeof o.file === 'string' && o.file ? o.file : null;
      const kind = typeof o.kind === 'string' ? o.kind : file ? 'answerable' : 'unanswerable';
      const evidence = typeof o.evidence === 'string' && o.evidence.trim() ? o.evidence : undefined;
      return { id: o.id, file, pages, question: o.question, kind, ...(evidence ? { evidence } : {}) };
    });
}
