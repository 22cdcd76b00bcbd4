import { describe, expect, it } from 'vitest';
import { CHUNK_LIMITS, chunkPage, findBoilerplate } from '../../../src/main/core/library/chunker';

const para = (n: number, word = 'lorem') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ') + '.';

describe('chunkPage', () => {
  it('returns chunks whose text is exactly the page slice at their offsets, within size limits', () => {
    const page = [para(60), para(80, 'ipsum'), para(120, 'dolor'), para(30, 'sit')].join('\n\n');
    const chunks = chunkPage(7, page, new Set());
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.page).toBe(7);
      expect(page.slice(c.charStart, c.charEnd)).toBe(c.text);
      expect(c.text.length).toBeLessThanOrEqual(CHUNK_LIMITS.tableMax);
    }
    // Together they cover every word of the page, in order, without overlap.
    for (let i = 1; i < chunks.length; i++) expect(chunks[i].charStart).toBeGreaterThan(chunks[i - 1].charEnd - 1);
    expect(chunks.map((c) => c.text).join(' ').split(/\s+/).length).toBe(page.split(/\s+/).length);
  });

  it('gives near-empty pages (running header only) no chunks', () => {
    const pages = Array.from({ length: 5 }, (_, i) => `HackRF\n\n${para(40)}\n\n${i + 40} Chapter 3. Firmware`);
    const boiler = findBoilerplate([...pages, 'HackRF\n\n12 Chapter 3. Firmware']);
    expect(chunkPage(6, 'HackRF\n\n12 Chapter 3. Firmware', boiler)).toEqual([]);
    const c = chunkPage(1, pages[0], boiler);
    expect(c).toHaveLength(1);
    expect(c[0].text).not.toContain('HackRF'); // header excluded from the chunk range
    expect(c[0].text).not.toContain('Chapter 3');
  });

  it('never splits a table row and keeps a table run together when it fits', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `E-${100 + i}  Fault number ${i} description  Replace part ${i}`);
    const page = `${para(100)}\n\n${rows.join('\n')}`;
    const chunks = chunkPage(1, page, new Set());
    for (const r of rows) expect(chunks.some((c) => c.text.includes(r))).toBe(true);
    const tableChunks = chunks.filter((c) => c.text.includes('E-100'));
    expect(tableChunks).toHaveLength(1);
    expect(tableChunks[0].text).toContain('E-129');
  });

  it('splits an over-long single line at a sentence or word boundary', () => {
    const line = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkPage(1, line, new Set());
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(line.slice(c.charStart, c.charEnd)).toBe(c.text);
    expect(chunks.flatMap((c) => c.text.trim().split(' '))).toHaveLength(400);
  });

  it('never leaves a heading as a chunk of its own', () => {
    const page = `2.1 Fault codes\n\n${para(200)}`; // heading + a paragraph longer than the limit
    const chunks = chunkPage(1, page, new Set());
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0].text.startsWith('2.1 Fault codes\n\nlorem0')).toBe(true);
    expect(chunks.every((c) => c.text.length >= CHUNK_LIMITS.minTail)).toBe(true);
  });
});

describe('findBoilerplate', () => {
  it('catches chapter running headers that repeat on a few pages of a long document', () => {
    const body = (i: number) => `${para(30)} ${i}`;
    const pages = Array.from({ length: 100 }, (_, i) => (i >= 40 && i < 45 ? `Modules and Views\n${body(i)}` : body(i)));
    expect(findBoilerplate(pages).has('modules and views')).toBe(true);
    expect(findBoilerplate(pages.slice(0, 42)).has('modules and views')).toBe(false); // only twice
  });
});
