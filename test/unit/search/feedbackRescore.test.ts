import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchQuery } from '@lancedb/lancedb';
import { pagesSchema } from '../../../src/main/core/index/arrowSchemas';
import type { LanceStore } from '../../../src/main/core/index/lanceStore';
import { TABLES } from '../../../src/main/core/index/schema';
import { makeSnapshot } from '../../../src/main/core/search/corpusStats';
import { rescorePages, termFrequencies } from '../../../src/main/core/search/feedbackRescore';
import { plainRows } from '../../../src/main/core/search/lanes';
import { PAGE_FTS } from '../../../src/main/core/search/searchIndexes';
import { stem } from '../../../src/main/core/search/textTerms';
import { seedIndex, type SeedDoc } from './seedIndex';

const fb = (term: string, weight = 0.3) => ({ term, weight, source: 'corpus' as const });

describe('termFrequencies', () => {
  it('counts whole words with the stem, in any case and inflection', () => {
    const text = 'Batteries: check the BATTERY. A battery pack; rebattery and batter are other words.';
    expect(termFrequencies(text, [stem('battery')])).toEqual([3]);
  });

  it('counts each stem separately and finds words at the very start and end', () => {
    const text = 'Coolant flows; drain the coolant, refill coolants';
    expect(termFrequencies(text, [stem('coolant'), stem('refill'), stem('pump')])).toEqual([3, 1, 0]);
  });
});

describe('rescorePages', () => {
  const stats = makeSnapshot(100, new Map([[stem('coolant'), 5]]));
  const page = (id: string, score: number, text: string) => ({ id, score, text });

  it('raises the pages that contain the feedback words, and leaves the others as they were', () => {
    const pages = [page('a', 2, 'Drain the tank and close the valve.'), page('b', 1.9, 'Drain the coolant and close the valve.')];
    const out = rescorePages(pages, [fb('coolant')], stats);
    expect(out.map((p) => p.id)).toEqual(['b', 'a']);
    expect(out[1].score).toBe(2);
    expect(out[0].score).toBeGreaterThan(1.9);
  });

  it('adds more for a heavier feedback word and for a shorter page with the same word', () => {
    const short = page('s', 1, 'Coolant level.');
    const long = page('l', 1, 'Coolant level. ' + 'Keep the housing clean and check all cables. '.repeat(8));
    const [light, heavy] = [0.1, 0.3].map((w) => rescorePages([short, long], [fb('coolant', w)], stats));
    expect(heavy.find((p) => p.id === 's')!.score).toBeGreaterThan(light.find((p) => p.id === 's')!.score);
    expect(heavy[0].id).toBe('s');
    expect(heavy[0].score).toBeGreaterThan(heavy[1].score);
  });

  it('keeps the first pass order for ties and without feedback words', () => {
    const pages = [page('a', 1, 'x'), page('b', 1, 'y'), page('c', 0.5, 'z')];
    expect(rescorePages(pages, [fb('coolant')], stats).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(rescorePages(pages, [], stats).map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });
});

/**
 * The added scores stand in for a second page search's SHOULD clauses, so for one feedback word
 * they should rank pages as the page index does, on about the same scale.
 */
describe('rescorePages against the page index', () => {
  const filler = ['valve', 'housing', 'cable', 'filter', 'sensor', 'bracket', 'gasket', 'bearing'];
  const text = (i: number) => {
    const words = Array.from({ length: 20 + (i % 5) * 12 }, (_, j) => filler[(i + j) % filler.length]);
    for (let k = 0; k < i % 4; k++) words[(k * 7) % words.length] = 'coolant';
    return words.join(' ');
  };
  const docs: SeedDoc[] = [{ id: 'm', pages: Array.from({ length: 24 }, (_, i) => ({ page: i + 1, texts: [text(i)] })) }];
  let store: LanceStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await seedIndex(docs));
  });
  afterAll(async () => cleanup?.());

  it('orders pages as the page index scores the word, on the same scale', async () => {
    const pages = await store.ensureTable(TABLES.pages, pagesSchema, { fts: [PAGE_FTS] });
    const rows = await plainRows(pages.query().fullTextSearch(new MatchQuery('coolant', 'text')).select(['page', 'text', '_score']).limit(50));
    expect(rows.length).toBe(18);
    const withWord = docs[0].pages.filter((p) => p.texts[0].includes('coolant')).length;
    const stats = makeSnapshot(docs[0].pages.length, new Map([[stem('coolant'), withWord]]));
    // Every page starts at 0, so the re-scored order is the feedback word's own.
    const ours = rescorePages(
      rows.map((r) => ({ page: Number(r.page), score: 0, text: String(r.text) })),
      [fb('coolant', 1)],
      stats
    );
    const lance = new Map(rows.map((r) => [Number(r.page), Number(r._score)]));
    const byLance = [...rows].sort((a, b) => Number(b._score) - Number(a._score)).map((r) => Number(r.page));
    expect(ours.map((p) => p.page)).toEqual(byLance);
    // Within 1.5% here (lengths in characters stand in for token counts).
    for (const p of ours) expect(Math.abs(p.score / lance.get(p.page)! - 1)).toBeLessThan(0.05);
  });
});
