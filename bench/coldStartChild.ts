/**
 * Child of bench/memory.ts (a fresh process, as the CLI runs): opens a core on an empty data
 * folder, imports one PDF and prints, as JSON, how long after the job started the first page
 * count was known (the parse phase's total) and the job ended. The worker start-up (bundling the
 * worker under tsx, loading pdf.js) falls inside that window; opening the core does not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { unwrap } from '../src/shared/result';

async function main(file: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bm-bench-cold-'));
  const core = await createCore({ paths: pathsFor(dir), host: 'cli', version: 'bench', logLevel: 'error', threads: 2, restoreModels: false });
  try {
    let firstCountMs: number | null = null;
    let pages: number | null = null;
    const t0 = performance.now();
    core.events.on('jobs.progress', (s) => {
      // The first snapshot with a total: the page count, whichever step learnt it first.
      if (firstCountMs === null && s.kind === 'library.import' && s.total !== null) {
        firstCountMs = performance.now() - t0;
        pages = s.total;
      }
    });
    const { files } = unwrap(await core.api.library.import({ paths: [file] }));
    const snap = await core.jobs.wait(files[0].jobId);
    const doneMs = performance.now() - t0;
    process.stdout.write(`${JSON.stringify({ firstCountMs, pages, doneMs, status: snap.status })}\n`);
  } finally {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
