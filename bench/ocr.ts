/**
 * OCR benchmark: `npm run bench:ocr [-- --pages N] [-- extra scanned PDFs…]`
 * 1. Word accuracy by DPI on a page we scan ourselves (a generated text PDF rendered at 300 dpi
 *    into an image-only PDF), recognised by the app's pool at 150/200/300 dpi: the share of the
 *    original words recovered (wordAccuracy.ts), and seconds per page. Target >= 95% at 300 dpi.
 * 2. Speed: pages/s of the app's OCR pool (2 worker threads, tesseract.js) against the Debian
 *    `tesseract` command-line tool on the same page images in the same run. The CLI gets the
 *    images already rendered (PGM files, rendering not counted); the pool renders each page from
 *    the PDF itself (counted). Both read pages at the app's default OCR resolution. The pool is measured warm (workers started, language data loaded,
 *    as in a running app) and its cold start is printed too. Target: pool / CLI >= 0.8.
 *    The CLI runs one page at a time, as `for f in *.png; do tesseract …; done` would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveLangPath } from '../src/main/core/library/ocr/langData';
import { OcrPool } from '../src/main/core/library/ocr/ocrPool';
import type { OcrPageResult } from '../src/main/core/library/ocr/ocrTypes';
import { openPdf } from '../src/main/core/library/ocr/renderPage';
import { wordAccuracy } from '../src/main/core/library/ocr/wordAccuracy';
import { settingsSchema } from '../src/shared/contract/settings';
import { makeManualPdf } from '../test/fixtures/pdf/makePdf';
import { scanPdf } from '../test/fixtures/pdf/scanPdf';
import { SCAN_TEXT, SCAN_TITLE } from '../test/fixtures/pdf/scanText';
import { sharedPath } from '../test/helpers/sharedDir';

const args = process.argv.slice(2);
const pagesFlag = args.indexOf('--pages');
const PAGES = pagesFlag >= 0 ? Number(args[pagesFlag + 1]) : 6;
const extra = args.filter((a, i) => a.endsWith('.pdf') && i !== pagesFlag + 1);
const DPI = settingsSchema.parse({}).library.ocrDpi; // the app's default OCR resolution
const langPath = resolveLangPath('eng');
const workers = Math.max(1, Math.min(2, availableParallelism()));

async function ocr(pool: OcrPool, docKey: string, data: Uint8Array, pages: number[], dpi: number): Promise<{ results: OcrPageResult[]; ms: number }> {
  const results: OcrPageResult[] = [];
  const t0 = performance.now();
  await pool.recognise({ docKey, data, pages, options: { lang: 'eng', langPath, dpi }, onPage: (r) => results.push(r) });
  return { results: results.sort((a, b) => a.page - b.page), ms: performance.now() - t0 };
}

async function cliPagesPerSecond(pdf: Uint8Array, pages: number[], dpi: number, dir: string): Promise<{ rate: number; texts: string[] } | null> {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const doc = await openPdf(new Uint8Array(pdf));
  const files: string[] = [];
  for (const p of pages) {
    const f = join(dir, `page-${p}.pgm`);
    await writeFile(f, (await doc.render(p, dpi)).pgm);
    files.push(f);
  }
  await doc.close();
  const texts: string[] = [];
  const t0 = performance.now();
  for (const f of files) texts.push(execFileSync('tesseract', [f, '-', '-l', 'eng'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { rate: (pages.length * 1000) / (performance.now() - t0), texts };
}

async function speed(label: string, pdf: Uint8Array, pageCount: number, dpi: number, dir: string): Promise<void> {
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  const pool = new OcrPool(workers);
  const cold = await ocr(pool, `${label}-warmup`, pdf, pages.slice(0, workers), dpi);
  const warm = await ocr(pool, label, pdf, pages, dpi);
  await pool.dispose();
  const poolRate = (pages.length * 1000) / warm.ms;
  const cli = await cliPagesPerSecond(pdf, pages, dpi, dir);
  const conf = warm.results.map((r) => r.confidence ?? 0);
  console.log(`\n${label}: ${pages.length} pages at ${dpi} dpi`);
  console.log(`  pool (${workers} workers, warm)  ${poolRate.toFixed(3)} pages/s   cold start ${(cold.ms / 1000).toFixed(1)} s for ${workers} pages   mean confidence ${(conf.reduce((a, b) => a + b, 0) / conf.length).toFixed(1)}`);
  if (!cli) {
    console.log('  tesseract CLI not installed (apt install tesseract-ocr): no baseline');
    return;
  }
  console.log(`  tesseract CLI (sequential)    ${cli.rate.toFixed(3)} pages/s`);
  console.log(`  ratio pool / CLI              ${(poolRate / cli.rate).toFixed(2)}x   (target >= 0.8)`);
  if (label === 'generated scan') {
    const a = wordAccuracy(SCAN_TEXT, cli.texts[0]);
    console.log(`  CLI word accuracy, page 1     ${(a.accuracy * 100).toFixed(1)}% (${a.found}/${a.total})`);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-ocr-'));
  try {
    const text = await makeManualPdf({ title: SCAN_TITLE, pages: Array.from({ length: PAGES }, () => ({ text: SCAN_TEXT })) });
    const scan = await scanPdf(text, { dpi: 300 }); // a clean 300-dpi scan
    console.log(`OCR bench: tesseract.js 7 (LSTM, eng best_int from @tesseract.js-data/eng), ${workers} workers; OMP_THREAD_LIMIT=${process.env.OMP_THREAD_LIMIT ?? '(unset)'}`);
    console.log('\nword accuracy by DPI (page 1 of the generated clean 300-dpi scan):');
    const pool = new OcrPool(1);
    await ocr(pool, 'warm', scan, [1], 150); // start the worker, load the language data
    for (const dpi of [150, 200, 300]) {
      const { results, ms } = await ocr(pool, `acc-${dpi}`, scan, [1], dpi);
      const a = wordAccuracy(SCAN_TEXT, results[0].text);
      console.log(`  ${String(dpi).padStart(3)} dpi  ${(a.accuracy * 100).toFixed(1).padStart(5)}% words (${a.found}/${a.total})  ${(ms / 1000).toFixed(2)} s/page  confidence ${results[0].confidence}`);
    }
    await pool.dispose();
    await speed('generated scan', scan, PAGES, DPI, dir);
    const shared = sharedPath('eval-dev', 'corpus', 'hard-scanned-gputils.pdf');
    for (const f of [...(existsSync(shared) ? [shared] : []), ...extra]) {
      const data = new Uint8Array(await readFile(f));
      const doc = await openPdf(new Uint8Array(data));
      const n = doc.numPages;
      await doc.close();
      await speed(f.split('/').pop()!, data, n, DPI, dir);
    }
    if (!existsSync(shared)) console.log(`\n(${shared} not found: shared scanned manual skipped)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  }
);
