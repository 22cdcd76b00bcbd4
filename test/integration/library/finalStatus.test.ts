/**
 * An import always ends in a final status (issue 21): whatever goes wrong after the 'importing'
 * row is written, the job ends with the row failed (with the reason) — never 'importing' after
 * the job is over — and a row left 'importing' by a dead run is re-imported, not called a duplicate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanceStore } from '../../../src/main/core/index/lanceStore';
import { runImport, type PipelineDeps } from '../../../src/main/core/library/importPipeline';
import { LibraryRepo } from '../../../src/main/core/library/libraryRepo';
import { extractPdf } from '../../../src/main/core/library/pdf/extract';
import type { ParseRequest } from '../../../src/main/core/library/pdf/pdfParser';
import { docIdFor, sha256 } from '../../../src/main/core/library/files';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';

let dir: string;
let store: LanceStore;
let repo: LibraryRepo;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bm-final-'));
  store = await LanceStore.open(join(dir, 'index'));
  repo = new LibraryRepo(store);
});
afterEach(async () => {
  await store.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** In-process parsing (extract.ts): the same page stream the workers produce. */
const parseInProcess = (req: ParseRequest) =>
  extractPdf(req.data, { maxPages: req.maxPages, onMeta: req.onMeta, onPage: req.onPage, isCancelled: () => !!req.signal?.aborted });

function deps(parse: PipelineDeps['parse'], ownsImports = true): PipelineDeps {
  return {
    repo,
    inFlight: new Set(),
    parse,
    libraryDir: join(dir, 'library'),
    limits: () => ({ maxFileBytes: 1e8, maxPages: 5000, parseMemoryMb: 1024, parseTimeLimitSec: 600, maxStreamBytes: 256 * 1024 * 1024 }),
    changed: () => {},
    ownsImports: () => ownsImports
  };
}
const ctx = () => ({ jobId: 'j', signal: new AbortController().signal, progress: () => {} });

async function fixture(title: string) {
  const bytes = await makeManualPdf({ title, pages: [{ text: `${title}\nReplace the filter.` }, { text: 'Torque 25 Nm.' }] });
  return { path: await writePdf(join(dir, 'in'), `${title}.pdf`, bytes), id: docIdFor(sha256(bytes)) };
}

describe('import final status', () => {
  it('a parser that ends without metadata leaves the document failed with the reason, not importing', async () => {
    const f = await fixture('NoMeta');
    await expect(runImport(deps(async () => {}), { path: f.path }, ctx())).rejects.toThrow(/no metadata/);
    const row = await repo.getDoc(f.id);
    expect(row?.status).toBe('failed');
    expect(row?.statusDetail).toMatch(/no metadata/);
  });

  it('a failure while writing the index leaves the document failed, not importing', async () => {
    const f = await fixture('WriteFails');
    const d = deps(parseInProcess);
    d.repo = Object.assign(Object.create(repo) as LibraryRepo, {
      replaceContent: () => Promise.reject(new Error('disk full'))
    });
    await expect(runImport(d, { path: f.path }, ctx())).rejects.toThrow(/disk full/);
    expect((await repo.getDoc(f.id))?.status).toBe('failed');
  });

  it('a row left importing by a dead run is re-imported by the owner of the data folder, not called a duplicate', async () => {
    const f = await fixture('Stale');
    // A run that hung in the parser and was killed: its row stays 'importing'.
    const hung = runImport(deps(() => new Promise<void>(() => {})), { path: f.path }, ctx());
    void hung.catch(() => {});
    for (let i = 0; i < 100 && !(await repo.getDoc(f.id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await repo.getDoc(f.id))?.status).toBe('importing');
    // Another process's import may still be running: a secondary keeps calling it a duplicate.
    expect((await runImport(deps(parseInProcess, false), { path: f.path }, ctx())).outcome).toBe('duplicate');
    const out = await runImport(deps(parseInProcess), { path: f.path }, ctx());
    expect(out.outcome).toBe('imported');
    expect((await repo.getDoc(f.id))?.status).toBe('ready');
  });
});
