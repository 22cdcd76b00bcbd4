import { describe, expect, it } from 'vitest';
import { joinTextItems, type TextItemLike } from '../../../../src/main/core/library/pdf/textJoin';
import { alignItems, coverage, mapHighlight, slicesForRange } from '../../../../src/renderer/src/features/viewer/highlightMap';

/** Items laid out like pdf.js reports them: x advances along a line, y drops per line. */
function line(y: number, parts: Array<[string, number]>, eol = true): TextItemLike[] {
  return parts.map(([str, x], i) => ({ str, transform: [10, 0, 0, 10, x, y], width: str.length * 5, height: 10, hasEOL: eol && i === parts.length - 1 }));
}

const highlighted = (items: string[], slices: Array<{ item: number; start: number; end: number }>) =>
  slices.map((s) => items[s.item].slice(s.start, s.end)).join('|');

describe('highlight mapping onto text-layer items', () => {
  // Page text produced by the library's REAL join (newlines, gap spaces, table double spaces).
  const items = [
    ...line(700, [['Fault codes', 50]]),
    ...line(680, [['E-204', 50], ['Drive belt slipping', 150]]), // wide gap → two spaces
    ...line(660, [['Check the ', 50], ['-6', 100], ['°', 110], [' belt tension.', 116]]),
    ...line(640, [['E-205 Overheat', 50]])
  ];
  const strs = items.map((i) => i.str);
  const page = joinTextItems(items);

  it('maps a range spanning several items and lines to per-item slices', () => {
    const start = page.indexOf('Drive belt');
    const end = page.indexOf('tension.') + 'tension.'.length;
    const slices = mapHighlight(page, strs, start, end);
    expect(highlighted(strs, slices)).toBe('Drive belt slipping|Check the |-6|°| belt tension.');
  });

  it('maps a range inside one item to a sub-slice of it', () => {
    const start = page.indexOf('belt slipping') + 5;
    const slices = mapHighlight(page, strs, start, start + 'slipping'.length);
    expect(slices).toEqual([{ item: 2, start: 11, end: 19 }]);
  });

  it('aligns every item of the joined page text', () => {
    const a = alignItems(page, strs);
    expect(a.every((m) => m !== null)).toBe(true);
    expect(coverage(page, a, 0, page.length)).toBe(1);
  });

  it('skips items the core did not keep (e.g. NUL-only or dropped header) without losing sync', () => {
    const withJunk = ['PAGE HEADER 12', ...strs]; // pdf.js reports it, page text lacks it
    const start = page.indexOf('E-205');
    const slices = mapHighlight(page, withJunk, start, start + 5);
    expect(highlighted(withJunk, slices)).toBe('E-205');
    expect(alignItems(page, withJunk)[0]).toBeNull();
  });

  it('tolerates whitespace differences between item text and page text', () => {
    const pageText = 'Torque   the bolts\nto 25 Nm.';
    const its = ['Torque the', ' bolts', 'to 25', ' Nm.'];
    const s = pageText.indexOf('bolts');
    expect(highlighted(its, mapHighlight(pageText, its, s, pageText.length))).toBe('bolts|to 25| Nm.');
  });

  it('returns nothing for an empty or out-of-page range', () => {
    const a = alignItems(page, strs);
    expect(slicesForRange(a, 10, 10)).toEqual([]);
    expect(slicesForRange(a, page.length + 5, page.length + 50)).toEqual([]);
  });

  it('does not match a short item far ahead (no desync on repeated tiny strings)', () => {
    const pageText = 'A B\nlong text here with a word';
    const its = ['A', 'X', 'B', 'long text here', 'with a word'];
    const a = alignItems(pageText, its);
    expect(a[1]).toBeNull();
    expect(highlighted(its, mapHighlight(pageText, its, 0, pageText.length))).toBe('A|B|long text here|with a word');
  });
});
