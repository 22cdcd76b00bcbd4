/**
 * bench:ingest, web-host case — `npm run bench:ingest:ui [-- <pdf files…>]`: the same files imported
 * (1) as the CLI does (library.import on their paths, in process) and (2) as the browser UI does
 * (files streamed from disk to /api/upload, three at a time, each imported over the WebSocket as
 * soon as it has landed: the renderer's own uploadEach), both until every import job has finished,
 * each on a fresh core. Prints both times, the CLI/UI speed ratio (target >= 0.8) and when the
 * first page count reached the client (a jobs.progress event with a total; target < 2 s after the
 * upload started / the import was called). Without arguments it generates 8 sample manuals.
 * BENCH_ROUNDS (default 2) rounds, alternating which side goes first; medians are reported. Each
 * side runs in a child process of its own, so neither inherits the other's heap, workers or caches.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import WebSocket from 'ws';
import { z } from 'zod';
import { createCore, type Core } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { startWebHost } from '../src/main/web/server';
import { createApiClient } from '../src/shared/contract/client';
import { unwrap } from '../src/shared/result';
import { createWsTransport, type WsLike } from '../src/renderer/src/lib/wsTransport';
import { uploadEach } from '../src/renderer/src/lib/uploadQueue';
import { makeManualPdf, writePdf } from '../test/fixtures/pdf/makePdf';
import { sampleManualSpec } from '../test/fixtures/pdf/sampleManual';

/** The upload route's answer (HTTP, outside the contract), read through a schema rather than cast. */
const uploadReply = z.object({ ok: z.boolean(), value: z.object({ path: z.string() }).optional(), error: z.object({ message: z.string() }).optional() });

const TOKEN = 'bench-token-0123456789abcdef';

async function freshCore(dir: string): Promise<Core> {
  return createCore({ paths: pathsFor(dir), host: 'web', version: 'bench', logLevel: 'error', restoreModels: false });
}

async function waitJobs(core: Core, jobIds: string[]): Promise<void> {
  for (const id of jobIds) await core.jobs.wait(id);
  await core.library.optimizeSettled();
}

async function cliImport(files: string[], dir: string): Promise<{ ms: number; firstPageCountMs: number }> {
  const core = await freshCore(dir);
  try {
    let firstPageCount = 0;
    const off = core.events.on('jobs.progress', (s) => {
      if (s.total && !firstPageCount) firstPageCount = performance.now();
    });
    const t0 = performance.now();
    const r = unwrap(await core.api.library.import({ paths: files }));
    await waitJobs(core, r.files.map((f) => f.jobId));
    off();
    return { ms: performance.now() - t0, firstPageCountMs: firstPageCount - t0 };
  } finally {
    await core.dispose();
  }
}

async function uiImport(files: string[], dir: string): Promise<{ ms: number; firstPageCountMs: number }> {
  const core = await freshCore(dir);
  const staticDir = join(dir, 'static');
  await writePdf(staticDir, 'index.html', '<!doctype html><title>bench</title>');
  const host = await startWebHost({ core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir, uploadsDir: join(dir, 'uploads') });
  const t = createWsTransport({ url: `ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, createSocket: (u) => new WebSocket(u) as unknown as WsLike });
  const api = createApiClient(t.invoke, t.subscribe);
  try {
    unwrap(await api.app.info()); // connected before the clock starts
    let firstPageCount = 0;
    const off = api.on('jobs.progress', (s) => {
      if (s.total && !firstPageCount) firstPageCount = performance.now();
    });
    const t0 = performance.now();
    const jobIds: Array<Promise<string[]>> = [];
    const upload = async (f: string) => {
      // A streamed body, as a browser sends a File: the bench never holds a whole file either.
      const init = { method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': encodeURIComponent(basename(f)) }, body: Readable.toWeb(createReadStream(f)), duplex: 'half' };
      const res = await fetch(`http://127.0.0.1:${host.port}/api/upload`, init as RequestInit);
      const json = uploadReply.parse(await res.json());
      if (!json.ok || !json.value) throw new Error(`upload of ${f}: ${json.error?.message}`);
      return { ok: true as const, value: { path: json.value.path } };
    };
    const batch = await uploadEach(files, upload, (path) => {
      const ids = api.library.import({ paths: [path] }).then((r) => unwrap(r).files.map((x) => x.jobId));
      jobIds.push(ids);
      return ids;
    });
    if (batch.failed.length) throw new Error(`upload failed: ${batch.failed[0].error.message}`);
    await waitJobs(core, (await Promise.all(jobIds)).flat());
    off();
    return { ms: performance.now() - t0, firstPageCountMs: firstPageCount - t0 };
  } finally {
    t.close();
    await host.close();
    await core.dispose();
  }
}

type Side = { ms: number; firstPageCountMs: number };

/** One side in a fresh process: `--side cli|ui <dir> <files…>` prints its result as JSON. */
function runSide(side: 'cli' | 'ui', dir: string, files: string[]): Promise<Side> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', process.argv[1], '--side', side, dir, ...files], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (err) return reject(new Error(`${side} side failed: ${stderr || err.message}`));
      resolve(JSON.parse(last) as Side);
    });
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--side') {
    const [side, dir, ...files] = process.argv.slice(3);
    console.log(JSON.stringify(await (side === 'ui' ? uiImport : cliImport)(files, dir)));
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'bm-bench-upload-'));
  try {
    let files = process.argv.slice(2).map((f) => resolve(f));
    if (!files.length) {
      for (let i = 0; i < 8; i++) files.push(await writePdf(join(work, 'pdfs'), `manual-${i}.pdf`, await makeManualPdf({ ...sampleManualSpec(), title: `Manual ${i}` })));
    }
    files = files.filter((f) => f.toLowerCase().endsWith('.pdf'));
    console.log(`web-host upload vs CLI import: ${files.length} files; load average ${loadavg()[0].toFixed(1)}`);
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
    const cli: Side[] = [];
    const ui: Side[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate the order so drifting machine load hits both sides alike.
      if (r % 2 === 0) {
        cli.push(await runSide('cli', join(work, `cli-${r}`), files));
        ui.push(await runSide('ui', join(work, `ui-${r}`), files));
      } else {
        ui.push(await runSide('ui', join(work, `ui-${r}`), files));
        cli.push(await runSide('cli', join(work, `cli-${r}`), files));
      }
      console.log(`  round ${r + 1}: CLI ${secs(cli[r].ms)} (first page count after ${secs(cli[r].firstPageCountMs)}), UI ${secs(ui[r].ms)} (first page count after ${secs(ui[r].firstPageCountMs)}); load ${loadavg()[0].toFixed(1)}`);
    }
    const c = median(cli.map((x) => x.ms));
    const u = median(ui.map((x) => x.ms));
    console.log(`median import time: CLI ${secs(c)}, UI (upload + import) ${secs(u)}`);
    console.log(`UI speed / CLI speed: ${(c / u).toFixed(2)} (target >= 0.8)`);
    console.log(
      `first page count shown: UI ${secs(median(ui.map((x) => x.firstPageCountMs)))} after the upload started (worst ${secs(Math.max(...ui.map((x) => x.firstPageCountMs)))}), CLI ${secs(median(cli.map((x) => x.firstPageCountMs)))} after the import call (worst ${secs(Math.max(...cli.map((x) => x.firstPageCountMs)))}); target < 2 s`
    );
    console.log('(times on a shared, loaded machine are inflated; compare the two sides of one run, not runs)');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
