/**
 * Crash suite (issue 14): kill -9 a CLI `import` at three points and a CLI `ask` at two, then
 * restart over the same data folder and check that the library, search and sessions are
 * consistent and that the interrupted work can be done again.
 *
 * No timing: the CLI runs with BENCHMATE_TEST_HALT_AT=<point> (src/main/core/platform/haltPoints.ts),
 * prints a marker there and blocks; the test kills it only after seeing the marker. Each case
 * spawns one CLI process (tsx compiles the core: seconds, more on a loaded machine).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';
import { sqlEq } from '../../../src/main/core/index/sql';
import { unwrap } from '../../../src/shared/result';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { importAndWait } from '../library/helpers';

const cli = fileURLToPath(new URL('../../../src/main/cli/main.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
let dir: string;
let baselineDocId: string;

const openCore = (): Promise<Core> => createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'error', threads: 2 });

async function withCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore();
  try {
    return await fn(core);
  } finally {
    await core.dispose();
  }
}

/** Runs the CLI until it reports the halt point, then SIGKILLs it. Rejects when it never halts there. */
function runCliAndKillAt(point: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args, '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCHMATE_TEST_HALT_AT: point, BENCHMATE_DATA_DIR: '' }
  });
  return new Promise((resolve, reject) => {
    let err = '';
    let out = '';
    let halted = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!halted && err.includes(`BENCHMATE_HALTED ${point}`)) {
        halted = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (halted && signal === 'SIGKILL') resolve();
      else reject(new Error(`CLI ended without reaching ${point} (code ${code}, signal ${signal}):\n${out.slice(-1500)}\n${err.slice(-3000)}`));
    });
  });
}

/** What must hold after any crash: no document left 'importing', rows only for usable documents, search and sessions answer. */
async function expectConsistent(core: Core): Promise<void> {
  const docs = unwrap(await core.api.library.list());
  for (const d of docs) {
    expect(['ready', 'failed', 'needs_ocr'], `${d.fileName}: ${d.status} ${d.statusDetail}`).toContain(d.status);
    const pages = await core.index.pages().countRows(sqlEq('docId', d.id));
    const chunks = await core.index.chunks().countRows(sqlEq('docId', d.id));
    if (d.status === 'failed') expect({ pages, chunks }, `${d.fileName} failed but kept rows`).toEqual({ pages: 0, chunks: 0 });
    else {
      expect(pages, `${d.fileName} pages`).toBe(d.pageCount);
      expect(chunks, `${d.fileName} chunks (${d.status}: ${d.statusDetail})`).toBeGreaterThan(0);
    }
  }
  expect(docs.find((d) => d.id === baselineDocId)?.status).toBe('ready');
  const hits = unwrap(await core.api.search.query({ text: 'fault E-204', limit: 5 }));
  expect(hits.passages.some((p) => p.docId === baselineDocId)).toBe(true);
  expect(unwrap(await core.api.sessions.list()).total).toBeGreaterThanOrEqual(0);
  expect((await core.health()).components.find((c) => c.name === 'sessions')).toBeDefined();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-crash-suite-'));
  await withCore(async (core) => {
    const [r] = await importAndWait(core, [await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf(sampleManualSpec()))]);
    baselineDocId = r.outcome!.docId!;
  });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PARTS = ['valve', 'seal', 'bearing', 'gasket', 'motor', 'sensor', 'relay', 'fuse', 'belt', 'shaft', 'nozzle', 'hose', 'filter', 'clamp'];
/** A 3-page manual whose lines differ from page to page (identical lines on every page count as running headers). */
const manual = (name: string) =>
  makeManualPdf({
    title: `${name} pump manual`,
    pages: Array.from({ length: 3 }, (_, i) => ({
      text: [
        `${name} page ${i + 1}. Fault P-${310 + i}: replace the ${name} seal and check the inlet valve.`,
        ...Array.from({ length: 6 }, (_, j) => `Inspect the ${PARTS[(i * 5 + j) % PARTS.length]} next to the ${PARTS[(i * 3 + j * 2 + 1) % PARTS.length]} before you restart the ${name} unit.`)
      ].join('\n')
    }))
  });

describe('crash suite: kill -9 during a CLI import', () => {
  it.each([
    ['import:row-added', 'Alpha'],
    ['import:pages-written', 'Bravo'],
    ['import:doc-written', 'Charlie']
  ])('killed at %s: the next start is consistent and importing the file again completes', async (point, name) => {
    const file = await writePdf(join(dir, 'in'), `${name.toLowerCase()}.pdf`, await manual(name));
    await runCliAndKillAt(point, ['import', file]);

    await withCore(async (core) => {
      await expectConsistent(core);
      const doc = unwrap(await core.api.library.list()).find((d) => d.fileName === `${name.toLowerCase()}.pdf`);
      if (point === 'import:doc-written') expect(doc?.status).toBe('ready'); // every row was written before the kill
      else expect(doc === undefined || doc.status === 'failed', `${doc?.status} ${doc?.statusDetail}`).toBe(true);

      const [again] = await importAndWait(core, [file]);
      expect(again.job.status).toBe('succeeded');
      expect(['imported', 'duplicate']).toContain(again.outcome?.outcome);
      const after = unwrap(await core.api.library.list()).filter((d) => d.fileName === `${name.toLowerCase()}.pdf`);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ status: 'ready', pageCount: 3 });
      await expectConsistent(core);
      const hits = unwrap(await core.api.search.query({ text: `${name} seal inlet valve`, limit: 5 }));
      expect(hits.passages.some((p) => p.docId === after[0].id)).toBe(true);
    });
  }, 240_000);
});

describe('crash suite: kill -9 during a CLI ask', () => {
  it.each(['ask:question-stored', 'ask:streaming'])('killed at %s: the question is kept, the session lists and searches, a new answer completes', async (point) => {
    const question = `What does fault E-204 mean? (${point})`;
    const before = await withCore(async (core) => unwrap(await core.api.sessions.list()).total);
    await runCliAndKillAt(point, ['ask', question]);

    const sessionId = await withCore(async (core) => {
      await expectConsistent(core);
      const list = unwrap(await core.api.sessions.list());
      expect(list.total).toBe(before + 1);
      const detail = unwrap(await core.api.sessions.get({ id: list.items[0].id }));
      expect(detail.messages.map((m) => [m.role, m.text])).toEqual([['user', question]]); // no half answer stored
      expect(detail.damagedEntries ?? 0).toBe(0);
      const found = unwrap(await core.api.sessions.search({ text: point }));
      expect(found.map((h) => h.sessionId)).toContain(detail.id);

      // Asking again in the same session completes and is stored.
      const started = unwrap(await core.api.chat.send({ sessionId: detail.id, text: question }));
      await core.chat.waitIdle(started.sessionId);
      return detail.id;
    });
    await withCore(async (core) => {
      const detail = unwrap(await core.api.sessions.get({ id: sessionId }));
      expect(detail.messages.map((m) => m.role)).toEqual(['user', 'user', 'assistant']);
      expect(detail.messages[2].text.length).toBeGreaterThan(0);
    });
  }, 240_000);
});
