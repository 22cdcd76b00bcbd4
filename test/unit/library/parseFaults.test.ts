/**
 * A parse worker that crashed or hung is replaced before the next file (issue 21): the failing
 * file alone gets the failure. Before, the dead worker was handed the next good manual, which then
 * failed with "parser exited".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfPage } from '../../../src/main/core/library/pdf/extract';
import { ParsePool } from '../../../src/main/core/library/pdf/parsePool';
import { PdfParser } from '../../../src/main/core/library/pdf/pdfParser';
import { makeManualPdf } from '../../fixtures/pdf/makePdf';
import { CRASH_MARKER, faultyWorkerTarget, HANG_MARKER, OOM_MARKER, withMarker } from '../../fixtures/pdf/faultyWorker';

const manual = (title: string, pages = 3) =>
  makeManualPdf({ title, pages: Array.from({ length: pages }, (_, i) => ({ text: `${title} page ${i + 1}\nCheck the filter.` })) });

async function outcome(pool: ParsePool, data: Uint8Array): Promise<string> {
  const pages: PdfPage[] = [];
  try {
    await pool.parse({ data, onMeta: () => {}, onPage: (p) => pages.push(p) });
    return `ok ${pages.length}`;
  } catch (e) {
    return `failed: ${(e as Error).message}`;
  }
}

describe('parse workers that crash or hang', () => {
  let pool: ParsePool;
  let parsers: PdfParser[];
  beforeAll(() => {
    // A short idle timeout so the hang case ends quickly; a healthy page arrives far sooner.
    parsers = [0, 1].map(() => new PdfParser(() => {}, faultyWorkerTarget(), { idleTimeoutMs: 8000 }));
    pool = new ParsePool(parsers);
  });
  afterAll(() => pool.dispose());

  it('in a mixed batch every good manual parses and only the crashing files fail', async () => {
    const good = await Promise.all([1, 2, 3, 4].map((i) => manual(`Good${i}`)));
    const crash = withMarker(await manual('Crash'), CRASH_MARKER);
    // Each crashing file is followed by good ones, on both workers.
    const batch = [crash, crash, good[0], good[1], good[2], good[3]];
    const results = await Promise.all(batch.map((d) => outcome(pool, d)));
    expect(results.slice(2)).toEqual(['ok 3', 'ok 3', 'ok 3', 'ok 3']);
    const failed = results.slice(0, 2);
    for (const f of failed) expect(f).toMatch(/damaged file: parser crashed/);
  }, 120_000);

  it('a hung worker is terminated after the idle timeout and the next file parses on a fresh worker', async () => {
    const hang = withMarker(await manual('Hang'), HANG_MARKER);
    const [a, b] = await Promise.all([outcome(pool, hang), outcome(pool, await manual('AfterHang'))]);
    expect(a).toMatch(/parser timed out/);
    expect(b).toBe('ok 3');
    // Both workers are usable afterwards.
    expect(await Promise.all([outcome(pool, await manual('X')), outcome(pool, await manual('Y'))])).toEqual(['ok 3', 'ok 3']);
  }, 120_000);

  it('a worker over its memory ceiling fails that file as too large to read safely; the next file parses on a fresh worker', async () => {
    const limits = { memoryMb: 96 };
    const pages: PdfPage[] = [];
    const oom = pool.parse({ data: withMarker(await manual('Oom'), OOM_MARKER), limits, onMeta: () => {}, onPage: () => {} });
    await expect(oom).rejects.toMatchObject({ kind: 'over_limit', message: expect.stringMatching(/^too large to read safely: .*memory limit of 96 MB — change it in Settings/) });
    await pool.parse({ data: await manual('AfterOom'), limits, onMeta: () => {}, onPage: (p) => pages.push(p) });
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
  }, 120_000);

  it('a file over its time budget fails with the limit named, however long the idle timeout', async () => {
    // The hang never ends, so the budget always fires first: no race with the machine's speed.
    const hang = withMarker(await manual('SlowHang'), HANG_MARKER);
    const r = pool.parse({ data: hang, limits: { timeBudgetMs: 1000 }, onMeta: () => {}, onPage: () => {} });
    await expect(r).rejects.toMatchObject({ kind: 'over_limit', message: expect.stringMatching(/^took too long to read: more than 1 s, the limit per file — change it in Settings/) });
    expect(await outcome(pool, await manual('AfterSlow'))).toBe('ok 3');
  }, 120_000);
});
