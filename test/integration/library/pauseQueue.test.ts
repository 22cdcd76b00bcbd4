import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { tempCore } from '../../helpers/tempCore';
import { unwrap } from '../../../src/shared/result';

/** The import queue can be held: what waits stays queued and can be cancelled before it starts. */
describe('pausing the import queue (real core)', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const t = await tempCore();
    core = t.core;
    cleanup = t.cleanup;
    dir = t.dir;
  });
  afterAll(() => cleanup());

  it('holds new imports, cancels a held one without reading it, and runs the rest on resume', async () => {
    const a = await writePdf(join(dir, 'in'), 'held-a.pdf', await makeManualPdf({ title: 'Held A', pages: [{ text: 'Valve V1 torque 20 Nm.' }] }));
    const b = await writePdf(join(dir, 'in'), 'held-b.pdf', await makeManualPdf({ title: 'Held B', pages: [{ text: 'Pump P2 pressure 3 bar.' }] }));
    expect(unwrap(await core.api.library.pauseImports({ paused: true }))).toEqual({ paused: true });
    expect(unwrap(await core.api.library.importsPaused())).toEqual({ paused: true });
    const r = unwrap(await core.api.library.import({ paths: [a, b] }));
    const [ja, jb] = r.files.map((f) => f.jobId);
    // Let every pending callback run: a held job never leaves the queue on its own.
    for (let i = 0; i < 20; i++) await new Promise((res) => setImmediate(res));
    // (A job is "running" from the runner's view as soon as it waits for a slot; its phase says where.)
    expect(core.jobs.get(ja)).toMatchObject({ phase: 'queued', done: 0 });
    expect(core.jobs.get(jb)).toMatchObject({ phase: 'queued', done: 0 });

    unwrap(await core.api.jobs.cancel({ jobId: jb }));
    expect((await core.jobs.wait(jb)).status).toBe('cancelled');

    expect(unwrap(await core.api.library.pauseImports({ paused: false }))).toEqual({ paused: false });
    expect((await core.jobs.wait(ja)).status).toBe('succeeded');
    const docs = unwrap(await core.api.library.list());
    expect(docs.map((d) => d.fileName)).toEqual(['held-a.pdf']);
  });

  it('shows each held file\'s page count before any parse worker has seen it; the parser\'s count agrees', async () => {
    const sizes = [3, 5, 8];
    const paths = [];
    for (const n of sizes) {
      const pages = Array.from({ length: n }, (_, i) => ({ text: `Compressor C${n} page ${i + 1}: check the belt tension.` }));
      paths.push(await writePdf(join(dir, 'counted'), `counted-${n}.pdf`, await makeManualPdf({ title: `Counted ${n}`, pages })));
    }
    unwrap(await core.api.library.pauseImports({ paused: true }));
    const totals = new Map<string, number>();
    let allCounted!: () => void;
    const counted = new Promise<void>((res) => (allCounted = res));
    const off = core.events.on('jobs.progress', (s) => {
      if (s.total && s.phase === 'queued') totals.set(s.jobId, s.total);
      if (totals.size === sizes.length) allCounted();
    });
    const r = unwrap(await core.api.library.import({ paths }));
    // The gate: held, so no file is read or parsed; the counts can only come from the quick read.
    await counted;
    off();
    expect(r.files.map((f) => totals.get(f.jobId))).toEqual(sizes);
    expect(r.files.map((f) => core.jobs.get(f.jobId))).toMatchObject(sizes.map((total) => ({ phase: 'queued', done: 0, total })));

    unwrap(await core.api.library.pauseImports({ paused: false }));
    const finals = await Promise.all(r.files.map((f) => core.jobs.wait(f.jobId)));
    expect(finals.map((j) => [j.status, j.total])).toEqual(sizes.map((n) => ['succeeded', n]));
  });
});
