import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorSchema } from '../../../src/main/core/index/vectorStore';
import { evidenceStrength, type EvidenceSignals } from '../../../src/main/core/search/evidence';
import { SearchService } from '../../../src/main/core/search/searchService';
import type { VectorSource } from '../../../src/main/core/search/ports';
import type { LanceStore } from '../../../src/main/core/index/lanceStore';
import { chunkRows, seedIndex, type SeedDoc } from './seedIndex';

describe('evidenceStrength', () => {
  const base: EvidenceSignals = { coverage: 0.5, unknown: 0.1, unknownNames: 0, codeCoverage: 1, agreement: 1, hasResults: 1 };
  const grid = [0, 0.1, 0.2, 0.4, 0.6, 0.8, 1];

  it('stays within (0,1) and rises with coverage', () => {
    const s = grid.map((coverage) => evidenceStrength({ ...base, coverage }));
    for (const v of s) expect(v > 0 && v < 1).toBe(true);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });

  it('falls with unknown words and unknown names, rises with found codes', () => {
    const u = grid.map((unknown) => evidenceStrength({ ...base, unknown }));
    for (let i = 1; i < u.length; i++) expect(u[i]).toBeLessThan(u[i - 1]);
    const n = [0, 1, 2].map((unknownNames) => evidenceStrength({ ...base, unknownNames }));
    expect(n[1]).toBeLessThan(n[0]);
    expect(n[2]).toBeLessThan(n[1]);
    expect(evidenceStrength({ ...base, codeCoverage: 1 })).toBeGreaterThan(evidenceStrength({ ...base, codeCoverage: 0 }));
  });

  it('is 0 without results', () => {
    expect(evidenceStrength({ ...base, coverage: 1, hasResults: 0 })).toBe(0);
  });
});

// A vector lane over a real LanceDB table; the "embedder" maps words to fixed axes so the test
// knows which chunk is nearest without a model.
const DIM = 8;
const AXES = ['heater', 'cooler', 'motor', 'door'];
const embed = (text: string) => {
  const v = new Array(DIM).fill(0.01);
  AXES.forEach((w, i) => {
    if (text.toLowerCase().includes(w)) v[i] = 1;
  });
  return v;
};

const DOCS: SeedDoc[] = [
  { id: 'a', pages: [{ page: 1, texts: ['The heater element warms the chamber.'] }, { page: 2, texts: ['The door latch holds the lid.'] }] },
  { id: 'b', machineModels: ['M2'], pages: [{ page: 5, texts: ['The cooler fan removes warm air.'] }] }
];

let store: LanceStore;
let cleanup: () => Promise<void>;
let source: VectorSource;

beforeAll(async () => {
  ({ store, cleanup } = await seedIndex(DOCS));
  const table = await store.ensureTable('vectors_test', vectorSchema(DIM, 'test'));
  await table.add(
    DOCS.flatMap(chunkRows).map((c) => ({ chunkId: c.id, docId: c.docId, vector: embed(c.text), machineModels: c.machineModels, tags: c.tags, language: c.language }))
  );
  source = { table, dimension: DIM, modelId: 'test', embedQuery: async (t) => embed(t) };
});
afterAll(async () => cleanup?.());

describe('vector lane', () => {
  it('runs when a vector source is configured and finds the semantically nearest page', async () => {
    const svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }), vectorSource: () => source });
    // No lexical overlap with the cooler page ("chills" is not in it); only the vector lane can find it.
    const r = await svc.query({ text: 'which cooler part chills things', limit: 5 });
    expect(r.lanes).toContain('vector');
    const hit = r.passages.find((p) => p.docId === 'b' && p.page === 5)!;
    expect(hit.lanes.vector?.rank).toBe(1);
  });

  it('applies filters to the vector lane too', async () => {
    const svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }), vectorSource: () => source });
    const r = await svc.query({ text: 'cooler', filters: { machineModels: ['nope'] } });
    expect(r.passages).toEqual([]);
  });

  it('is absent without a vector source', async () => {
    const svc = new SearchService({ store, settings: () => ({ rrfK: 60, evidenceThreshold: 0.12 }), vectorSource: () => null });
    expect((await svc.query({ text: 'heater' })).lanes).not.toContain('vector');
  });
});
