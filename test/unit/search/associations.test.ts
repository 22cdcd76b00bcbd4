import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssociationSnapshot, AssociationStore, associationExpansions, sectionStems, TERM_SECTIONS_TABLE } from '../../../src/main/core/search/associations';
import type { LanceStore } from '../../../src/main/core/index/lanceStore';
import { sqlEq } from '../../../src/main/core/index/sql';
import { stem } from '../../../src/main/core/search/textTerms';
import { seedIndex, type SeedDoc } from './seedIndex';

const gpsPages = Array.from({ length: 6 }, (_, i) => ({
  page: i + 1,
  sectionPath: `Track ${i}`,
  texts: [i < 4 ? `Track point ${i} stores altitude and elevation above sea level.` : `Waypoint ${i} has a name and a symbol.`]
}));
const printerPages = Array.from({ length: 6 }, (_, i) => ({
  page: i + 1,
  sectionPath: `Head ${i}`,
  texts: [i < 3 ? `Clean the nozzle when the altitude of the print head is wrong.` : `Paper tray ${i} holds glossy paper.`]
}));
const DOCS: SeedDoc[] = [
  { id: 'gps', pages: gpsPages },
  { id: 'printer', pages: printerPages }
];

let store: LanceStore;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ store, cleanup } = await seedIndex(DOCS)));
afterAll(async () => cleanup?.());

describe('AssociationSnapshot', () => {
  it('scores words that share sections above chance', () => {
    const snap = new AssociationSnapshot([
      [
        ['altitude', 'elevation', 'track'],
        ['altitude', 'elevation'],
        ['waypoint', 'symbol'],
        ['waypoint', 'name']
      ]
    ]);
    expect(snap.pmi('altitud', stem('elevation'))).toBeGreaterThan(0);
    expect(snap.pmi('altitud', 'waypoint')).toBe(0);
    expect(snap.associated('altitud', { perTerm: 2, weight: 0.3, minShared: 2, maxDfShare: 1, maxSections: 100 }).map((a) => a.word)).toEqual(['elevation']);
  });

  it('groups chunk words by section (one surface form per stem), page when there is none', () => {
    const secs = sectionStems([
      { sectionPath: 'A', page: 1, searchText: 'Altitude altitude elevation' },
      { sectionPath: '', page: 2, searchText: 'Nozzle' },
      { sectionPath: 'A', page: 3, searchText: 'Track' }
    ]);
    expect(secs).toHaveLength(2);
    expect(secs[0].sort()).toEqual(['altitude', 'elevation', 'track']);
  });
});

describe('AssociationStore', () => {
  it('stores per-document section stems and updates the associations after a delete', async () => {
    const assoc = new AssociationStore(store, () => store.chunks());
    const both = await assoc.sync(['gps', 'printer']);
    const table = store.table(TERM_SECTIONS_TABLE)!;
    expect(await table.countRows()).toBe(2);
    // With the printer manual, "altitude" also co-occurs with the print head's words.
    expect(both.pmi('altitud', 'nozzl')).toBeGreaterThan(0);
    const beforeDf = both.df('altitud');

    await store.chunks().delete(sqlEq('docId', 'printer'));
    const gpsOnly = await assoc.sync(['gps']);
    expect(await table.countRows()).toBe(1);
    expect(gpsOnly.df('altitud')).toBeLessThan(beforeDf);
    expect(gpsOnly.pmi('altitud', 'nozzl')).toBe(0);
    expect(associationExpansions(gpsOnly, ['altitud'], [], { perTerm: 3, weight: 0.3, minShared: 2, maxDfShare: 1, maxSections: 100 }).map((e) => e.term)).toContain('elevation');
  });
});
