import { describe, expect, it } from 'vitest';
import { ocrPageText, type TessBlock } from '../../../../src/main/core/library/ocr/ocrText';
import { wordAccuracy } from '../../../../src/main/core/library/ocr/wordAccuracy';
import { highlightBoxes, wordsInRange } from '../../../../src/renderer/src/features/viewer/ocrBoxes';

const w = (text: string, x0: number, y0: number, confidence = 90) => ({ text, confidence, bbox: { x0, y0, x1: x0 + 10 * text.length, y1: y0 + 20 } });

const blocks: TessBlock[] = [
  {
    paragraphs: [
      { lines: [{ words: [w('Fault', 0, 0), w('E-204', 60, 0)] }, { words: [w('means', 0, 30), w('~', 60, 30, 5), w('overheat.', 80, 30)] }] },
      { lines: [{ words: [w('Call', 0, 90)] }] }
    ]
  }
];

describe('ocrPageText', () => {
  const r = ocrPageText(blocks, 1000, 2000);
  it('joins words by spaces, lines by newlines, paragraphs by a blank line; drops low-confidence specks', () => {
    expect(r.text).toBe('Fault E-204\nmeans overheat.\n\nCall');
  });
  it('keeps each word\'s offsets into the text and its box as page fractions', () => {
    for (const word of r.words) expect(r.text.slice(word.start, word.end)).not.toMatch(/\s/);
    expect(r.words.map((x) => r.text.slice(x.start, x.end))).toEqual(['Fault', 'E-204', 'means', 'overheat.', 'Call']);
    expect(r.words[1]).toMatchObject({ x0: 0.06, y0: 0, x1: 0.11, y1: 0.01, conf: 90 });
    expect(r.confidence).toBe(90);
  });
  it('reports no confidence for a page without words', () => expect(ocrPageText([], 10, 10)).toEqual({ text: '', words: [], confidence: null }));
  it('maps a passage to the boxes of its words, one band per line', () => {
    const start = r.text.indexOf('E-204');
    const end = r.text.indexOf('overheat') + 3;
    expect(wordsInRange(r.words, start, end).map((x) => r.text.slice(x.start, x.end))).toEqual(['E-204', 'means', 'overheat.']);
    expect(highlightBoxes(r.words, start, end)).toEqual([
      { x0: 0.06, y0: 0, x1: 0.11, y1: 0.01 },
      { x0: 0, y0: 0.015, x1: 0.17, y1: 0.025 }
    ]);
  });
});

describe('wordAccuracy', () => {
  it('counts original words found, ignoring case and edge punctuation, as a multiset', () => {
    expect(wordAccuracy('The pump, the valve.', 'the PUMP valve')).toEqual({ total: 4, found: 3, accuracy: 0.75 });
    expect(wordAccuracy('', 'anything').accuracy).toBe(1);
  });
});
