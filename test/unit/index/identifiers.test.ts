import { describe, expect, it } from 'vitest';
import {
  identifierPhrases,
  identifierTokens,
  normalizeIdentifier,
  queryIdentifiers
} from '../../../src/main/core/index/identifiers';
import { analyzeQuery } from '../../../src/main/core/search/queryAnalysis';

/**
 * The document side as the identifier index sees it (lanceStore.ts: LanceDB's `simple` tokenizer,
 * lower-cased): split on everything that is not a letter or digit. The real index is exercised in
 * test/integration/search/identifiers.test.ts; this pins the query side against the same rule.
 */
const docTokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Would the exact lane's query (analyzeQuery's joined terms + exact phrases) match this document text? */
function laneMatches(query: string, doc: string): boolean {
  const tokens = docTokens(doc);
  const joined = ` ${tokens.join(' ')} `;
  const q = analyzeQuery(query);
  return q.identifiers.some((t) => tokens.includes(t)) || q.identifierPhrases.some((p) => joined.includes(` ${p} `));
}

const identifierQueryTokens = (q: string) => queryIdentifiers(q).map((i) => i.token);

describe('identifier queries against the identifier index', () => {
  it.each([
    ['E-204', 'fault E-204 means overheating'],
    ['E-204', 'fault E204 means overheating'],
    ['E_204', 'fault E 204 means overheating'],
    ['E 204', 'fault E_204 means overheating'],
    ['E204', 'fault E-204 means overheating'],
    ['gdb_get_char', 'call gdb get char to read'],
    ['gdb_get_char', 'call gdb_get_char() to read'],
    ['MOUSE_X', 'the MOUSE X register'],
    ['hackrf_open()', 'hackrf_open() failed: Input/Output Error'],
    ['X200', 'service manual for the X-200 heater'],
    ['RTL2832U', 'the RTL-2832U tuner'],
    ['v1.2.3', 'firmware v1.2.3 fixes']
  ])('query %s meets document text %s', (query, doc) => {
    expect(laneMatches(query, doc)).toBe(true);
  });

  it.each([
    ['gdb_get_char', 'the debugger (gdb) can get a value; each char is one byte'],
    ['E-204', 'error codes start with E; there are 205 registers'],
    ['MOUSE_X', 'move the mouse to the Y axis']
  ])('query %s does not meet scattered words in %s', (query, doc) => {
    expect(laneMatches(query, doc)).toBe(false);
  });

  it('keeps the parts the query separated, and splits letter/digit codes every way a manual may', () => {
    expect(queryIdentifiers('what does gdb_get_char return?')).toEqual(expect.arrayContaining([{ token: 'gdbgetchar', parts: ['gdb', 'get', 'char'] }]));
    expect(identifierPhrases({ token: 'gdbgetchar', parts: ['gdb', 'get', 'char'] })).toEqual(['gdb get char']);
    expect(identifierPhrases({ token: 'x200', parts: ['x200'] })).toEqual(['x 200']);
    expect(identifierPhrases({ token: 'rtl2832u', parts: ['rtl2832u'] }).sort()).toEqual(['rtl 2832 u', 'rtl 2832u', 'rtl2832 u'].sort());
    expect(identifierPhrases({ token: 'mouse', parts: ['mouse'] })).toEqual([]);
    // Many boundaries: only the fully split form, not 2^n variants.
    expect(identifierPhrases({ token: 'a1b2c3d4', parts: ['a1b2c3d4'] })).toEqual(['a 1 b 2 c 3 d 4']);
  });

  it('treats ordinary lower-case words in a query as non-identifiers', () => {
    expect(identifierQueryTokens('how do I reset the printer')).toEqual([]);
  });

  it('keeps model numbers and acronyms from a query', () => {
    expect(identifierQueryTokens('what does fault E-204 mean on the X200?')).toEqual(expect.arrayContaining(['e204', 'x200']));
    expect(identifierQueryTokens('set TMPDIR for R')).toContain('tmpdir');
  });

  it('normalises width and case', () => {
    expect(normalizeIdentifier('ＧＤＢ_Get-Char')).toBe('gdbgetchar');
  });
});

describe('identifierTokens (in-memory check of which identifiers a passage names)', () => {
  it('joins adjacent atoms across spaces, _ and -, but not across punctuation or line breaks', () => {
    const d = identifierTokens('fault E-204 and gdb get char. Next line\nstarts');
    expect(d.has('e204')).toBe(true);
    expect(d.has('gdbgetchar')).toBe(true);
    expect(d.has('charnext')).toBe(false);
    expect(d.has('linestarts')).toBe(false);
  });
});

describe('identifier phrases of a whole query', () => {
  it('are capped, so a pasted log of codes stays one cheap query', () => {
    const log = Array.from({ length: 60 }, (_, i) => `AB${i}C${i}D${i}`).join(' ');
    const q = analyzeQuery(log);
    expect(q.identifiers.length).toBe(60);
    expect(q.identifierPhrases.length).toBe(32);
  });
});
