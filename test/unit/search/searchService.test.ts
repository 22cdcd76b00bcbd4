import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactVectorSearch, SearchService } from '../../../src/main/core/search/searchService';
import type { VectorSource } from '../../../src/main/core/search/ports';
import type { LanceStore } from '../../../src/main/core/index/lanceStore';
import { seedIndex, type SeedDoc } from './seedIndex';

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `General maintenance note ${i}: keep the housing clean and check the cables regularly.`).join(' ');

const DOCS: SeedDoc[] = [
  {
    id: 'heat',
    fileName: 'x200-heater.pdf',
    machineModels: ['X200'],
    tags: ['heating'],
    pages: [
      { page: 1, texts: ['X200 heater service manual. ' + filler(3)] },
      {
        page: 3,
        sectionPath: 'Troubleshooting > Fault codes',
        texts: ['Fault E-204 means heater overtemperature. Check the thermal fuse.', 'If the thermal fuse is open, replace the thermal fuse and the heater relay.']
      },
      { page: 4, texts: ['The thermal cutoff protects the motor. ' + filler(2)] }
    ]
  },
  {
    id: 'cool',
    fileName: 'x300-cooler.pdf',
    machineModels: ['X300', "O'Brien"],
    tags: ['cooling'],
    pages: [{ page: 2, texts: ['Fault E-410 means the cooler sensor is disconnected; the thermal fuse is not involved. Reseat connector J7.'] }]
  },
  {
    id: 'de',
    fileName: 'handbuch.pdf',
    language: 'de',
    pages: [{ page: 1, texts: ['Thermal fuse Sicherung: Fehler E-204 bedeutet Übertemperatur der Heizung.'] }]
  },
  {
    id: 'hidden',
    fileName: 'half-imported.pdf',
    status: 'importing',
    pages: [{ page: 1, texts: ['Thermal fuse thermal fuse thermal fuse heater overtemperature E-204.'] }]
  }
];

let store: LanceStore;
let cleanup: () => Promise<void>;
let svc: SearchService;

beforeAll(async () => {
  ({ store, cleanup } = await seedIndex(DOCS));
  svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }) });
});
afterAll(async () => cleanup?.());

describe('SearchService.pageTexts', () => {
  it('reads the asked pages whole in one call and leaves out pages that are not indexed', async () => {
    const texts = await svc.pageTexts([{ docId: 'heat', page: 3 }, { docId: 'cool', page: 2 }, { docId: 'heat', page: 99 }]);
    expect([...texts.keys()].sort()).toEqual(['cool:2', 'heat:3']);
    expect(texts.get('heat:3')).toBe(DOCS[0].pages[1].texts.join('\n'));
    expect(texts.get('cool:2')).toBe(DOCS[1].pages[0].texts[0]);
  });
});

describe('SearchService.query', () => {
  it('returns one passage per page, other matching chunks folded in', async () => {
    const r = await svc.query({ text: 'thermal fuse heater', limit: 10 });
    const keys = r.passages.map((p) => `${p.docId}:${p.page}`);
    expect(new Set(keys).size).toBe(keys.length);
    const p3 = r.passages.find((p) => p.docId === 'heat' && p.page === 3)!;
    expect(p3).toBeDefined();
    expect(p3.foldedChunkIds).toHaveLength(1);
    expect(r.passages[0].docId).toBe('heat');
    expect(r.passages[0].page).toBe(3);
    expect(r.lanes).toEqual(expect.arrayContaining(['text', 'page']));
  });

  it('never returns documents that are not fully indexed', async () => {
    const r = await svc.query({ text: 'thermal fuse heater overtemperature E-204', limit: 20 });
    expect(r.passages.length).toBeGreaterThan(0);
    expect(r.passages.some((p) => p.docId === 'hidden')).toBe(false);
  });

  it('highlight offsets point into the page text at a matching sentence', async () => {
    const r = await svc.query({ text: 'what does E-410 mean', limit: 3 });
    const p = r.passages[0];
    expect(p.docId).toBe('cool');
    expect(r.lanes).toContain('ident');
    expect(p.lanes.ident?.rank).toBe(1);
    const hl = p.text.slice(p.highlight.charStart - p.charStart, p.highlight.charEnd - p.charStart);
    expect(hl).toContain('E-410');
  });

  it('machineModels / tags / documentIds / language filters restrict results', async () => {
    const q = 'thermal fuse fault';
    const docsOf = async (filters: object) => new Set((await svc.query({ text: q, filters, limit: 20 })).passages.map((p) => p.docId));
    expect(await docsOf({})).toEqual(new Set(['heat', 'cool', 'de']));
    expect(await docsOf({ machineModels: ['X200'] })).toEqual(new Set(['heat']));
    expect(await docsOf({ machineModels: ['X300', 'X200'] })).toEqual(new Set(['heat', 'cool']));
    expect(await docsOf({ tags: ['cooling'] })).toEqual(new Set(['cool']));
    expect(await docsOf({ documentIds: ['de'] })).toEqual(new Set(['de']));
    expect(await docsOf({ language: 'de' })).toEqual(new Set(['de']));
    expect(await docsOf({ machineModels: ['X200'], tags: ['cooling'] })).toEqual(new Set());
  });

  it('filter values are escaped: quotes match literally and cannot widen the filter', async () => {
    const q = 'thermal fuse fault';
    const docsOf = async (filters: object) => new Set((await svc.query({ text: q, filters, limit: 20 })).passages.map((p) => p.docId));
    expect(await docsOf({ machineModels: ["O'Brien"] })).toEqual(new Set(['cool']));
    expect(await docsOf({ machineModels: ["X200') OR true OR ('"] })).toEqual(new Set());
    expect(await docsOf({ documentIds: ["heat' OR '1'='1"] })).toEqual(new Set());
    expect(await docsOf({ tags: ["x']) OR array_has_any(tags, ['cooling"] })).toEqual(new Set());
    expect(await docsOf({ language: "de' OR '1'='1" })).toEqual(new Set());
  });

  it('evidence is strong for a covered question and below threshold for unknown things', async () => {
    const good = await svc.query({ text: 'What does fault E-204 heater overtemperature mean?' });
    const bad = await svc.query({ text: 'How do I upload my Strava activities with CUDA acceleration?' });
    expect(good.evidence.strength).toBeGreaterThan(bad.evidence.strength);
    expect(good.evidence.belowThreshold).toBe(false);
    expect(bad.evidence.belowThreshold).toBe(true);
    expect(bad.evidence.signals.unknownNames).toBeGreaterThan(0);
  });

  it('survives queries made only of stop words or punctuation', async () => {
    for (const text of ['how do I', '???', "what's it"]) {
      const r = await svc.query({ text });
      expect(r.evidence.strength).toBeGreaterThanOrEqual(0);
    }
  });

  it('an empty result set has zero evidence', async () => {
    const r = await svc.query({ text: 'zyxwvut qwerty', filters: { documentIds: ['nope'] } });
    expect(r.passages).toEqual([]);
    expect(r.evidence.strength).toBe(0);
    expect(r.evidence.belowThreshold).toBe(true);
  });

  it('uses a configured reranker for the final order', async () => {
    const withReranker = new SearchService({
      store,
      settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }),
      reranker: () => ({ modelId: 'test', rank: async (_q, docs) => docs.map((d) => (d.includes('J7') ? 10 : 0)) })
    });
    const r = await withReranker.query({ text: 'thermal fuse', limit: 5 });
    expect(r.lanes).toContain('rerank');
    expect(r.passages[0].docId).toBe('cool');
    expect(r.passages[0].lanes.rerank?.rank).toBe(1);
  });
});

