import { describe, expect, it } from 'vitest';
import { figures, firstHitRank, parseQuestions, summarize, type QuestionOutcome } from '../../../src/main/core/search/eval/metrics';

describe('eval metrics', () => {
  const q = { id: 'q1', file: 'manual.pdf', pages: [7, 8], question: '?', kind: 'exact' };

  it('rank counts distinct (file, page) pairs and compares base names', () => {
    const results = [
      { file: '/x/other.pdf', page: 7 },
      { file: '/x/other.pdf', page: 7 },
      { file: 'C:\\lib\\manual.pdf', page: 3 },
      { file: '/tmp/manual.pdf', page: 8 }
    ];
    expect(firstHitRank(q, results)).toBe(3);
    expect(firstHitRank({ ...q, file: null }, results)).toBeNull();
  });

  it('ignores hits beyond the first 10 distinct pages', () => {
    const results = Array.from({ length: 12 }, (_, i) => ({ file: 'manual.pdf', page: 100 + i }));
    results.push({ file: 'manual.pdf', page: 7 });
    expect(firstHitRank(q, results)).toBeNull();
  });

  it('computes recall@1/@5, MRR@10 and unanswerable counts', () => {
    const o = (id: string, rank: number | null, answerable = true, below = false): QuestionOutcome => ({
      id, kind: answerable ? 'exact' : 'unanswerable', answerable, rank, strength: below ? 0 : 1, belowThreshold: below, top: []
    });
    const outcomes = [o('a', 1), o('b', 3), o('c', null), o('d', 6, true, true), o('u1', null, false, true), o('u2', null, false)];
    expect(figures(outcomes.filter((x) => x.answerable))).toEqual({
      n: 4,
      recall_at_1: 0.25,
      recall_at_5: 0.5,
      mrr_at_10: Math.round(((1 + 1 / 3 + 1 / 6) / 4) * 1000) / 1000,
      answer_evidence_at_1: 0, // no outcome carries gold evidence here
      answer_evidence_at_3: 0,
      answer_page_at_1: 0
    });
    // With evidence: the answer line (rank 1) or one of the next two spans (rank <= 3) containing it.
    const ev = [{ ...o('a', 1), evidenceRank: 1 }, { ...o('b', 3), evidenceRank: 2 }, { ...o('c', null), evidenceRank: null }, { ...o('d', 6), evidenceRank: 4 }];
    expect(figures(ev)).toMatchObject({ answer_evidence_at_1: 0.25, answer_evidence_at_3: 0.5, answer_page_at_1: 0 });
    // The answer line on a gold page counts for answer_page_at_1 whether or not it holds the evidence.
    const line = (onGoldPage: boolean) => ({ file: 'manual.pdf', page: 1, kind: 'sentence', text: 'x', onGoldPage });
    const lines = [{ ...ev[0], answerLine: line(true) }, { ...ev[1], answerLine: line(true) }, { ...ev[2], answerLine: line(false) }, ev[3]];
    expect(figures(lines)).toMatchObject({ answer_evidence_at_1: 0.25, answer_page_at_1: 0.5 });
    const s = summarize(outcomes, 0.5);
    expect(s.unanswerable).toBe(2);
    expect(s.unanswerable_below_threshold).toBe(1);
    expect(s.answerable_below_threshold).toBe(1);
    expect(s.per_kind.exact.n).toBe(4);
    // Not declined but told "never mentioned" counts as handled; on an answerable one it is a false alarm.
    const named = summarize([...outcomes, { ...o('u3', null, false), neverMentioned: 1 }, { ...o('e', 2), neverMentioned: 2 }], 0.5);
    expect(named.unanswerable_declined_or_never_mentioned).toBe(2);
    expect(named.answerable_never_mentioned).toBe(1);
    expect(s.unanswerable_declined_or_never_mentioned).toBe(1);
  });

  it('parses questions.jsonl rows, treating a null file as unanswerable', () => {
    const qs = parseQuestions('{"id":"a","file":"m.pdf","pages":[2],"question":"x?","kind":"table"}\n\n{"id":"b","file":null,"pages":[],"question":"y?","kind":"unanswerable"}\n');
    expect(qs).toHaveLength(2);
    expect(qs[1].file).toBeNull();
    expect(() => parseQuestions('{"id":1}')).toThrow(/line 1/);
  });
});
