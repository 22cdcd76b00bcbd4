import { describe, expect, it } from 'vitest';
import { buildPrompt, stripMarkers, SYSTEM_PROMPT, truncateToTokens } from '../../../src/main/core/chat/promptBuilder';
import type { RetrievedPassage } from '../../../src/main/core/chat/ports';

/** A deterministic stand-in tokenizer: one token per 4 characters (rounded up). */
const count = (t: string) => Math.ceil(t.length / 4);
const p = (i: number, len = 400): RetrievedPassage => ({
  docId: `d${i}`,
  docTitle: `Doc ${i}`,
  page: i,
  pageLabel: String(i),
  sectionPath: '',
  text: `P${i} ` + 'x'.repeat(len),
  highlight: { charStart: 0, charEnd: 4 }
});

function total(b: ReturnType<typeof buildPrompt>): number {
  return count(b.systemPrompt) + count(b.user) + b.history.reduce((s, h) => s + count(h.text) + 12, 0) + 24;
}

describe('buildPrompt', () => {
  it('numbers passages in rank order and includes the instructions and the question', () => {
    const b = buildPrompt({ question: 'What is E-204?', passages: [p(1, 20), p(2, 20)], history: [], contextSize: 4096, countTokens: count });
    expect(b.systemPrompt).toBe(SYSTEM_PROMPT);
    expect(b.systemPrompt).toMatch(/\[1\]/);
    expect(b.systemPrompt).toMatch(/do not cover/);
    expect(b.user.indexOf('[1] Doc 1')).toBeGreaterThanOrEqual(0);
    expect(b.user.indexOf('[2] Doc 2')).toBeGreaterThan(b.user.indexOf('[1] Doc 1'));
    expect(b.user.endsWith('Question: What is E-204?')).toBe(true);
  });

  it('stays within the context budget, dropping lower-ranked passages and old history first', () => {
    const history = Array.from({ length: 10 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', text: `turn ${i} ` + 'y'.repeat(200) }));
    for (const contextSize of [512, 1024, 2048]) {
      const b = buildPrompt({ question: 'q?', passages: [1, 2, 3, 4, 5, 6].map((i) => p(i)), history, contextSize, countTokens: count });
      expect(total(b) + b.maxAnswerTokens).toBeLessThanOrEqual(contextSize);
      expect(b.passages.length).toBeGreaterThan(0);
      expect(b.passages[0].docId).toBe('d1');
      expect(b.passages.length + b.droppedPassages).toBe(6);
      if (b.history.length) {
        expect(b.history[0].role).toBe('user');
        expect(b.history[b.history.length - 1].text).toBe(history[history.length - 1].text);
      }
    }
  });

  it('truncates the best passage when even it does not fit', () => {
    const b = buildPrompt({ question: 'q?', passages: [p(1, 5000)], history: [], contextSize: 600, countTokens: count });
    expect(b.passages).toHaveLength(1);
    expect(b.passages[0].text.length).toBeLessThan(5000);
    expect(p(1, 5000).text.startsWith(b.passages[0].text)).toBe(true);
    expect(total(b) + b.maxAnswerTokens).toBeLessThanOrEqual(600);
  });

  it('strips old citation markers from history', () => {
    expect(stripMarkers('Reset it [1]. Then [2, 3] done.')).toBe('Reset it. Then done.');
    const b = buildPrompt({
      question: 'and then?',
      passages: [p(1, 10)],
      history: [
        { role: 'user', text: 'How?' },
        { role: 'assistant', text: 'Press reset [1].' }
      ],
      contextSize: 4096,
      countTokens: count
    });
    expect(b.history[1].text).toBe('Press reset.');
  });

  it('truncateToTokens respects the limit', () => {
    const t = 'word '.repeat(100);
    const cut = truncateToTokens(t, 10, count);
    expect(count(cut)).toBeLessThanOrEqual(10);
    expect(t.startsWith(cut)).toBe(true);
  });
});
