import { describe, expect, it } from 'vitest';
import { AssociationSnapshot } from '../../../src/main/core/search/associations';
import { makeSnapshot, type SectionInfo } from '../../../src/main/core/search/corpusStats';
import { sectionLane } from '../../../src/main/core/search/sectionLane';
import { stem, textStems, textStemSet, textWords, textWordsAndStems, wordTokens } from '../../../src/main/core/search/textTerms';
import { sharedWordNet } from '../../../src/main/core/search/wordnet';
import { DEFAULT_WORDNET_EXPANSION, expandWord } from '../../../src/main/core/search/wordnetExpansion';

/**
 * The per-text and per-library-version memos behind search speed must give exactly what the
 * uncached computation gives, for every text and library, and never leak one caller's changes
 * into the next caller's result.
 */
const stemsOf = (text: string) => wordTokens(text).map((t) => stem(t.word));

describe('textStems / textStemSet', () => {
  it('equal the stems of wordTokens, also on a second (memoized) call and after eviction', () => {
    const texts = ["Turn the Heater's knob; turning it stops the heaters.", 'E-204: nozzle clogged — clean nozzles', 'İstanbul ΑΣ\u0301Β café'];
    for (const t of texts) {
      expect(textStems(t)).toEqual(stemsOf(t));
      expect(textStems(t)).toEqual(stemsOf(t));
      expect([...textStemSet(t)].sort()).toEqual([...new Set(stemsOf(t))].sort());
    }
    // Push the first text out of the bounded memo, then ask again.
    for (let i = 0; i < 600; i++) textStems(`filler page ${i} with words ${i * 7}`);
    expect(textStems(texts[0])).toEqual(stemsOf(texts[0]));
    expect(textStemSet(texts[0]).has(stem('turning'))).toBe(true);
    expect(textStemSet(texts[0]).has(stem('printer'))).toBe(false);
  });

  it('textWords / textWordsAndStems give the words and stems of wordTokens, before and after the stems are memoized', () => {
    const texts = ["Can't stop: the Heater's knob", 'İstanbul ΑΣ\u0301Β café 3D-printer', `fresh text ${Date.now()}`];
    for (const t of texts) {
      const words = wordTokens(t).map((w) => w.word);
      expect(textWords(t)).toEqual(words);
      const first = textWordsAndStems(t);
      expect(first.words).toEqual(words);
      expect(first.stems).toEqual(stemsOf(t));
      expect(textWordsAndStems(t).stems).toEqual(stemsOf(t));
      expect(textStems(t)).toEqual(stemsOf(t));
    }
  });

  it('tells different texts apart', () => {
    expect(textStems('clean the nozzle')).not.toEqual(textStems('clean the nozzles now'));
    expect(textStemSet('paper tray').has('tray')).toBe(true);
    expect(textStemSet('paper feed').has('tray')).toBe(false);
  });
});

describe('AssociationSnapshot.associated memo', () => {
  const opts = { perTerm: 2, weight: 0.3, minShared: 2, maxDfShare: 1, maxSections: 100 };
  const sections = [
    ['altitude', 'elevation', 'track'],
    ['altitude', 'elevation'],
    ['waypoint', 'symbol'],
    ['waypoint', 'name']
  ];

  it('returns the same list on repeated calls, and a caller changing it does not change the next answer', () => {
    const snap = new AssociationSnapshot([sections]);
    const first = snap.associated('altitud', opts);
    expect(first.map((a) => a.word)).toEqual(['elevation']);
    first[0].score = -1;
    first.push({ word: 'bogus', score: 9 });
    const again = snap.associated('altitud', opts);
    expect(again.map((a) => a.word)).toEqual(['elevation']);
    expect(again[0].score).toBeGreaterThan(0);
    expect(again).toEqual(new AssociationSnapshot([sections]).associated('altitud', opts));
  });

  it('keeps answers per options: different options give their own result', () => {
    const snap = new AssociationSnapshot([sections]);
    expect(snap.associated('altitud', opts).length).toBe(1);
    expect(snap.associated('altitud', { ...opts, minShared: 3 })).toEqual([]);
    expect(snap.associated('altitud', opts).length).toBe(1);
  });
});

describe('expandWord memo', () => {
  const wn = sharedWordNet();
  it.skipIf(!wn)('answers per library snapshot: a new library version is not served the old expansions', () => {
    const withHeight = makeSnapshot(100, new Map(['height', 'elevation'].map((w) => [stem(w), 2])));
    const without = makeSnapshot(100, new Map(['printer'].map((w) => [stem(w), 2])));
    const a = expandWord(wn!, 'altitude', withHeight, DEFAULT_WORDNET_EXPANSION);
    expect(a.map((c) => c.term)).toEqual(expect.arrayContaining(['height']));
    a.length = 0;
    expect(expandWord(wn!, 'altitude', withHeight, DEFAULT_WORDNET_EXPANSION).map((c) => c.term)).toEqual(expect.arrayContaining(['height']));
    expect(expandWord(wn!, 'altitude', without, DEFAULT_WORDNET_EXPANSION)).toEqual([]);
  });
});

describe('sectionLane title index', () => {
  const sec = (docId: string, titleStems: string[], pages: number[]): SectionInfo => ({ docId, sectionPath: titleStems.join(' '), titleStems, pages });
  const sections = [
    sec('a', ['fault', 'code'], [10, 11]),
    sec('a', ['nozzle'], [3]),
    sec('b', ['fault', 'code', 'heater'], [7]),
    sec('b', ['code'], [1]),
    sec('c', ['udev', 'rule'], [4, 5, 6, 7])
  ];
  const df = new Map<string, number>([['fault', 3], ['code', 40], ['heater', 2], ['nozzle', 5], ['udev', 1], ['rule', 9]]);
  const stats = makeSnapshot(200, df, sections);
  const opts = { minSpecificity: 0, maxSections: 10, pagesPerSection: 2 };

  it('finds exactly the sections whose every title word is in the query, in score order', () => {
    const got = sectionLane(['fault', 'code', 'reset'], stats, undefined, opts).map((h) => h.key);
    expect(got).toEqual(['a:10', 'a:11', 'b:1']);
    expect(sectionLane(['fault', 'code', 'heater'], stats, undefined, opts)[0].key).toBe('b:7');
    expect(sectionLane(['udev', 'rule'], stats, new Set(['a', 'b']), opts)).toEqual([]);
    expect(sectionLane(['printer'], stats, undefined, opts)).toEqual([]);
  });

  it('answers per snapshot: a new library version with other sections is not served the old index', () => {
    expect(sectionLane(['nozzle'], stats, undefined, opts).map((h) => h.key)).toEqual(['a:3']);
    const next = makeSnapshot(200, df, [sec('d', ['nozzle'], [9])]);
    expect(sectionLane(['nozzle'], next, undefined, opts).map((h) => h.key)).toEqual(['d:9']);
  });
});
