import { describe, expect, it } from 'vitest';
import { identifierIndexText, identifierQueryTokens, normalizeIdentifier } from '../../../src/main/core/index/identifiers';

const indexed = (text: string) => new Set(identifierIndexText(text).split(' '));

describe('identifier normalisation', () => {
  it.each([
    ['E-204', 'fault E-204 means overheating'],
    ['E_204', 'fault E 204 means overheating'],
    ['E 204', 'fault E_204 means overheating'],
    ['gdb_get_char', 'call gdb get char to read'],
    ['gdb_get_char', 'call gdb_get_char() to read'],
    ['MOUSE_X', 'the MOUSE X register'],
    ['hackrf_open()', 'hackrf_open() failed: Input/Output Error']
  ])('query %s meets document text %s', (query, doc) => {
    const tokens = identifierQueryTokens(query);
    expect(tokens.length).toBeGreaterThan(0);
    const docTokens = indexed(doc);
    expect(tokens.some((t) => docTokens.has(t))).toBe(true);
  });

  it('does not join across punctuation or line breaks', () => {
    const d = indexed('end of sentence. Next line\nstarts');
    expect(d.has('sentencenext')).toBe(false);
    expect(d.has('linestarts')).toBe(false);
    expect(d.has('endof')).toBe(true);
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
