import { describe, expect, it } from 'vitest';
import { outlinePaths, sectionPages } from '../../../src/main/core/training/sectionPages';

const outline = [
  { title: 'Contents', page: 2, children: [] },
  { title: '1 Safety', page: 3, children: [{ title: '1.1 Electrical hazards', page: 3, children: [] }] },
  {
    title: '2 Troubleshooting',
    page: 4,
    children: [
      { title: '2.1 Fault codes', page: 4, children: [] },
      { title: '2.2 Debug interface', page: 6, children: [] }
    ]
  },
  { title: '3 Notes', page: 9, children: [] }
];

describe('section path → page range', () => {
  it('resolves numbers or full titles down the outline', () => {
    expect(sectionPages(outline, '2 > 2.1', 10)).toEqual({ from: 4, to: 5, path: '2 Troubleshooting > 2.1 Fault codes' });
    expect(sectionPages(outline, '2 Troubleshooting > 2.2 Debug interface', 10)).toMatchObject({ from: 6, to: 8 });
    expect(sectionPages(outline, '2', 10)).toMatchObject({ from: 4, to: 8 });
  });

  it('the last section runs to the end; a same-page sibling keeps one page', () => {
    expect(sectionPages(outline, '3', 10)).toMatchObject({ from: 9, to: 10 });
    expect(sectionPages(outline, '1 > 1.1', 10)).toMatchObject({ from: 3, to: 3 });
  });

  it('an unknown path is NOT_FOUND, an empty one INVALID_INPUT', () => {
    expect(() => sectionPages(outline, '2 > 2.9', 10)).toThrow(/No section/);
    expect(() => sectionPages(outline, ' > ', 10)).toThrow(/empty/);
  });

  it('lists every entry with its path', () => {
    expect(outlinePaths(outline).map((p) => p.path)).toContain('2 Troubleshooting > 2.2 Debug interface');
  });
});
