/**
 * bench:ingest, web-host case — `npm run bench:ingest:ui [-- <pdf files…>]`: the same files imported
 * (1) as the CLI does (library.import on their paths, in process) and (2) as the browser UI does
 * (each file POSTed to /api/upload one after another, then library.import over the WebSocket with
 * the uploaded paths), both until every import job has finished, each on a fresh core. Prints both
 * times, the CLI/UI speed ratio (target >= 0.8) and when the first page count reached the UI
 * client (a jobs.progress event with a total; target < 2 s after the first byte was sent).
 * Without arguments it generates 8 sample manuals.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import WebSocket from 'ws';
import { z } from 'zod';
import { createCore, type Core } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { startWebHost } from '../src/main/web/server';
import { createApiClient } from '../src/shared/contract/client';
import { unwrap } from '../src/shared/result';
import { createWsTransport, type WsLike } from '../src/renderer/src/lib/wsTransport';
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
    const paths: string[] = [];
    for (const f of files) {
      const res = await fetch(`http://127.0.0.1:${host.port}/api/upload`, { method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': encodeURIComponent(basename(f)) }, body: await readFile(f) });
      const json = uploadReply.parse(await res.json());
      if (!json.ok || !json.value) throw new Error(`upload of ${f}: ${json.error?.message}`);
      paths.push(json.value.path);
    }
    const r = unwrap(await api.library.import({ paths }));
    await waitJobs(core, r.files.map((f) => f.jobId));
    off();
    return { ms: performance.now() - t0, firstPageCountMs: firstPageCount - t0 };
  } finally {
    t.close();
    await host.close();
    await core.dispose();
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bm-bench-upload-'));
  try {
    let files = process.argv.slice(2);
    if (!files.length) {
      for (let i = 0; i < 8; i++) files.push(await writePdf(join(work, 'pdfs'), `manual-${i}.pdf`, await makeManualPdf({ ...sampleManualSpec(), title: `Manual ${i}` })));
    }
    files = files.filter((f) => f.toLowerCase().endsWith('.pdf'));
    console.log(`web-host upload vs CLI import: ${files.length} files; load average ${loadavg()[0].toFixed(1)}`);
    const cli: Array<{ ms: number; firstPageCountMs: number }> = [];
    const ui: Array<{ ms: number; firstPageCountMs: number }> = [];
    for (let r = 0; r < 2; r++) {
      // Alternate the order so drifting machine load hits both sides alike.
      if (r % 2 === 0) {
        cli.push(await cliImport(files, join(work, `cli-${r}`)));
        ui.push(await uiImport(files, join(work, `ui-${r}`)));
      } else {
        ui.push(await uiImport(files, join(work, `ui-${r}`)));
        cli.push(await cliImport(files, join(work, `cli-${r}`)));
      }
      console.log(`  round ${r + 1}: CLI ${(cli[r].ms / 1000).toFixed(2)} s (first page count after ${(cli[r].firstPageCountMs / 1000).toFixed(2)} s), UI ${(ui[r].ms / 1000).toFixed(2)} s (first page count after ${(ui[r].firstPageCountMs / 1000).toFixed(2)} s)`);
    }
    const c = cli.reduce((a, b) => a + b.ms, 0);
    const u = ui.reduce((a, b) => a + b.ms, 0);
    console.log(`UI speed / CLI speed: ${(c / u).toFixed(2)} (target >= 0.8); first page count in the UI after ${(Math.max(...ui.map((x) => x.firstPageCountMs)) / 1000).toFixed(2)} s at worst (target < 2 s; the CLI's: ${(Math.max(...cli.map((x) => x.firstPageCountMs)) / 1000).toFixed(2)} s)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
