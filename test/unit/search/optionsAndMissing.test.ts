import { afterAll, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../src/main/core/search/corpusStats';
import { findMissingTerms } from '../../../src/main/core/search/missingTerms';
import { optionMatch, queryOptions } from '../../../src/main/core/search/optionLane';
import { listingShare, rerankPages } from '../../../src/main/core/search/pageRerank';
import { analyzeQuery, nameLikeSpans } from '../../../src/main/core/search/queryAnalysis';
import { SearchService } from '../../../src/main/core/search/searchService';
import { stem } from '../../../src/main/core/search/textTerms';
import { seedIndex, type SeedDoc } from './seedIndex';

describe('command-line options', () => {
  it('are read from the query with their case, hyphenated words are not options', () => {
    expect(queryOptions('What does the avrdude -B option do?')).toEqual(['-B']);
    expect(queryOptions('use --force or -F, not E-204 or 45-degree')).toEqual(['--force', '-F']);
    expect(analyzeQuery('avrdude -b 19200').options).toEqual(['-b']);
  });

  it('match case-sensitively; a line starting with the option is its definition', () => {
    const text = 'Options:\n  -b baudrate   Override the RS-232 baud rate.\n  -B bitclock   Specify the bit clock period.\nUse -B 10 for slow parts.';
    expect(optionMatch(text, '-B')).toBe(2);
    expect(optionMatch('Use -B 10 for slow parts.', '-B')).toBe(1);
    expect(optionMatch('Use -b 19200.', '-B')).toBe(0);
    expect(optionMatch('see --force-all', '--force')).toBe(0);
  });
});

const usagePages = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ page: 10 + i, texts: [`Example ${i}: avrdude -p m328p -c usbtiny -b 19200 -U flash:w:main.hex avrdude programming example.`] }));
const DOCS: SeedDoc[] = [
  {
    id: 'avr',
    fileName: 'avrdude.pdf',
    pages: [
      { page: 2, texts: ['avrdude options\n-b baudrate\nOverride the RS-232 connection baud rate specified in the configuration file.'] },
      { page: 3, texts: ['avrdude options\n-B bitclock\nSpecify the bit clock period for the JTAG or ISP interface, in microseconds.'] },
      ...usagePages(6)
    ]
  }
];

const seeded = seedIndex(DOCS);
const svc = seeded.then(({ store }) => new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }) }));
afterAll(async () => (await seeded).cleanup());

describe('option lookups through the service', () => {
  it('rank the definition of -B first, not -b or pages that merely use options', async () => {
    const upper = await (await svc).query({ text: 'What does the avrdude -B option do?' });
    expect(upper.passages[0].page).toBe(3);
    expect(upper.query.identifiers).toContain('-B');
    const lower = await (await svc).query({ text: 'What does the avrdude -b option do?' });
    expect(lower.passages[0].page).toBe(2);
  });

  it('report a name the library never mentions, and carry it in the result', async () => {
    const r = await (await svc).query({ text: 'How do I flash an ESP32 with avrdude?' });
    expect(r.missing?.neverMentioned).toContain('ESP32');
  });
});

describe('missing terms', () => {
  const stats = makeSnapshot(200, new Map(['noise', 'figure', 'receiver', 'hackrf', 'satnogs', 'network'].map((w) => [stem(w), 3])));

  it('name-like words keep their surface form; sentence-initial capitals are not names', () => {
    expect(nameLikeSpans('How do I use CUDA with my NVIDIA GPU on SatNOGS?')).toEqual(['CUDA', 'NVIDIA', 'GPU', 'SatNOGS']);
  });

  it('finds names absent from the library and two-word terms that never occur together', async () => {
    const q = analyzeQuery('What is the receiver noise figure of the HackRF with an ESP32?');
    const phrasesAsked: string[] = [];
    const missing = await findMissingTerms(q, stats, ['The HackRF receiver covers 1 MHz to 6 GHz.'], async (p) => {
      phrasesAsked.push(p);
      return p === 'receiver noise';
    });
    expect(missing.neverMentioned).toEqual(expect.arrayContaining(['ESP32', 'noise figure']));
    expect(missing.neverMentioned).not.toContain('receiver noise');
    expect(missing.neverMentioned).not.toContain('HackRF');
    expect(phrasesAsked).toContain('noise figure');
  });

  it('names the library has but the top pages lack are "not on these pages"', async () => {
    const q = analyzeQuery('Schedule observations on the SatNOGS network');
    const missing = await findMissingTerms(q, stats, ['Satellite passes and predictions.'], async () => true);
    expect(missing.notOnPages).toEqual(['SatNOGS']);
    expect(missing.neverMentioned).toEqual([]);
  });
});

describe('page re-scoring', () => {
  const toc = Array.from({ length: 12 }, (_, i) => `${i + 1}.${i} Fault codes and heater relay section ${i} ........ ${i * 3 + 5}`).join('\n');
  const answer = 'Fault E-204 means heater overtemperature. Check the thermal fuse, then the heater relay.';
  const fused = (key: string, score: number) => ({ key, docId: 'd', page: Number(key), score, lanes: {}, chunkIds: [key] });

  it('recognises a table of contents', () => {
    expect(listingShare(toc)).toBeGreaterThan(0.5);
    expect(listingShare(answer)).toBe(0);
  });

  it('puts the page where the rare terms occur together above a contents page', () => {
    const w = new Map([
      [stem('heater'), 1],
      [stem('relay'), 2],
      [stem('overtemperature'), 3]
    ]);
    const order = rerankPages(
      [
        { fused: fused('1', 0.033), text: toc, sectionPath: 'Contents' },
        { fused: fused('7', 0.03), text: answer, sectionPath: 'Troubleshooting' }
      ],
      w,
      'heater relay overtemperature'
    );
    expect(order.map((f) => f.key)).toEqual(['7', '1']);
    // Asking for the contents keeps the contents page where fusion put it.
    const asked = rerankPages([{ fused: fused('1', 0.033), text: toc, sectionPath: '' }, { fused: fused('7', 0.0329), text: 'heater', sectionPath: '' }], w, 'table of contents heater');
    expect(asked[0].key).toBe('1');
  });
});
