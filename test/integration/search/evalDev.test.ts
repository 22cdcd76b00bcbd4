import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEval } from '../../../src/main/core/search/eval/evalRunner';
import { sharedPath } from '../../helpers/sharedDir';

/**
 * The retrieval eval on the shared development set (7 real manuals, 50 questions), through the
 * real import + search. Target from the issue: beat the set's BM25 baseline on recall@5 overall
 * (0.810) and on paraphrase questions (0.417). Skips when the shared folder is not present.
 */
const DEV = sharedPath('eval-dev');
const present = existsSync(`${DEV}/questions.jsonl`) && existsSync(`${DEV}/corpus`);
if (!present) console.warn(`skipping eval-dev retrieval test: ${DEV} not found`);

describe.skipIf(!present)('eval on eval-dev', () => {
  it('beats the BM25 baseline on recall@5 overall and on paraphrase', { timeout: 600_000 }, async () => {
    const r = await runEval({ corpusDir: `${DEV}/corpus`, questionsFile: `${DEV}/questions.jsonl` });
    console.info(
      `eval-dev: recall@1 ${r.recall_at_1} recall@5 ${r.recall_at_5} MRR@10 ${r.mrr_at_10} answer@1 ${r.answer_evidence_at_1}; per kind recall@5/answer@1: ` +
        Object.entries(r.per_kind)
          .map(([k, f]) => `${k} ${f.recall_at_5}/${f.answer_evidence_at_1}`)
          .join(', ') +
        `; unanswerable below threshold ${r.unanswerable_below_threshold}/${r.unanswerable}, answerable below ${r.answerable_below_threshold}/${r.n}`
    );
    expect(r.n).toBe(42);
    expect(r.recall_at_5).toBeGreaterThan(0.81);
    expect(r.per_kind.paraphrase.recall_at_5).toBeGreaterThan(0.417);
    // The answer line (issue 12): 0.548 before the unit/segmentation work, 0.619 after it, 0.667 with
    // the steep retrieval-rank prior and the quoted-message echo (the issue asks for ≥ 0.65).
    expect(r.answer_evidence_at_1).toBeGreaterThanOrEqual(0.65);
    // The refusal signal must catch some unanswerable questions without refusing many answerable ones.
    expect(r.unanswerable_below_threshold).toBeGreaterThanOrEqual(3);
    expect(r.answerable_below_threshold).toBeLessThanOrEqual(4);
    // The truncated PDF is reported, the scanned one is OCR'd: neither blocks the rest.
    expect(r.corpus.imported).toBeGreaterThanOrEqual(7);
  });
});
