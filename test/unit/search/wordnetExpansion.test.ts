import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../src/main/core/search/corpusStats';
import { stem } from '../../../src/main/core/search/textTerms';
import { sharedWordNet } from '../../../src/main/core/search/wordnet';
import { DEFAULT_WORDNET_EXPANSION, expandWord, wordnetExpansions } from '../../../src/main/core/search/wordnetExpansion';

const wn = sharedWordNet()!;

/** A library snapshot whose vocabulary is exactly `words` (each in 2 of 100 chunks). */
const library = (words: string[]) => makeSnapshot(100, new Map(words.map((w) => [stem(w), 2])));

describe('WordNet reader', () => {
  it('finds a lemma by binary search and reads its synsets by offset', () => {
    const offsets = wn.offsets('altitude', 'noun');
    expect(offsets.length).toBeGreaterThan(0);
    const words = offsets.flatMap((o) => wn.synset('noun', o)!.words);
    expect(words).toEqual(expect.arrayContaining(['altitude', 'elevation', 'height']));
    expect(wn.offsets('xyzzyplugh', 'noun')).toEqual([]);
  });

  it('reduces inflected forms to WordNet base forms', () => {
    expect(wn.baseForms('cables', 'noun')).toContain('cable');
    expect(wn.baseForms('wiped', 'verb')).toContain('wipe');
    expect(wn.baseForms('recovering', 'verb')).toContain('recover');
  });
});

describe('WordNet expansion filtered by the library', () => {
  it('expands a word to the synonyms the library uses', () => {
    const got = expandWord(wn, 'altitude', library(['height', 'elevation', 'gps']), DEFAULT_WORDNET_EXPANSION).map((c) => c.term);
    expect(got).toEqual(expect.arrayContaining(['height']));
    expect(got).not.toContain('gps');
  });

  it('adds nothing when no synonym occurs in the library', () => {
    expect(expandWord(wn, 'height', library(['printer', 'nozzle']), DEFAULT_WORDNET_EXPANSION)).toEqual([]);
    expect(wordnetExpansions(wn, ['height', 'xyzzyplugh'], library(['printer']))).toEqual([]);
  });

  it('never repeats a query word, weighs expansions below the original terms', () => {
    const exps = wordnetExpansions(wn, ['height', 'altitude'], library(['altitude', 'elevation']));
    expect(exps.map((e) => e.term)).not.toContain('altitude');
    expect(exps.length).toBeGreaterThan(0);
    for (const e of exps) {
      expect(e.source).toBe('wordnet');
      expect(e.weight).toBeGreaterThan(0);
      expect(e.weight).toBeLessThan(1);
    }
  });

  it('prefers the sense the library supports (a cable "lead", not the metal)', () => {
    const cable = expandWord(wn, 'lead', library(['cable', 'wire', 'conductor']), { ...DEFAULT_WORDNET_EXPANSION, senses: 10, perTerm: 5 });
    expect(cable.map((c) => c.term)).not.toContain('pb');
  });

  it('adds hypernyms of a sense the library supports, below that sense\'s own words', () => {
    // "wreck" (verb) = {wreck, wrack}, whose hypernym is {destroy, ruin}.
    const opts = { ...DEFAULT_WORDNET_EXPANSION, hypernyms: 0.5, perTerm: 5 };
    const got = expandWord(wn, 'wreck', library(['wrack', 'destroy']), opts);
    const score = (t: string) => got.find((c) => c.term === t)?.score ?? 0;
    expect(score('destroy')).toBeGreaterThan(0);
    expect(score('destroy')).toBeLessThan(score('wrack'));
    expect(expandWord(wn, 'wreck', library(['wrack', 'destroy']), { ...opts, hypernyms: 0 }).map((c) => c.term)).not.toContain('destroy');
  });

  it('takes no hypernym from a sense none of whose own words the library uses', () => {
    const opts = { ...DEFAULT_WORDNET_EXPANSION, hypernyms: 0.5, perTerm: 5 };
    expect(expandWord(wn, 'wreck', library(['destroy']), opts)).toEqual([]);
  });
});
