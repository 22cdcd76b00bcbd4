/**
 * Search A/B on one machine: `npx tsx bench/searchAb.ts --dir KEPT_DIR --base OTHER_CHECKOUT [--rounds 3] [--modes lexical,hybrid]`
 *
 * Compares this checkout's SearchService with another checkout's (e.g. `git archive <commit> src |
 * tar -x -C /tmp/base`, with a node_modules link) over a library kept by `bench:search --keep`.
 * On a shared 2-core machine two bench runs a minute apart differ by more than most changes, so
 * both versions run in one process on the same library, alternating per query (first one, then the
 * other), and report p50/p95, per-stage timings and CPU per query (all threads: LanceDB works on
 * its own threads, and CPU, not waiting, is what bounds a search here). Every response is compared:
 * a speed-up must not change a single result.
 *
 * The queries are bench:search's in a --reuse run (same PRNG sequence); each gets one fixed vector.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { vectorSchema } from '../src/main/core/index/vectorStore';
import { LanceStore } from '../src/main/core/index/lanceStore';
import { SearchService } from '../src/main/core/search/searchService';
import type { VectorSource } from '../src/main/core/search/ports';
import { DIM, flag, MODELS, syntheticText } from './searchBenchInputs';

const dir = flag('dir');
const baseDir = flag('base');
if (!dir || !baseDir) throw new Error('usage: bench/searchAb.ts --dir KEPT_DIR --base OTHER_CHECKOUT [--rounds N] [--modes lexical,hybrid]');
const ROUNDS = Number(flag('rounds') ?? 3);
const MODES = (flag('modes') ?? 'lexical,hybrid').split(',') as Array<'lexical' | 'hybrid'>;

// bench:search's generator, in the order a --reuse run draws from it (chunk pool, then queries).
const { rnd, sentence, query } = syntheticText(42);
for (let i = 0; i < 8192; i++) sentence(40);
const queries = Array.from({ length: 60 }, (_, i) => query(i));
// One fixed vector per query, so both versions search the same vector.
const vectors = queries.map(() => {
  const v = new Float32Array(DIM);
  let norm = 0;
  for (let i = 0; i < DIM; i++) norm += (v[i] = rnd() * 2 - 1) ** 2;
  return v.map((x) => x / Math.sqrt(norm));
});
let current = 0;

type Services = { store: { dispose(): Promise<void> }; lexical: SearchService; hybrid: SearchService };

async function open(Store: typeof LanceStore, Service: typeof SearchService, schema: typeof vectorSchema): Promise<Services> {
  const store = await Store.open(join(dir!, 'index'));
  const table = await store.ensureTable('vectors_bench', schema(DIM, 'bench'));
  const source: VectorSource = { table, dimension: DIM, modelId: 'bench', embedQuery: async () => vectors[current] }; // searched as the app does (default probes)
  const settings = () => ({ rrfK: 60, evidenceThreshold: 0.12 });
  const services = { store, lexical: new Service({ store, settings }), hybrid: new Service({ store, settings, vectorSource: () => source }) };
  // What the app does at start-up and after library changes (statistics, locator, index caches).
  await services.lexical.warm();
  await services.hybrid.warm();
  await services.lexical.query({ text: 'warm up' });
  await services.hybrid.query({ text: queries[0] });
  return services;
}

const core = join(resolve(baseDir), 'src/main/core');
const other = {
  store: (await import(join(core, 'index/lanceStore.ts'))) as { LanceStore: typeof LanceStore },
  search: (await import(join(core, 'search/searchService.ts'))) as { SearchService: typeof SearchService },
  vectors: (await import(join(core, 'index/vectorStore.ts'))) as { vectorSchema: typeof vectorSchema }
};
const versions = {
  base: await open(other.store.LanceStore, other.search.SearchService, other.vectors.vectorSchema),
  this: await open(LanceStore, SearchService, vectorSchema)
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
let differing = 0;
for (const mode of MODES) {
  for (const filter of [false, true]) {
    const wall = { base: [] as number[], this: [] as number[] };
    const cpu = { base: [] as number[], this: [] as number[] };
    const stages = { base: {} as Record<string, number[]>, this: {} as Record<string, number[]> };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, text] of queries.entries()) {
        current = i;
        const answers: Record<string, string> = {};
        for (const who of (i + r) % 2 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const res = await versions[who][mode].query({ text, limit: 10, filters: filter ? { machineModels: [MODELS[i % MODELS.length]] } : undefined });
          wall[who].push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          cpu[who].push((c.user + c.system) / 1000);
          let prev = 0;
          for (const [k, v] of Object.entries(res.timings ?? {})) {
            (stages[who][k] ??= []).push(v - prev);
            prev = v;
          }
          const { tookMs: _t, timings: _s, ...result } = res;
          answers[who] = JSON.stringify(result);
        }
        if (answers.base !== answers.this) differing++;
      }
    }
    const name = `${mode}${filter ? ' +filter' : ''}`;
    for (const who of ['base', 'this'] as const) {
      const st = Object.entries(stages[who]).map(([k, v]) => `${k} ${pct(v, 50).toFixed(1)}`).join('  ');
      const meanCpu = cpu[who].reduce((a, b) => a + b, 0) / cpu[who].length;
      console.log(`${name.padEnd(16)}${who.padEnd(5)} p50 ${pct(wall[who], 50).toFixed(1).padStart(5)}  p95 ${pct(wall[who], 95).toFixed(1).padStart(5)}  cpu/query ${meanCpu.toFixed(1).padStart(5)} ms | p50 ${st}`);
    }
  }
}
console.log(differing ? `RESULTS DIFFER for ${differing} queries` : 'results identical for every query');
await versions.base.store.dispose();
await versions.this.store.dispose();
if (differing) process.exitCode = 1;
