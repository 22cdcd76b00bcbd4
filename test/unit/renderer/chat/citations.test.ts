import { describe, expect, it } from 'vitest';
import { citedNumbers, citeNumberFromHref, remarkCitations, splitCitations } from '../../../../src/renderer/src/features/chat/citations';

describe('citation markers', () => {
  it('splits text into text and citation parts', () => {
    expect(splitCitations('Belt slips [1], replace it [2, 3].', 3)).toEqual([
      { kind: 'text', text: 'Belt slips ' },
      { kind: 'cite', text: '[1]', n: 1 },
      { kind: 'text', text: ', replace it ' },
      { kind: 'cite', text: '[2]', n: 2 },
      { kind: 'cite', text: '[3]', n: 3 },
      { kind: 'text', text: '.' }
    ]);
  });

  it('leaves markers without a source as text (e.g. [7] with 2 sources, [0], array-like text)', () => {
    expect(splitCitations('See [7] and [0] and [1][2]', 2).filter((p) => p.kind === 'cite').map((p) => p.n)).toEqual([1, 2]);
    expect(splitCitations('x [1]', 0)).toEqual([{ kind: 'text', text: 'x [1]' }]);
  });

  it('lists distinct cited numbers in first-use order', () => {
    expect(citedNumbers('a [2] b [1] c [2]', 5)).toEqual([2, 1]);
  });

  it('turns markers in text nodes into #cite links, but not inside code or links', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'Reset it [1].' }, { type: 'inlineCode', value: 'arr[1]' }] },
        { type: 'code', value: 'x = a[1]' },
        { type: 'link', url: 'http://x', children: [{ type: 'text', value: 'ref [1]' }] }
      ]
    };
    remarkCitations({ maxN: 1 })(tree);
    const para = tree.children[0].children as Array<{ type: string; url?: string; value?: string }>;
    expect(para.map((n) => n.type)).toEqual(['text', 'link', 'text', 'inlineCode']);
    expect(para[1].url).toBe('#cite-1');
    expect(para[3].value).toBe('arr[1]');
    expect(tree.children[1]).toEqual({ type: 'code', value: 'x = a[1]' });
    expect((tree.children[2].children as Array<{ type: string }>)[0].type).toBe('text');
  });

  it('reads the number back from the href', () => {
    expect(citeNumberFromHref('#cite-12')).toBe(12);
    expect(citeNumberFromHref('#cite-x')).toBeNull();
    expect(citeNumberFromHref('https://example.com')).toBeNull();
    expect(citeNumberFromHref(undefined)).toBeNull();
  });
});
