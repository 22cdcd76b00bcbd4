/**
 * OCR benchmark: `npm run bench:ocr [-- --pages N] [--rounds R] [extra scanned PDFs…]`
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
const PAGES = pagesFlag >= 0 ? Number(args[pagesFlag + 1]) : 4;
const roundsFlag = args.indexOf('--rounds');
const ROUNDS = roundsFlag >= 0 ? Number(args[roundsFlag + 1]) : 2;
const extra = args.filter((a) => a.endsWith('.pdf'));
const DPI = settingsSchema.parse({}).library.ocrDpi; // the app's default OCR resolution
const langPath = resolveLangPath('eng');
const workers = Math.max(1, Math.min(2, availableParallelism()));

async function ocr(pool: OcrPool, docKey: string, data: Uint8Array, pages: number[], dpi: number): Promise<{ results: OcrPageResult[]; ms: number }> {
  const results: OcrPageResult[] = [];
  const t0 = performance.now();
  await pool.recognise({ docKey, data, pages, options: { lang: 'eng', langPath, dpi }, onPage: (r) => results.push(r) });
  return { results: results.sort((a, b) => a.page - b.page), ms: performance.now() - t0 };
}

/** The same pages as PGM files, rendered once by the app's renderer (the CLI's input). */
async function pageImages(pdf: Uint8Array, pages: number[], dpi: number, dir: string): Promise<string[]> {
  const doc = await openPdf(new Uint8Array(pdf));
  const files: string[] = [];
  for (const p of pages) {
    const f = join(dir, `page-${p}.pgm`);
    await writeFile(f, (await doc.render(p, dpi)).pgm);
    files.push(f);
  }
  await doc.close();
  return files;
}

function cliAvailable(): boolean {
  try {
    execFileSync('tesseract', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function cliRun(files: string[]): { ms: number; texts: string[] } {
  const texts: string[] = [];
  const t0 = performance.now();
  for (const f of files) texts.push(execFileSync('tesseract', [f, '-', '-l', 'eng'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { ms: performance.now() - t0, texts };
}

/**
 * Pool vs CLI in alternating rounds (CLI, pool, CLI, pool…): on a shared machine the load drifts,
 * and alternating gives both sides the same conditions; the ratio uses the totals of all rounds.
 */
async function speed(label: string, pdf: Uint8Array, pageCount: number, dpi: number, dir: string): Promise<void> {
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  const pool = new OcrPool(workers);
  const cold = await ocr(pool, `${label}-warmup`, pdf, pages.slice(0, workers), dpi);
  const cli = cliAvailable() ? await pageImages(pdf, pages, dpi, dir) : null;
  let poolMs = 0;
  let cliMs = 0;
  let conf: number[] = [];
  let cliTexts: string[] = [];
  const rounds: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = cli ? cliRun(cli) : null;
    const p = await ocr(pool, `${label}-${r}`, pdf, pages, dpi);
    poolMs += p.ms;
    conf = p.results.map((x) => x.confidence ?? 0);
    if (c) {
      cliMs += c.ms;
      cliTexts = c.texts;
      rounds.push((c.ms / p.ms).toFixed(2));
    }
  }
  await pool.dispose();
  const rate = (ms: number) => (pages.length * ROUNDS * 1000) / ms;
  console.log(`\n${label}: ${pages.length} pages at ${dpi} dpi, ${ROUNDS} rounds`);
  console.log(`  pool (${workers} workers, warm)  ${rate(poolMs).toFixed(3)} pages/s   cold start ${(cold.ms / 1000).toFixed(1)} s for ${workers} pages   mean confidence ${(conf.reduce((a, b) => a + b, 0) / conf.length).toFixed(1)}`);
  if (!cli) {
    console.log('  tesseract CLI not installed (apt install tesseract-ocr): no baseline');
    return;
  }
  console.log(`  tesseract CLI (sequential)    ${rate(cliMs).toFixed(3)} pages/s`);
  console.log(`  ratio pool / CLI              ${(cliMs / poolMs).toFixed(2)}x   (per round: ${rounds.join(', ')}; target >= 0.8)`);
  if (label === 'generated scan') {
    const a = wordAccuracy(SCAN_TEXT, cliTexts[0]);
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
