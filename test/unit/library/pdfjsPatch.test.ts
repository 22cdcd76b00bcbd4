import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beginText,
  concatTransformationMatrix,
  endText,
  moveText,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSpacing,
  setCharacterSqueeze,
  setFontAndSize,
  setTextRise,
  setWordSpacing,
  showText,
  StandardFonts,
  degrees
} from 'pdf-lib';
import type { PdfPage } from '../../../src/main/core/library/pdf/extract';
import { PdfParser } from '../../../src/main/core/library/pdf/pdfParser';
import { applySourcePatches, PDFJS_WORKER_MODULE, PDFJS_WORKER_PATCHES } from '../../../src/main/core/library/pdf/pdfjsPatch';
import { makeManualPdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';

/**
 * The parse worker runs pdf.js with a speed patch (pdfjsPatch.ts). These tests pin that the patch
 * still applies to the installed pdf.js, is really used by the worker, and changes nothing in the
 * output: the worker's page texts must equal stock pdf.js' (the in-process fallback parser).
 */

/** Text under transforms that feed the patched code: rotation, cm scaling, Tz, Ts, Tc, Tw, sizes. */
async function transformedTextPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  page.drawText('Rotated label E-204 at thirty degrees', { x: 80, y: 600, size: 11, font, rotate: degrees(30) });
  page.drawText('Upside down caption gdb_get_char', { x: 500, y: 300, size: 9, font, rotate: degrees(180) });
  const name = page.node.newFontDictionary('F0', font.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(1.3, 0, 0, 0.8, 20, 15),
    beginText(),
    setFontAndSize(name, 10),
    moveText(50, 200),
    setCharacterSqueeze(80),
    showText(font.encodeText('Condensed row: pump P-17 pressure 2.5 bar')),
    moveText(0, -14),
    setTextRise(3),
    showText(font.encodeText('Raised note')),
    setTextRise(0),
    setCharacterSpacing(1.5),
    setWordSpacing(4),
    showText(font.encodeText(' spaced words follow the note')),
    moveText(0, -30),
    setCharacterSpacing(0),
    setWordSpacing(0),
    setCharacterSqueeze(100),
    setFontAndSize(name, 18),
    showText(font.encodeText('Large heading')),
    endText(),
    popGraphicsState()
  );
  return pdf.save();
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
}

/**
 * pdf.js' raw text items (strings and their transform matrices) in a fresh worker thread, with
 * stock pdf.js or with `workerSource` as its worker module. Compares what the patch computes
 * directly, not only the joined text built from it.
 */
function rawItems(data: Uint8Array, workerSource: string | null): Promise<RawItem[][]> {
  const req = createRequire(import.meta.url);
  const pdfjs = pathToFileURL(req.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      if (workerData.src) globalThis.pdfjsWorker = await import('data:text/javascript;base64,' + Buffer.from(workerData.src).toString('base64'));
      const pdfjs = await import(workerData.pdfjs);
      const doc = await pdfjs.getDocument({ data: workerData.data, verbosity: 0, isEvalSupported: false }).promise;
      const pages = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const tc = await (await doc.getPage(i)).getTextContent();
        pages.push(tc.items.map((it) => ({ str: it.str, transform: it.transform, width: it.width })));
      }
      parentPort.postMessage(pages);
    })().catch((e) => parentPort.postMessage({ error: String(e) }));`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { data: data.slice(), pdfjs, src: workerSource } });
    w.once('message', (m) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

async function pageTexts(parser: PdfParser, data: Uint8Array): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  await parser.parse({ data: data.slice(), onMeta: () => {}, onPage: (p) => pages.push(p) });
  return pages.sort((a, b) => a.page - b.page);
}

describe('pdf.js speed patch', () => {
  it('applies to the installed pdf.js: every anchor exactly once', async () => {
    const file = createRequire(import.meta.url).resolve(PDFJS_WORKER_MODULE);
    const result = applySourcePatches(await readFile(file, 'utf8'), PDFJS_WORKER_PATCHES);
    expect(result.ok ? 'ok' : result.reason).toBe('ok');
  });

  it('leaves every text item and its transform bit-for-bit as stock pdf.js computes them', async () => {
    const file = createRequire(import.meta.url).resolve(PDFJS_WORKER_MODULE);
    const result = applySourcePatches(await readFile(file, 'utf8'), PDFJS_WORKER_PATCHES);
    if (!result.ok) throw new Error(result.reason);
    for (const data of [await transformedTextPdf(), await makeManualPdf(sampleManualSpec())]) {
      const [stock, patched] = await Promise.all([rawItems(data, null), rawItems(data, result.source)]);
      expect(stock.flat().length).toBeGreaterThan(5);
      expect(patched).toEqual(stock);
    }
  });

  it('applies all patches or none', () => {
    const patches = [
      { name: 'a', from: 'alpha', to: 'ALPHA' },
      { name: 'b', from: 'beta', to: 'BETA' }
    ];
    expect(applySourcePatches('alpha beta', patches)).toEqual({ ok: true, source: 'ALPHA BETA' });
    expect(applySourcePatches('alpha gamma', patches)).toEqual({ ok: false, reason: 'patch "b": anchor not found' });
    expect(applySourcePatches('alpha beta beta', patches)).toEqual({ ok: false, reason: 'patch "b": anchor found more than once' });
  });
});

describe('patched worker vs stock pdf.js', () => {
  let patched: PdfParser;
  let stock: PdfParser;
  const warnings: string[] = [];
  beforeAll(() => {
    patched = new PdfParser((m) => warnings.push(m));
    stock = new PdfParser(() => {}, null); // no worker target: stock pdf.js in this process
  });
  afterAll(async () => {
    await patched.dispose();
    await stock.dispose();
  });

  it('the worker runs the patched pdf.js', async () => {
    await pageTexts(patched, await makeManualPdf(sampleManualSpec()));
    expect(patched.inProcess).toBe(false);
    expect(patched.pdfjs).toEqual({ patched: true });
    expect(warnings).toEqual([]);
    expect(stock.inProcess).toBe(true);
  });

  it('gives the same page texts for generated manuals and transformed text', async () => {
    for (const data of [await makeManualPdf(sampleManualSpec()), await transformedTextPdf()]) {
      const [a, b] = [await pageTexts(patched, data), await pageTexts(stock, data)];
      expect(a.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    }
    const t = await pageTexts(patched, await transformedTextPdf());
    expect(t[0].text).toContain('Raised note');
    expect(t[0].text).toContain('E-204');
  });

  const corpus = join(__dirname, '../../../../shared/eval-dev/corpus');
  const manuals = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.startsWith('hard-')) : [];
  if (manuals.length === 0) console.log(`[pdfjsPatch.test] real-manual comparison skipped: no PDFs in ${corpus}`);
  it.skipIf(manuals.length === 0)('gives the same page texts for the real manuals in ../shared/eval-dev', async () => {
    for (const f of manuals) {
      const data = new Uint8Array(await readFile(join(corpus, f)));
      const [a, b] = [await pageTexts(patched, data), await pageTexts(stock, data)];
      expect(a.length, f).toBeGreaterThan(0);
      expect(a, f).toEqual(b);
    }
  }, 120_000);
});
