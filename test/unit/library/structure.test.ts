import { describe, expect, it } from 'vitest';
import { pageLabelsFor, pageSectionPath, sectionPathAt, sectionsByPage } from '../../../src/main/core/library/structure';
import { garbleRatio, qualityReport } from '../../../src/main/core/library/quality';

const outline = [
  { title: 'Front', page: 1, children: [] },
  {
    title: '1 Setup',
    page: 3,
    children: [
      { title: '1.1 Wiring', page: 3, children: [] },
      { title: '1.2 Power', page: 4, children: [{ title: 'Fuses', page: 4, children: [] }] }
    ]
  },
  { title: 'Unresolvable', page: null, children: [] },
  { title: '2 Use', page: 5, children: [] }
];

describe('structure', () => {
  it('maps the outline onto every page', () => {
    const s = sectionsByPage(outline, 6);
    expect(s.map(pageSectionPath)).toEqual(['Front', 'Front', '1 Setup', '1 Setup > 1.2 Power', '2 Use', '2 Use']);
    expect(s[3].atStart).toEqual(['1 Setup', '1.1 Wiring']);
  });

  it('gives a chunk the section whose heading precedes it on the page', () => {
    const s = sectionsByPage(outline, 6)[2];
    const text = '1 Setup\nintro text\n1.1 Wiring\nwire it';
    expect(sectionPathAt(s, text, 12)).toBe('1 Setup');
    expect(sectionPathAt(s, text, text.length)).toBe('1 Setup > 1.1 Wiring');
  });

  it('falls back to physical numbers for missing labels', () => {
    expect(pageLabelsFor(3, ['i', '', 'iii'])).toEqual(['i', '2', 'iii']);
    expect(pageLabelsFor(2, null)).toEqual(['1', '2']);
  });
});

describe('quality report', () => {
  it('flags empty, scanned, garbled, duplicate and table-heavy pages', () => {
    const body = 'The quick brown fox jumps over the lazy dog. '.repeat(6);
    const table = ['A  B  C', '1  2  3', '4  5  6', '7  8  9', '10  11  12'].join('\n');
    const r = qualityReport([
      { page: 1, text: body, imageOnly: false, chunkCount: 1 },
      { page: 2, text: '', imageOnly: true, chunkCount: 0 },
      { page: 3, text: '\uFFFD\uE001\uE002\u0001'.repeat(20), imageOnly: false, chunkCount: 1 },
      { page: 4, text: body, imageOnly: false, chunkCount: 1 },
      { page: 5, text: table, imageOnly: false, chunkCount: 0 },
      { page: 6, text: '', imageOnly: false, chunkCount: 0 }
    ]);
    expect(r.pagesWithoutText).toEqual([2, 6]);
    expect(r.imageOnlyPages).toEqual([2]);
    expect(r.garbledPages).toEqual([3]);
    expect(r.duplicatePages).toEqual([[4, 1]]);
    expect(r.tableHeavyPages).toEqual([5]);
    expect(r.nearEmptyPages).toEqual([5]);
    expect(garbleRatio('Normal text, 12.5 °C')).toBe(0);
  });
});
