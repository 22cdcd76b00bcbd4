import { describe, expect, it } from 'vitest';
import { aggregatePages, rrfFuse } from '../../../src/main/core/search/fusion';

describe('aggregatePages', () => {
  it('keeps one entry per page: best chunk first, others folded in with a share of their score', () => {
    const pages = aggregatePages(
      [
        { chunkId: 'a:1:0', docId: 'a', page: 1, score: 2 },
        { chunkId: 'a:2:1', docId: 'a', page: 2, score: 5 },
        { chunkId: 'a:1:2', docId: 'a', page: 1, score: 4 }
      ],
      0.5
    );
    expect(pages.map((p) => p.key)).toEqual(['a:1', 'a:2']);
    expect(pages[0].chunkIds).toEqual(['a:1:2', 'a:1:0']);
    expect(pages[0].score).toBeCloseTo(4 + 0.5 * 2);
    expect(pages[1].score).toBe(5);
  });

  it('foldWeight 0 ranks pages by their best chunk only', () => {
    const pages = aggregatePages(
      [
        { chunkId: 'x', docId: 'a', page: 1, score: 3 },
        { chunkId: 'y', docId: 'a', page: 1, score: 3 },
        { chunkId: 'z', docId: 'b', page: 1, score: 4 }
      ],
      0
    );
    expect(pages.map((p) => p.key)).toEqual(['b:1', 'a:1']);
  });
});

describe('rrfFuse', () => {
  const page = (key: string) => ({ key, docId: key.split(':')[0], page: Number(key.split(':')[1]), score: 1, chunkIds: [`${key}:c`], bestChunkScore: 1 });

  it('sums weight/(k+rank) over lanes', () => {
    const fused = rrfFuse(
      [
        { name: 'text', weight: 1, pages: [page('a:1'), page('a:2')] },
        { name: 'ident', weight: 2, pages: [page('a:2')] }
      ],
      60
    );
    const byKey = Object.fromEntries(fused.map((f) => [f.key, f]));
    expect(byKey['a:1'].score).toBeCloseTo(1 / 61);
    expect(byKey['a:2'].score).toBeCloseTo(1 / 62 + 2 / 61);
    expect(fused[0].key).toBe('a:2');
    expect(byKey['a:2'].lanes).toEqual({ text: { rank: 2, score: 1 }, ident: { rank: 1, score: 1 } });
  });

  it('a small k lets a single first place win; a large k rewards agreement', () => {
    const lanes = [
      { name: 'text', weight: 1, pages: [page('a:1'), page('x:1'), page('x:2'), page('b:1')] },
      { name: 'page', weight: 1, pages: [page('c:1'), page('y:1'), page('y:2'), page('b:1')] }
    ];
    // b:1 is fourth in both lanes: 2/(60+4) > 1/(60+1), but 2/(1+4) < 1/(1+1).
    expect(rrfFuse(lanes, 60)[0].key).toBe('b:1');
    expect(rrfFuse(lanes, 1)[0].key).toBe('a:1');
  });

  it('is deterministic on ties', () => {
    const a = rrfFuse([{ name: 'text', weight: 1, pages: [page('b:1')] }, { name: 'page', weight: 1, pages: [page('a:1')] }], 60);
    expect(a.map((f) => f.key)).toEqual(['a:1', 'b:1']);
  });
});
