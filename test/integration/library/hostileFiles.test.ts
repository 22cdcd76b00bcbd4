/**
 * Hostile files (issue 14): every case generated at test time (test/fixtures/hostile), imported
 * in ONE mixed batch with good manuals through the real core, each ending in its own clear status
 * while the good files import. The limits are set low so the bomb and size cases take the same
 * paths a 300 MB bomb would, in seconds. No timing: every case ends by its content alone.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { sqlEq } from '../../../src/main/core/index/sql';
import type { ChunkRow } from '../../../src/main/core/index/schema';
import { unwrap } from '../../../src/shared/result';
import { INJECTION_TEXT, LONG_WORD, NON_LATIN_TEXT, TRUNCATED_PAGES, UNICODE_NAME, writeHostileSet, type HostileSet } from '../../fixtures/hostile/hostileFiles';
import { qpdfAvailable } from '../../fixtures/pdf/makePdf';
import { tempCore } from '../../helpers/tempCore';
import { importAndWait } from './helpers';

const LIMITS = { maxFileBytes: 2 * 1024 * 1024, maxStreamBytes: 1024 * 1024 };

describe('hostile files: one mixed batch, a clear status each, good files still import', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let set: HostileSet;
  let results: Awaited<ReturnType<typeof importAndWait>>;
  const chunkText = async (docId: string) =>
    ((await core.index.chunks().query().where(sqlEq('docId', docId)).toArray()) as unknown as ChunkRow[]).map((c) => c.text).join('\n');

  beforeAll(async () => {
    const t = await tempCore();
    core = t.core;
    cleanup = t.cleanup;
    unwrap(await core.api.settings.update({ library: { ...LIMITS, ocrAuto: false } }));
    set = await writeHostileSet(join(t.dir, 'hostile'), LIMITS);
    for (const s of set.skipped) console.log(`hostile case skipped: ${s.name}: ${s.reason}`);
    // Good files first and last: a failure must not stop the queue behind it.
    results = await importAndWait(core, [set.good[0], ...set.cases.map((c) => c.path), set.good[1]]);
  }, 120_000);
  afterAll(() => cleanup());

  const resultFor = (path: string) => {
    const r = results.filter((x) => x.path === path || x.path.startsWith(path + '/'));
    expect(r.length, `no import result for ${path}`).toBeGreaterThan(0);
    return r;
  };

  it('every case ends in its expected status', () => {
    const table: string[] = [];
    for (const c of set.cases) {
      for (const r of resultFor(c.path)) {
        const got = r.job.error ? `${r.job.error.code}: ${r.job.error.message}` : `${r.outcome?.outcome}: ${r.outcome?.message}`;
        table.push(`${c.name.padEnd(24)} ${got}`);
        if ('outcome' in c.expect) {
          expect(r.job.error, `${c.name}: ${got}`).toBeUndefined();
          expect(r.outcome?.outcome, c.name).toBe('imported');
          if (c.expect.detail) expect(r.outcome?.message, c.name).toMatch(c.expect.detail);
        } else {
          expect(r.job.error?.code, `${c.name}: ${got}`).toBe(c.expect.error);
          expect(r.job.error?.message, c.name).toMatch(c.expect.message);
        }
      }
    }
    console.log(`hostile cases:\n${table.join('\n')}`);
  });

  it('the good files in the batch import whole', () => {
    for (const g of set.good) expect(resultFor(g)[0].outcome).toMatchObject({ outcome: 'imported', pages: expect.any(Number) });
  });

  it('a truncated file keeps its readable pages and says which in the quality report', async () => {
    const docs = unwrap(await core.api.library.list());
    const trunc50 = docs.find((d) => d.fileName === 'trunc-50.pdf');
    if (!qpdfAvailable()) {
      console.log('truncated-at-50% recovery needs qpdf (not installed): pdf.js alone cannot read it');
      return;
    }
    expect(trunc50?.status).toBe('ready');
    const q = trunc50!.quality!;
    expect(q.partlyReadable).toMatchObject({ of: TRUNCATED_PAGES, repairedWith: expect.stringContaining('qpdf') });
    expect(q.partlyReadable!.readablePages[0]).toBe(1);
    expect(q.partlyReadable!.readablePages.length).toBeLessThan(TRUNCATED_PAGES);
    expect(trunc50!.statusDetail).toMatch(`partly readable: pages 1–${q.partlyReadable!.readablePages.at(-1)} of ${TRUNCATED_PAGES}`);
    const trunc99 = docs.find((d) => d.fileName === 'trunc-99.pdf')!;
    expect(trunc99.statusDetail).toMatch(/repaired/);
    expect(trunc99.pageCount).toBe(TRUNCATED_PAGES);
  });

  it('text content is kept as text: injection, a 5,000-character word, non-Latin script, a Unicode name', async () => {
    const docs = unwrap(await core.api.library.list());
    const byName = (n: string) => docs.find((d) => d.fileName === n)!;
    expect(await chunkText(byName('injection.pdf').id)).toContain('IGNORE ALL PREVIOUS INSTRUCTIONS');
    expect(INJECTION_TEXT).toContain('IGNORE ALL PREVIOUS INSTRUCTIONS');
    expect(await chunkText(byName('long-word.pdf').id)).toContain('after the long word');
    expect(LONG_WORD.length).toBe(5000);
    expect(await chunkText(byName('non-latin.pdf').id)).toContain(NON_LATIN_TEXT.split(' ')[0]); // Руководство
    expect(byName(UNICODE_NAME).status).toBe('ready');
  });

  it('a deep outline imports with a warning in the quality report', async () => {
    const d = unwrap(await core.api.library.list()).find((x) => x.fileName === 'deep-outline.pdf')!;
    expect(d.quality!.warnings![0]).toMatch(/outline nested deeper than 32 levels/);
    const detail = unwrap(await core.api.library.get({ id: d.id }));
    let depth = 0;
    for (let n = detail.outline[0]; n; n = n.children[0]) depth++;
    expect(depth).toBe(32);
  });

  it('a symlink loop in a folder is not followed: its one real file imports once', () => {
    const loop = set.cases.find((c) => c.name === 'directory symlink loop')!;
    expect(resultFor(loop.path).map((r) => basename(r.path))).toEqual(['inside-loop.pdf']);
  });

  it('files over a limit leave nothing behind; the library holds exactly the files that imported', async () => {
    const docs = unwrap(await core.api.library.list());
    const names = docs.map((d) => d.fileName);
    for (const n of ['bomb.pdf', 'oversized.pdf', 'zero.pdf', 'text-renamed.pdf', 'image-renamed.pdf']) expect(names).not.toContain(n);
    expect((await readdir(core.config.paths.library)).filter((f) => f.endsWith('.pdf')).length).toBe(docs.length);
  });
});