describe('section-title matching', () => {
  it('a query naming a section finds its pages even when the body words it differently', async () => {
    const { store: s2, cleanup: c2 } = await seedIndex([
      {
        id: 'sdr',
        fileName: 'sdr.pdf',
        pages: [
          { page: 1, sectionPath: 'Getting started', texts: ['Connect the board to a computer with a cable and install the tools. ' + filler(4)] },
          { page: 7, sectionPath: 'Installation > Permissions for udev rules', texts: ['Copy the file into the system folder and reload the device manager so that normal users can open the board.'] },
          { page: 9, sectionPath: 'Firmware', texts: ['Rules for updating: always use the matching host tools. ' + filler(2)] }
        ]
      }
    ]);
    try {
      const svc2 = new SearchService({ store: s2, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }) });
      const r = await svc2.query({ text: 'permissions for udev rules', limit: 3 });
      expect(r.lanes).toContain('section');
      expect(r.passages[0].page).toBe(7);
      expect(r.passages[0].lanes.section?.rank).toBe(1);
    } finally {
      await c2();
    }
  });
});

describe('selective filters', () => {
  it('are prefilters: a rare model still gets its results when other documents score higher', async () => {
    const common: SeedDoc[] = Array.from({ length: 30 }, (_, d) => ({
      id: `c${d}`,
      machineModels: ['COMMON'],
      pages: Array.from({ length: 10 }, (_, p) => ({ page: p + 1, texts: ['fuse fuse fuse heater fuse fuse'] }))
    }));
    const rare: SeedDoc = { id: 'rare', machineModels: ['RARE-1'], pages: [{ page: 4, texts: ['Replace the fuse in a long sentence with many other filler words about the housing.'] }] };
    const { store: s3, cleanup: c3 } = await seedIndex([...common, rare]);
    try {
      const svc3 = new SearchService({ store: s3, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }) });
      const r = await svc3.query({ text: 'fuse', filters: { machineModels: ['RARE-1'] } });
      expect(r.passages.map((p) => `${p.docId}:${p.page}`)).toEqual(['rare:4']);
    } finally {
      await c3();
    }
  });
});

describe('exact vs ANN vector search under a filter', () => {
  const table = (rows: number) => ({ table: { countRows: async () => rows } as unknown as VectorSource['table'] });
  it('searches exactly only when the filter leaves few vectors', async () => {
    // 1 of 20 machine models: 5% of documents.
    expect(await exactVectorSearch(table(100_000), 5, 100, 20_000)).toBe(true); // ~5k vectors
    expect(await exactVectorSearch(table(1_000_000), 5, 100, 20_000)).toBe(false); // ~50k vectors: ANN is faster
    expect(await exactVectorSearch(table(1_000_000), 1, 1000, 20_000)).toBe(true); // one manual of a big library
  });
  it('uses the index when nothing is filtered', async () => {
    expect(await exactVectorSearch(table(1_000), undefined, 10, 20_000)).toBe(false);
    expect(await exactVectorSearch(table(0), 0, 0, 20_000)).toBe(false);
  });
});

