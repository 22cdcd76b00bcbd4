/**
 * Search latency: `npm run bench:search [-- --sizes 10k,100k,1m --queries 100 --keep]`
 *
 * For each size, builds a synthetic library through the real LanceStore schema (documents, pages
 * with 4 chunks each, chunks with both FTS indexes, a 384-d vector table), then times the real
 * SearchService.query (text + page + identifier lanes, + vector lane for "hybrid") with and without
 * a machine-model filter. Baseline measured in the same run: the same hybrid query with the vector
 * lane searched flat (no ANN index). The IVF-PQ index is the app's own (annIndexConfig, searched
 * with the app's options), built where the app builds it (≥ ANN_INDEX_MIN_ROWS rows). Each service
 * is warmed up as the app does at start-up (SearchService.warm), then runs 10 untimed searches.
 * Prints p50/p95, the first search's time, index build times, disk size per table and the ANN's
 * recall against the flat scan.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Index } from '@lancedb/lancedb';
import { ANN_INDEX_MIN_ROWS as ANN_MIN_ROWS, annIndexConfig, vectorSchema } from '../src/main/core/index/vectorStore';
import { LanceStore, type Table } from '../src/main/core/index/lanceStore';
import { SearchService } from '../src/main/core/search/searchService';
import type { VectorSource } from '../src/main/core/search/ports';
import { DIM, flag, MODELS, syntheticText } from './searchBenchInputs';

const CHUNKS_PER_PAGE = 4;
const PAGES_PER_DOC = 200;
const parseSize = (s: string) => Math.round(parseFloat(s) * (/m$/i.test(s) ? 1e6 : /k$/i.test(s) ? 1e3 : 1));
const SIZES = (flag('sizes') ?? '10k,100k,1m').split(',').map(parseSize);
const QUERIES = Number(flag('queries') ?? 60);
const WARMUP_QUERIES = 10;

// Deterministic text and queries so runs are comparable.
const { rnd, sentence, query } = syntheticText(42);
// Chunk texts come from a pool so generating 1M rows costs seconds; posting lists still grow
// with the row count like a real library's.
const POOL = Array.from({ length: 8192 }, () => sentence(40));

function randomVector(): Float32Array {
  const v = new Float32Array(DIM);
  let norm = 0;
  for (let i = 0; i < DIM; i++) {
    v[i] = rnd() * 2 - 1;
    norm += v[i] * v[i];
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIM; i++) v[i] /= norm;
  return v;
}

// The app's own vector-table schema, so the bench measures the layout the app writes.
const benchVectorSchema = vectorSchema(DIM, 'bench');

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

const progress = (msg: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function build(store: LanceStore, vectors: Table, n: number): Promise<{ insertMs: number }> {
  const t0 = performance.now();
  const batch = 20_000;
  const docs = Math.max(1, Math.ceil(n / (CHUNKS_PER_PAGE * PAGES_PER_DOC)));
  const docRows = Array.from({ length: docs }, (_, d) => ({
    id: `d${d}`, sha256: `d${d}`, title: `Manual ${d}`, fileName: `manual-${d}.pdf`, storedPath: '', bytes: 0, pageCount: PAGES_PER_DOC,
    machineModels: [MODELS[d % MODELS.length]], tags: [d % 2 ? 'service' : 'user'], language: 'en', revision: '', notes: '',
    status: 'ready', statusDetail: '', importedAt: '', updatedAt: '', qualityJson: '{}', pageLabelsJson: '[]', outlineJson: '[]'
  }));
  await store.documents().add(docRows);
  for (let start = 0; start < n; start += batch) {
    const chunks: Record<string, unknown>[] = [];
    const pages: Record<string, unknown>[] = [];
    const vecs: Record<string, unknown>[] = [];
    let pageOffset = 0;
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const pageIndex = Math.floor(i / CHUNKS_PER_PAGE);
      const d = Math.floor(pageIndex / PAGES_PER_DOC);
      const page = (pageIndex % PAGES_PER_DOC) + 1;
      const text = POOL[Math.floor(rnd() * POOL.length)];
      const models = [MODELS[d % MODELS.length]];
      const tags = [d % 2 ? 'service' : 'user'];
      const id = `d${d}:${page}:${i}`;
      // A chunk is its page's text from charStart to charEnd (the page joins its chunks with '\n').
      if (i % CHUNKS_PER_PAGE === 0) pageOffset = 0;
      const charStart = pageOffset;
      pageOffset += text.length + 1;
      chunks.push({
        id, docId: `d${d}`, docTitle: `Manual ${d}`, page, pageEnd: page, pageLabel: String(page), sectionPath: '', ordinal: i,
        text, charStart, charEnd: charStart + text.length, searchText: text, machineModels: models, tags, language: 'en'
      });
      if (i % CHUNKS_PER_PAGE === 0) pages.push({ id: `d${d}:${page}`, docId: `d${d}`, page, pageLabel: String(page), sectionPath: '', text });
      else if (pages.length) (pages[pages.length - 1] as { text: string }).text += `\n${text}`;
      vecs.push({ chunkId: id, docId: `d${d}`, vector: Array.from(randomVector()), machineModels: models, tags, language: 'en' });
    }
    progress(`insert ${Math.min(n, start + batch)}/${n}`);
    await store.chunks().add(chunks);
    if (pages.length) await store.pages().add(pages);
    await vectors.add(vecs);
  }
  return { insertMs: performance.now() - t0 };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function time(svc: SearchService, queries: string[], filter: boolean): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (const [i, text] of queries.entries()) {
    const t0 = performance.now();
    await svc.query({ text, limit: 10, filters: filter ? { machineModels: [MODELS[i % MODELS.length]] } : undefined });
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function benchSize(n: number): Promise<void> {
  // --reuse DIR: time queries on a library kept by an earlier `--keep` run of the same size.
  const reuse = flag('reuse');
  const dir = reuse ?? (await mkdtemp(join(tmpdir(), 'bm-bench-search-')));
  const store = await LanceStore.open(join(dir, 'index'));
  try {
    const vectors = await store.ensureTable('vectors_bench', benchVectorSchema);
    let insertMs = 0;
    let ftsMs = 0;
    let t = performance.now();
    if (!reuse) {
      ({ insertMs } = await build(store, vectors, n));
      t = performance.now();
      progress('optimize (FTS indexes)');
      await store.optimize(['chunks', 'pages', 'documents']); // folds new rows into the FTS indexes
      ftsMs = performance.now() - t;
    }
    const settings = () => ({ rrfK: 60, evidenceThreshold: 0.12 });
    const lexical = new SearchService({ store, settings });
    t = performance.now();
    progress('page FTS index + corpus statistics');
    await lexical.warm(); // what the app does at start-up: page FTS index, corpus statistics, chunk locator, index caches
    const warmMs = performance.now() - t;

    let annMs = 0;
    // The filter columns of the vector table get the same label-list indexes search creates on chunks.
    const vecIdx = new Set((await vectors.listIndices()).flatMap((i) => i.columns));
    for (const col of ['machineModels', 'tags']) if (!vecIdx.has(col)) await vectors.createIndex(col, { config: Index.labelList() });
    const hasAnn = vecIdx.has('vector');
    if (n >= ANN_MIN_ROWS && !hasAnn) {
      t = performance.now();
      progress('IVF-PQ index');
      // The index the app builds (VectorStore.maybeIndex): the bench times the search the app runs.
      await vectors.createIndex('vector', { config: annIndexConfig(n) });
      annMs = performance.now() - t;
    }
    const source = (exact: boolean): VectorSource => ({
      table: vectors, dimension: DIM, modelId: 'bench',
      embedQuery: async () => randomVector(),
      // The app passes no ANN options (LanceDB's default probes, no refine); the baseline scans flat.
      ...(exact ? { searchOptions: { exact: true } } : {})
    });
    if (hasAnn) annMs = -1;
    const hybrid = new SearchService({ store, settings, vectorSource: () => source(false) });
    const flat = new SearchService({ store, settings, vectorSource: () => source(true) });
    const queries = Array.from({ length: QUERIES }, (_, i) => query(i));
    await hybrid.warm();
    await flat.warm();
    // Untimed warm-up searches (drawn after the timed ones, so those stay the same): the first
    // searches of a process also compile the ranking code and fill LanceDB's file metadata
    // caches. The first one is reported on its own: what the first question after start-up costs.
    const warmups = Array.from({ length: WARMUP_QUERIES }, (_, i) => query(QUERIES + i));
    const firstMs: string[] = [];
    for (const [name, svc] of [['lexical', lexical], ['hybrid', hybrid]] as const) {
      for (const [i, text] of warmups.entries()) {
        const t0 = performance.now();
        await svc.query({ text, limit: 10 });
        if (i === 0) firstMs.push(`${name} ${(performance.now() - t0).toFixed(1)} ms`);
      }
    }

    const rows: Array<[string, { p50: number; p95: number }]> = [];
    progress('queries');
    for (const filter of [false, true]) {
      const f = filter ? ' +filter' : '';
      rows.push([`lexical${f}`, await time(lexical, queries, filter)]);
      rows.push([`hybrid${annMs ? ' (IVF-PQ)' : ' (flat)'}${f}`, await time(hybrid, queries, filter)]);
      if (annMs) rows.push([`hybrid baseline (flat)${f}`, await time(flat, queries, filter)]);
    }
    // How many of the flat scan's nearest chunks the ANN search finds (the lane's 60 candidates).
    // Uniform random vectors have no clusters, so this is a floor for real embeddings.
    let annRecall = '';
    if (annMs) {
      let found = 0;
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const v = Array.from(randomVector());
        const ids = async (q: ReturnType<ReturnType<Table['query']>['nearestTo']>) => ((await q.select(['chunkId', '_distance']).toArray()) as Array<{ chunkId: string }>).map((r) => r.chunkId);
        const exact = await ids(vectors.query().nearestTo(v).bypassVectorIndex().limit(60));
        const ann = new Set(await ids(vectors.query().nearestTo(v).limit(60)));
        found += exact.filter((id) => ann.has(id)).length;
        total += exact.length;
      }
      annRecall = `, ANN recall@60 vs flat ${(found / total).toFixed(2)} (random vectors: a floor)`;
    }
    const sizes: string[] = [];
    for (const name of ['chunks', 'pages', 'vectors_bench']) sizes.push(`${name} ${mb(await dirBytes(join(dir, 'index', `${name}.lance`)))}`);
    console.log(`\n== ${n.toLocaleString('en')} chunks (${Math.ceil(n / CHUNKS_PER_PAGE).toLocaleString('en')} pages, dim ${DIM}) ==`);
    console.log(`build: insert ${sec(insertMs)}, FTS optimize ${sec(ftsMs)}, search indexes (page FTS, id btree, docId bitmap) + stats ${sec(warmMs)}, IVF-PQ ${annMs < 0 ? 'reused' : annMs ? sec(annMs) : 'skipped (< ' + ANN_MIN_ROWS + ' rows: flat is fast enough)'}`);
    console.log(`disk: ${sizes.join(', ')}${annRecall}`);
    console.log(`first search after warm-up (then ${WARMUP_QUERIES} untimed warm-up searches): ${firstMs.join(', ')}`);
    const base = new Map(rows.filter(([k]) => k.startsWith('hybrid baseline')).map(([k, v]) => [k.includes('+filter'), v]));
    for (const [name, v] of rows) {
      const b = base.get(name.includes('+filter'));
      const ratio = b && name.startsWith('hybrid (') ? `  ${(v.p95 / b.p95).toFixed(2)}x baseline p95` : '';
      console.log(`  ${name.padEnd(30)} p50 ${v.p50.toFixed(1).padStart(7)} ms   p95 ${v.p95.toFixed(1).padStart(7)} ms${ratio}`);
    }
  } finally {
    await store.dispose();
    if (!process.argv.includes('--keep') && !reuse) await rm(dir, { recursive: true, force: true });
    else console.log(`kept: ${dir} (rerun queries with --sizes ${n} --reuse ${dir})`);
  }
}

const t0 = performance.now();
console.log(`bench:search sizes=${SIZES.join(',')} queries=${QUERIES} (2-core machine; use --sizes 10k,100k to shorten)`);
for (const n of SIZES) await benchSize(n);
console.log(`\ntotal ${sec(performance.now() - t0)}`);
