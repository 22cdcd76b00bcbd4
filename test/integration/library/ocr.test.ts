/**
 * OCR of scanned pages through the real core, on a scan we make ourselves (a generated text PDF
 * rendered at 300 dpi into an image-only PDF, plus a blank scanned page), so it runs without
 * ../shared: import with OCR off leaves needs_ocr, "Run OCR" (library.ocr) makes it ready with
 * the recognised text indexed, the blank page reported as "no text found", a cited passage
 * mapped to word boxes that sit on the words of the original page; an image pdf.js can't decode
 * is a per-page warning, not a failed import.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { wordAccuracy } from '../../../src/main/core/library/ocr/wordAccuracy';
import type { ChatMessage } from '../../../src/shared/contract/sessions';
import { highlightBoxes, intersection, wordsInRange } from '../../../src/renderer/src/features/viewer/ocrBoxes';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { scanPdf, withUndecodableImagePage } from '../../fixtures/pdf/scanPdf';
import { SCAN_TEXT, SCAN_TITLE } from '../../fixtures/pdf/scanText';
import { textItemBoxes } from '../../helpers/ocrCheck';
import { tempCore } from '../../helpers/tempCore';
import { importAndWait } from './helpers';
import { unwrap } from '../../../src/shared/result';

describe('OCR of a generated scan (real core, real tesseract.js workers)', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let textPdf: Uint8Array;
  let docId: string;

  beforeAll(async () => {
    const t = await tempCore();
    core = t.core;
    cleanup = t.cleanup;
    textPdf = await makeManualPdf({ title: SCAN_TITLE, pages: [{ text: SCAN_TEXT }] });
    const path = await writePdf(join(t.dir, 'in'), 'hp40-scan.pdf', await scanPdf(textPdf, { dpi: 300, blankPages: 1 }));
    const r = unwrap(await core.api.library.import({ paths: [path], ocr: 'off' }));
    const job = await core.jobs.wait(r.files[0].jobId);
    expect(job.result).toMatchObject({ outcome: 'needs_ocr', pages: 2 });
    docId = (job.result as { docId: string }).docId;
  }, 300_000);
  afterAll(() => cleanup());

  it('Run OCR turns the needs_ocr scan into a ready document; the blank page is "no text found"', { timeout: 300_000 }, async () => {
    const phases: string[] = [];
    const off = core.events.on('jobs.progress', (s) => {
      if (s.kind === 'library.ocr' && s.phase === 'ocr') phases.push(`${s.done}/${s.total}`);
    });
    const { jobId } = unwrap(await core.api.library.ocr({ id: docId }));
    const job = await core.jobs.wait(jobId);
    off();
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ outcome: 'imported', pages: 2 });
    expect(phases[0]).toBe('0/2'); // per-page progress from the start
    const d = unwrap(await core.api.library.get({ id: docId }));
    expect(d.status).toBe('ready');
    expect(d.quality!.ocr).toMatchObject({ pages: [1, 2], noTextPages: [2], failedPages: [], pendingPages: [] });
    expect(d.quality!.ocr!.meanConfidence).toBeGreaterThan(80);
    expect(d.statusDetail).toMatch(/OCR: 2 pages, mean confidence [\d.]+%.*no text found on 2/);
  });

  it('recovers at least 95% of the words of the clean 300-dpi scan', async () => {
    const p = unwrap(await core.api.library.pageText({ docId, page: 1 }));
    const acc = wordAccuracy(SCAN_TEXT, p.text);
    console.info(`OCR word accuracy (generated 300-dpi scan): ${(acc.accuracy * 100).toFixed(1)}% (${acc.found}/${acc.total})`);
    expect(acc.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('answers from the scanned page and highlights boxes that lie on the original words', async () => {
    const done = new Promise<ChatMessage>((resolve) => core.events.on('chat.done', (e) => resolve(e.message)));
    unwrap(await core.api.chat.send({ text: 'What does fault E-417 mean?' }));
    const m = await done;
    const src = m.sources[0];
    expect(src).toMatchObject({ docId, page: 1 });
    const pw = unwrap(await core.api.library.pageWords({ docId, page: 1 }));
    expect(pw.ocr).toBe(true);
    const words = wordsInRange(pw.words, src.highlight.charStart, src.highlight.charEnd);
    expect(words.length).toBeGreaterThan(5);
    // Each highlighted word's box overlaps the line of the original PDF that holds that word.
    const lines = await textItemBoxes(textPdf, 1);
    const text = (unwrap(await core.api.library.pageText({ docId, page: 1 }))).text;
    let checked = 0;
    for (const w of words) {
      const word = text.slice(w.start, w.end).replace(/[^\p{L}\p{N}-]/gu, '');
      const holders = lines.filter((l) => l.text.split(/\s+/).some((x) => x.replace(/[^\p{L}\p{N}-]/gu, '') === word));
      if (word.length < 4 || !holders.length) continue;
      expect(holders.some((l) => intersection(l, w) > 0.5 * (w.x1 - w.x0) * (w.y1 - w.y0)), word).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    expect(highlightBoxes(pw.words, src.highlight.charStart, src.highlight.charEnd).length).toBeLessThan(words.length);
  });

  it('imports a document whose scanned image pdf.js cannot decode, with a warning for that page', { timeout: 120_000 }, async () => {
    const t = await tempCore();
    try {
      const path = await writePdf(join(t.dir, 'in'), 'broken-image.pdf', await withUndecodableImagePage(textPdf));
      const [r] = await importAndWait(t.core, [path]);
      expect(r.outcome).toMatchObject({ outcome: 'imported', pages: 2 });
      const d = unwrap(await t.core.api.library.get({ id: r.outcome!.docId! }));
      expect(d.status).toBe('ready');
      expect(d.quality!.ocr!.failedPages).toEqual([{ page: 2, error: expect.stringMatching(/image could not be decoded \(.*JpxError/) }]);
      expect(d.statusDetail).toMatch(/could not read 2 \(image could not be decoded/);
    } finally {
      await t.cleanup();
    }
  });

  it('serves no word boxes for pages that were not OCR\'d', async () => {
    const t = await tempCore();
    try {
      const dir = join(t.dir, 'in');
      const [r] = await importAndWait(t.core, [await writePdf(dir, 'text.pdf', textPdf)]);
      const pw = unwrap(await t.core.api.library.pageWords({ docId: r.outcome!.docId!, page: 1 }));
      expect(pw).toMatchObject({ ocr: false, words: [] });
    } finally {
      await t.cleanup();
    }
  });
});
