/**
 * Ingestion throughput: `npm run bench:ingest -- <pdf files or folders…>`
 * Prints pages/s for (1) parsing alone (one worker, then the app's two-worker ParsePool), (2) the full import through the core
 * (copy, parse, chunk, LanceDB writes; also until the batch's FTS optimize job is done), (3) poppler's `pdftotext` on the same
 * files in the same run, and the ratio import/pdftotext (target ≥ 0.5). The import is measured
 * cold (fresh core: worker start-up and JIT included) and warm (after importing and deleting two
 * of the files); the
 * ratio uses the warm number, i.e. the steady-state rate of a running app (workers stay alive).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { expandPaths } from '../src/main/core/library/files';
import { PdfParser } from '../src/main/core/library/pdf/pdfParser';
import { ParsePool } from '../src/main/core/library/pdf/parsePool';
import type { PdfjsPatchStatus } from '../src/main/core/library/pdf/pdfjsPatch';
import { importOutcome } from '../src/shared/contract/library';
import { unwrap } from '../src/shared/result';

const rate = (pages: number, ms: number) => (ms > 0 ? (pages * 1000) / ms : 0);
const fmt = (n: number) => n.toFixed(1).padStart(8);

async function parseAlone(files: string[]): Promise<{ pages: number; ms: number; pdfjs?: PdfjsPatchStatus }> {
  const parser = new PdfParser();
  let pages = 0;
  // Warm the worker (thread start + pdf.js load) so we time parsing, not start-up.
  await parser.parse({ data: new Uint8Array(await readFile(files[0])), onMeta: () => {}, onPage: () => {} }).catch(() => {});
  const t0 = performance.now();
  for (const f of files) {
    try {
      await parser.parse({ data: new Uint8Array(await readFile(f)), onMeta: () => {}, onPage: () => pages++ });
    } catch {
      /* damaged/encrypted files count 0 pages, like in the import */
    }
  }
  const ms = performance.now() - t0;
  await parser.dispose();
  return { pages, ms, pdfjs: parser.pdfjs };
}

/** Parsing alone as the app does it: every file handed to a ParsePool of two workers at once. */
async function parsePooled(files: string[]): Promise<{ pages: number; ms: number }> {
  const pool = new ParsePool([new PdfParser(), new PdfParser()]);
  const datas = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
  const one = (data: Uint8Array, count: (n: number) => void) => pool.parse({ data, onMeta: () => {}, onPage: () => count(1) }).catch(() => {});
  await Promise.all(datas.slice(0, 2).map((d) => one(d, () => {}))); // start both workers
  let pages = 0;
  const t0 = performance.now();
  await Promise.all(datas.map((d) => one(d, (n) => (pages += n))));
  const ms = performance.now() - t0;
  await pool.dispose();
  return { pages, ms };
}

