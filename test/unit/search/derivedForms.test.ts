import { describe, expect, it } from 'vitest';
import { derivedOf, isDerivedPair, QueryForms } from '../../../src/main/core/search/derivedForms';
import { DEFAULT_PAGE_RERANK, pageStems, rerankPages } from '../../../src/main/core/search/pageRerank';
import { stem } from '../../../src/main/core/search/textTerms';

describe('derived forms', () => {
  it('relate a word and its derivational-suffix forms, in either direction', () => {
    expect(isDerivedPair(stem('green'), stem('greenish'))).toBe(true);
    expect(isDerivedPair(stem('receiver'), stem('receive'))).toBe(true);
    expect(derivedOf(stem('greenish'), [stem('tint'), stem('green')])).toBe(stem('green'));
  });

  it('do not relate words that merely share a prefix, or very short stems', () => {
    // "extracted" starts with "extra", but "cted" is no suffix.
    expect(isDerivedPair(stem('extra'), stem('extracted'))).toBe(false);
    expect(isDerivedPair('part', 'party')).toBe(true);
    expect(isDerivedPair('par', 'pary')).toBe(false);
    expect(derivedOf(stem('green'), [stem('green')])).toBeUndefined();
  });

  it('count in page stems only when enabled', () => {
    const weights = new Map([[stem('green'), 1]]);
    expect(pageStems('prints greenish', new QueryForms(new Set(weights.keys())))).toContain(stem('green'));
    expect(pageStems('prints greenish', null)).not.toContain(stem('green'));
  });

  it('let the page that says "greenish" outrank one that only shares the other words', () => {
    const fused = (key: string, score: number) => ({ key, docId: 'd', page: Number(key), score, lanes: {}, chunkIds: [key] });
    const weights = new Map([
      [stem('gray'), 1],
      [stem('green'), 3]
    ]);
    const pages = [
      { fused: fused('1', 0.033), text: 'Gray generation controls adjust how gray is printed.', sectionPath: '' },
      { fused: fused('2', 0.032), text: 'If gray prints somewhat greenish, increase the magenta balance.', sectionPath: '' }
    ];
    expect(rerankPages(pages, weights, 'gray green', DEFAULT_PAGE_RERANK).map((f) => f.key)).toEqual(['2', '1']);
    expect(rerankPages(pages, weights, 'gray green', { ...DEFAULT_PAGE_RERANK, derivedForms: false }).map((f) => f.key)).toEqual(['1', '2']);
  });
});

describe('split spellings', () => {
  it('count two adjacent words that join into a query word, but not words the query has on its own', () => {
    const weights = new Map([[stem('chartplotter'), 2]]);
    expect(pageStems('a chart plotter records', new QueryForms(new Set(weights.keys())))).toContain(stem('chartplotter'));
    expect(pageStems('a chart plotter records', null)).not.toContain(stem('chartplotter'));
    const both = new Map([
      [stem('setup'), 1],
      [stem('set'), 1]
    ]);
    expect(pageStems('set up the radio', new QueryForms(new Set(both.keys())))).not.toContain(stem('setup'));
  });
});
