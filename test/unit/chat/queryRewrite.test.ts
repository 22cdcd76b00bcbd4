import { describe, expect, it } from 'vitest';
import { extractIdentifiers, heuristicRewrite, isFollowUp, rewriteFollowUp } from '../../../src/main/core/chat/queryRewrite';

describe('follow-up rewriting', () => {
  it('detects follow-ups and leaves standalone questions alone', () => {
    expect(isFollowUp('and how do I reset it?')).toBe(true);
    expect(isFollowUp('what about the other one?')).toBe(true);
    expect(isFollowUp('What does fault E-305 mean on the X200?')).toBe(false);
    expect(heuristicRewrite('What does fault E-204 mean on the X200?', 'What does fault E-305 mean?')).toBe('What does fault E-305 mean?');
  });

  it('extracts identifiers', () => {
    expect(extractIdentifiers('fault E-204 on the X200, valve V_12 at 24V, step 3')).toEqual(expect.arrayContaining(['E-204', 'X200', 'V_12', '24V']));
    expect(extractIdentifiers('step 3')).toEqual([]);
  });

  it('carries the previous question entities into the query (heuristic)', async () => {
    const r = await rewriteFollowUp('What does fault E-204 mean on the X200 pump?', 'and how do I reset it?');
    expect(r.method).toBe('heuristic');
    expect(r.query).toContain('and how do I reset it?');
    for (const e of ['E-204', 'X200', 'pump']) expect(r.query).toContain(e);
  });

  it('uses the model rewrite when it keeps the entities, else falls back', async () => {
    const good = await rewriteFollowUp('What does fault E-204 mean on the X200?', 'how do I reset it?', async () => '"How to reset fault E-204 on the X200"\nextra');
    expect(good).toEqual({ query: 'How to reset fault E-204 on the X200', method: 'model' });
    const drift = await rewriteFollowUp('What does fault E-204 mean on the X200?', 'how do I reset it?', async () => 'zq blorf wibble');
    expect(drift.method).toBe('heuristic');
    expect(drift.query).toContain('E-204');
    const broken = await rewriteFollowUp('What does fault E-204 mean?', 'and it?', async () => {
      throw new Error('boom');
    });
    expect(broken.method).toBe('heuristic');
  });

  it('does nothing without a previous question', async () => {
    expect(await rewriteFollowUp(undefined, 'how do I reset it?')).toEqual({ query: 'how do I reset it?', method: 'none' });
  });
});

describe('follow-up decision on the labelled set', () => {
  it('decides follow-up vs self-contained with at least 90% accuracy, and rewrites only follow-ups', async () => {
    const { FOLLOW_UP_SET } = await import('./followUpSet');
    const wrong = FOLLOW_UP_SET.filter((c) => isFollowUp(c.question) !== c.followUp);
    const accuracy = 1 - wrong.length / FOLLOW_UP_SET.length;
    console.log(`[follow-up set] accuracy ${accuracy.toFixed(3)} (${FOLLOW_UP_SET.length - wrong.length}/${FOLLOW_UP_SET.length}); wrong: ${wrong.map((w) => w.question).join(' | ') || 'none'}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    for (const c of FOLLOW_UP_SET.filter((x) => !x.followUp && isFollowUp(x.question) === false)) {
      expect(heuristicRewrite(c.previous, c.question)).toBe(c.question);
    }
  });
});