async function fullImport(files: string[], warm: boolean): Promise<{ pages: number; ms: number; withOptimizeMs: number; outcomes: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'bm-bench-ingest-'));
  const core = await createCore({ paths: pathsFor(dir), host: 'cli', version: 'bench', logLevel: 'error', threads: 2 });
  try {
    if (warm) {
      // Steady state of a running app: both parse workers started and JIT-warm on real manuals
      // (the first two files, one per import slot), then removed again so nothing is a duplicate.
      const w = unwrap(await core.api.library.import({ paths: files.slice(0, 2) }));
      for (const f of w.files) await core.jobs.wait(f.jobId);
      for (const d of unwrap(await core.api.library.list())) unwrap(await core.api.library.delete({ id: d.id }));
      // Settle the index now, or the optimize the deletes schedule would land inside the timed run.
      await core.jobs.wait(unwrap(await core.api.library.optimize()).jobId);
    }
    const t0 = performance.now();
    const { files: started } = unwrap(await core.api.library.import({ paths: files }));
    let pages = 0;
    const outcomes: string[] = [];
    for (const s of started) {
      const snap = await core.jobs.wait(s.jobId);
      const res = importOutcome.safeParse(snap.result).data;
      pages += res?.pages ?? 0;
      outcomes.push(`${basename(s.path)}: ${res ? `${res.outcome} ${res.pages ?? 0}p ${res.chunks ?? 0} chunks` : `${snap.error?.code} ${snap.error?.message}`}`);
    }
    const ms = performance.now() - t0;
    // The batch ends with a library.optimize job (compaction, new rows into the FTS indexes).
    await core.library.optimizeSettled();
    return { pages, ms, withOptimizeMs: performance.now() - t0, outcomes };
  } finally {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

function pdftotext(files: string[]): { pages: number; ms: number } | null {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  let pages = 0;
  const t0 = performance.now();
  for (const f of files) {
    try {
      const out = execFileSync('pdftotext', [f, '-'], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
      pages += out.split('\f').length - 1; // one form feed per page
    } catch {
      /* unreadable file */
    }
  }
  return { pages, ms: performance.now() - t0 };
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (!args.length) {
    process.stderr.write('usage: npm run bench:ingest -- <pdf files or folders…>\n');
    process.exit(2);
  }
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
  const { files } = await expandPaths(args);
  console.log(`files: ${files.length}, rounds: ${rounds} (best round reported; BENCH_ROUNDS=n to change)`);
  // Interleave the methods round by round so a load spike from other processes hits all of them.
  type Run = { pages: number; ms: number };
  const best = (a: Run | null, b: Run | null) => (!a ? b : !b ? a : b.ms < a.ms ? b : a);
  let base: Run | null = null;
  let parse: (Run & { pdfjs?: PdfjsPatchStatus }) | null = null;
  let pooled: Run | null = null;
  let imp: (Run & { withOptimizeMs: number; outcomes: string[] }) | null = null;
  let cold: Run | null = null;
  for (let r = 0; r < rounds; r++) {
    base = best(base, pdftotext(files));
    parse = best(parse, await parseAlone(files));
    pooled = best(pooled, await parsePooled(files));
    const w = await fullImport(files, true);
    imp = !imp || w.ms < imp.ms ? w : imp;
    if (r === 0) cold = await fullImport(files, false);
  }
  if (!parse || !pooled || !imp || !cold) throw new Error('no runs');
  for (const o of imp.outcomes) console.log(`  ${o}`);
  console.log('');
  console.log(`                     pages    ms        pages/s`);
  console.log(`parse (worker)   ${String(parse.pages).padStart(8)} ${fmt(parse.ms)} ${fmt(rate(parse.pages, parse.ms))}`);
  console.log(`parse (2 workers)${String(pooled.pages).padStart(8)} ${fmt(pooled.ms)} ${fmt(rate(pooled.pages, pooled.ms))}   ParsePool, all files at once`);
  console.log(`import (cold)    ${String(cold.pages).padStart(8)} ${fmt(cold.ms)} ${fmt(rate(cold.pages, cold.ms))}   incl. starting parse workers`);
  console.log(`full import      ${String(imp.pages).padStart(8)} ${fmt(imp.ms)} ${fmt(rate(imp.pages, imp.ms))}   workers already running; every document ready and searchable`);
  console.log(`  + optimize     ${String(imp.pages).padStart(8)} ${fmt(imp.withOptimizeMs)} ${fmt(rate(imp.pages, imp.withOptimizeMs))}   until the batch's index optimize job has finished too`);
  const p = parse.pdfjs;
  console.log(`pdf.js in the parse workers: ${!p ? 'unknown (parsed in-process)' : p.patched ? 'with the text-transform speed patch (pdfjsPatch.ts)' : `stock (${p.reason})`}`);
  if (base) {
    console.log(`pdftotext        ${String(base.pages).padStart(8)} ${fmt(base.ms)} ${fmt(rate(base.pages, base.ms))}`);
    const ratio = rate(imp.pages, imp.ms) / rate(base.pages, base.ms);
    console.log('');
    console.log(`ratio parse/pdftotext:  ${(rate(parse.pages, parse.ms) / rate(base.pages, base.ms)).toFixed(2)} (one worker), ${(rate(pooled.pages, pooled.ms) / rate(base.pages, base.ms)).toFixed(2)} (two)`);
    console.log(`ratio import/pdftotext: ${ratio.toFixed(2)} (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`ratio import+optimize/pdftotext: ${(rate(imp.pages, imp.withOptimizeMs) / rate(base.pages, base.ms)).toFixed(2)}`);
    console.log(`load average during run: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).availableParallelism()} CPUs`);
  } else console.log('pdftotext not installed: no baseline (apt-get install poppler-utils)');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
