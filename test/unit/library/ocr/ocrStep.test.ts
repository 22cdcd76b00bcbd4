import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abortError } from '../../../../src/main/core/platform/errors';
import type { JobContext, JobProgress } from '../../../../src/main/core/platform/jobRunner';
import type { PdfPage } from '../../../../src/main/core/library/pdf/extract';
import type { OcrRequest } from '../../../../src/main/core/library/ocr/ocrPool';
import { OcrStore } from '../../../../src/main/core/library/ocr/ocrStore';
import { applyOcr, pagesNeedingOcr, runOcr, type OcrStepDeps } from '../../../../src/main/core/library/ocr/ocrStep';
import type { OcrPageResult } from '../../../../src/main/core/library/ocr/ocrTypes';

const page = (n: number, text: string, imageOnly = false): PdfPage => ({ page: n, text, imageOnly });
const result = (n: number, text: string, confidence: number | null = 90): OcrPageResult => ({ page: n, text, words: [], confidence, width: 10, height: 10, dpi: 300 });

describe('pagesNeedingOcr', () => {
  const pages = [page(1, 'Plain text of a normal page with enough letters to count.'), page(2, '', true), page(3, ''), page(4, '\uE000\uE001\uE002'.repeat(20)), { ...page(5, ''), error: 'bad' }];
  it('auto: scans and garbage text layers, not blank pages without images', () => expect(pagesNeedingOcr(pages, 'auto')).toEqual([2, 4]));
  it('force: every readable page; off: none', () => {
    expect(pagesNeedingOcr(pages, 'force')).toEqual([1, 2, 3, 4]);
    expect(pagesNeedingOcr(pages, 'off')).toEqual([]);
  });
});

describe('applyOcr', () => {
  it('puts recognised text in place and sorts pages into found / blank / failed / pending / low confidence', () => {
    const pages = [page(1, '', true), page(2, '', true), page(3, '', true), page(4, '', true)];
    const results = new Map([
      [1, result(1, 'Fault E-1', 50)],
      [2, result(2, '', null)],
      [3, { ...result(3, ''), error: 'page could not be rendered' }]
    ]);
    const s = applyOcr(pages, [1, 2, 3, 4], results);
    expect(pages[0].text).toBe('Fault E-1');
    expect(s).toEqual({
      pages: [1, 2],
      meanConfidence: 50,
      lowConfidencePages: [1],
      noTextPages: [2],
      failedPages: [{ page: 3, error: 'page could not be rendered' }],
      pendingPages: [4]
    });
  });
});

describe('runOcr: cancel and resume', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocr-step-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const ctxFor = (controller: AbortController, progress: JobProgress[]): JobContext => ({ jobId: 'j', signal: controller.signal, progress: (p) => progress.push(p) });

  it('keeps the pages recognised before a cancel and recognises only the rest next time', async () => {
    const store = new OcrStore(dir);
    const asked: number[][] = [];
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    // A recogniser that finishes page 1, then holds until the job is cancelled (a gate, not a timer).
    const gated: OcrStepDeps = {
      store,
      options: () => ({ lang: 'eng', langPath: '/none', dpi: 300 }),
      recognise: (req: OcrRequest) => {
        asked.push([...req.pages]);
        req.onPage(result(req.pages[0], `text of page ${req.pages[0]}`));
        const cancelled = new Promise<never>((_, reject) => req.signal!.addEventListener('abort', () => reject(abortError())));
        holding();
        return cancelled;
      }
    };
    const pages = () => [page(1, '', true), page(2, '', true), page(3, '', true)];
    const first = new AbortController();
    const progress: JobProgress[] = [];
    const run1 = runOcr(gated, { id: 'doc', bytes: new Uint8Array() }, pages(), [1, 2, 3], ctxFor(first, progress));
    await held;
    first.abort();
    const r1 = await run1;
    expect(r1.cancelled).toBe(true);
    expect(r1.summary).toMatchObject({ pages: [1], pendingPages: [2, 3] });
    expect(progress.map((p) => p.done)).toEqual([0, 1]);
    expect(progress[1].message).toMatch(/OCR: 1 of 3 pages, about \d+ s left/);

    const finishing: OcrStepDeps = {
      ...gated,
      recognise: async (req) => {
        asked.push([...req.pages]);
        for (const n of req.pages) req.onPage(result(n, `text of page ${n}`));
      }
    };
    const again = pages();
    const r2 = await runOcr(finishing, { id: 'doc', bytes: new Uint8Array() }, again, [1, 2, 3], ctxFor(new AbortController(), []));
    expect(asked).toEqual([[1, 2, 3], [2, 3]]);
    expect(r2).toMatchObject({ cancelled: false, summary: { pages: [1, 2, 3], pendingPages: [] } });
    expect(again.map((p) => p.text)).toEqual(['text of page 1', 'text of page 2', 'text of page 3']);
  });

  it('recognises again when the language or DPI changed', async () => {
    const store = new OcrStore(dir);
    await store.save('doc', result(1, 'old'), 'deu');
    expect(await store.load('doc', 1, { lang: 'eng', dpi: 300 })).toBeUndefined();
    expect(await store.load('doc', 1, { lang: 'deu', dpi: 300 })).toMatchObject({ text: 'old' });
    expect(await store.load('doc', 1, { lang: 'deu', dpi: 200 })).toBeUndefined();
  });
});
