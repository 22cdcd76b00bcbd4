import { describe, expect, it } from 'vitest';
import { mapCitations, parseMarkerNumbers } from '../../../src/main/core/chat/citations';
import type { RetrievedPassage } from '../../../src/main/core/chat/ports';

const passage = (i: number): RetrievedPassage => ({
  docId: `doc${i}`,
  docTitle: `Manual ${i}`,
  page: 10 + i,
  pageLabel: `A-${i}`,
  sectionPath: `Chapter ${i}`,
  text: `Passage ${i} text about fault E-20${i}.`,
  highlight: { charStart: 5, charEnd: 12 }
});
const passages = [1, 2, 3, 4].map(passage);

describe('mapCitations', () => {
  it('renumbers cited passages in order of first citation and rewrites the text', () => {
    const r = mapCitations('Reset the pump [3]. Then check the valve [1][3].', passages, (id) => (id === 'doc3' ? 'B' : ''));
    expect(r.text).toBe('Reset the pump [1]. Then check the valve [2][1].');
    expect(r.sources.map((s) => [s.n, s.docId, s.page, s.pageLabel])).toEqual([
      [1, 'doc3', 13, 'A-3'],
      [2, 'doc1', 11, 'A-1']
    ]);
    expect(r.sources[0].revision).toBe('B');
    expect(r.sources[0].quote).toBe(passages[2].text);
    expect(r.sources[0].highlight).toEqual({ charStart: 5, charEnd: 12 });
  });

  it('drops markers that cite nothing, with their leading space', () => {
    const r = mapCitations('It is a clog [7]. See also [2, 9].', passages);
    expect(r.text).toBe('It is a clog. See also [1].');
    expect(r.sources.map((s) => s.docId)).toEqual(['doc2']);
  });

  it('keeps uncited passages as related, numbered after the citations', () => {
    const r = mapCitations('Only this [2].', passages);
    expect(r.sources).toHaveLength(1);
    expect(r.related.map((s) => [s.n, s.docId])).toEqual([
      [2, 'doc1'],
      [3, 'doc3'],
      [4, 'doc4']
    ]);
  });

  it('handles grouped and ranged markers', () => {
    expect(parseMarkerNumbers('1, 3')).toEqual([1, 3]);
    expect(parseMarkerNumbers('2-4')).toEqual([2, 3, 4]);
    const r = mapCitations('Steps [2-3] and [4; 1].', passages);
    expect(r.text).toBe('Steps [1, 2] and [3, 4].');
    expect(r.sources.map((s) => s.docId)).toEqual(['doc2', 'doc3', 'doc4', 'doc1']);
  });

  it('leaves text without markers untouched and cites nothing', () => {
    const r = mapCitations('The manuals do not cover this.', passages);
    expect(r.text).toBe('The manuals do not cover this.');
    expect(r.sources).toEqual([]);
    expect(r.related).toHaveLength(4);
  });
});
