import { describe, expect, it } from 'vitest';
import { analyzeQuery, spellingVariants } from '../../../src/main/core/search/queryAnalysis';
import { stem } from '../../../src/main/core/search/textTerms';
import { bestSpan } from '../../../src/main/core/search/highlight';

describe('analyzeQuery', () => {
  it('drops question scaffolding and keeps content words', () => {
    const q = analyzeQuery('How do I reset the heater controller?');
    expect(q.terms).toEqual(['reset', 'heater', 'controller']);
  });

  it('extracts identifiers in joined form for the exact lane', () => {
    expect(analyzeQuery('What does fault E-204 mean?').identifiers).toContain('e204');
    expect(analyzeQuery('what does gdb_get_char return').identifiers).toContain('gdbgetchar');
    expect(analyzeQuery('MOUSE_X axis value').identifiers).toContain('mousex');
  });

  it('keeps joined identifiers without their parts and ignores "to 30"-style word+number pairs', () => {
    expect(analyzeQuery('MOUSE_X').identifiers).toEqual(['mousex']);
    expect(analyzeQuery('MOUSE_X').strongIdentifiers).toEqual(['mousex']);
    expect(analyzeQuery('fault E 204 on the X200').identifiers).toEqual(expect.arrayContaining(['e204', 'x200']));
    const q = analyzeQuery('it tunes up to 30 MHz in 2012 models');
    expect(q.identifiers).not.toContain('to30');
    expect(q.identifiers).not.toContain('in2012');
  });

  it('adds British/US spelling variants as expansions', () => {
    expect(spellingVariants('colour')).toEqual(['color']);
    expect(spellingVariants('greys')).toEqual(['grays']);
    expect(spellingVariants('gray')).toEqual(['grey']);
    expect(spellingVariants('metre')).toEqual(['meter']);
    expect(spellingVariants('four')).toEqual([]);
    const q = analyzeQuery('Neutral greys in my colour prints');
    expect(q.expansions.map((e) => e.term)).toEqual(expect.arrayContaining(['grays', 'color']));
  });

  it('finds quoted error messages as phrases', () => {
    const q = analyzeQuery(`it says "add_printer: bad device-uri attribute" and stops`);
    expect(q.phrases).toEqual(['add_printer: bad device-uri attribute']);
  });

  it('marks name-like words but not sentence-initial capitals or stop words', () => {
    const q = analyzeQuery('Can I use CUDA with Strava on the PIC32? Also the HackRF One.');
    expect(q.names).toEqual(expect.arrayContaining(['cuda', 'strava', 'pic32', 'hackrf']));
    expect(q.names).not.toContain('can');
    expect(q.names).not.toContain('also');
    expect(q.names).not.toContain('one');
  });
});

describe('stem', () => {
  it('conflates common inflections', () => {
    expect(stem('turns')).toBe(stem('turn'));
    expect(stem('configured')).toBe(stem('configure'));
    expect(stem('batteries')).toBe(stem('battery'));
    expect(stem('status')).toBe('status');
  });
});

describe('bestSpan', () => {
  it('highlights the sentence with the most query weight', () => {
    const text = 'The unit has a display. Fault E-204 means heater overtemperature. Clear it with reset.';
    const s = bestSpan(text, ['heater', 'overtemperatur'].map(stem));
    expect(text.slice(s.start, s.end)).toBe('Fault E-204 means heater overtemperature.');
  });

  it('prefers the table row naming the asked identifier over a header sharing a word', () => {
    const text = 'Code Meaning Remedy\nE-101 Door open Close the door\nE-204 Heater overtemperature Check the thermal fuse\n';
    const q = analyzeQuery('What does fault E-204 mean?');
    const s = bestSpan(text, q.stems, () => 1, q.identifiers);
    expect(text.slice(s.start, s.end)).toContain('E-204 Heater overtemperature');
    expect(text.slice(s.start, s.end)).not.toContain('Code Meaning');
  });
});
