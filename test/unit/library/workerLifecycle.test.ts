/**
 * The parse worker's lifecycle as it affects memory and the first page count (issues 14, 20):
 * it runs a plain JS bundle (no TypeScript loader, no inherited preloads), starts ahead of the
 * first parse when warmed, and is ended when idle; the next parse starts a fresh one.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfParser } from '../../../src/main/core/library/pdf/pdfParser';
import { findWorkerTarget, resolveWorkerTarget, workerExecArgv } from '../../../src/main/core/library/pdf/workerEntry';
import { makeManualPdf } from '../../fixtures/pdf/makePdf';

const parserModule = new URL('../../../src/main/core/library/pdf/pdfParser.ts', import.meta.url).href;
const manual = (title: string) => makeManualPdf({ title, pages: [{ text: `${title}\nCheck the filter.` }, { text: 'Replace the pump seal.' }] });

async function pageCount(parser: PdfParser, data: Uint8Array, memoryMb?: number): Promise<number> {
  let count = 0;
  await parser.parse({ data, limits: memoryMb ? { memoryMb } : undefined, onMeta: () => {}, onPage: () => count++ });
  return count;
}

describe('worker entry', () => {
  it('drops module preloads from the flags a worker inherits, keeps the rest', () => {
    const argv = ['--import', 'tsx', '--max-old-space-size=512', '--require=./a.cjs', '-r', 'b', '--loader', 'c', '--experimental-loader=d', '--enable-source-maps'];
    expect(workerExecArgv(argv)).toEqual(['--max-old-space-size=512', '--enable-source-maps']);
  });

  it('from TypeScript sources the parse worker is a plain JS bundle, not the tsx bootstrap', async () => {
    const found = findWorkerTarget(parserModule, 'pdfWorker');
    expect(typeof found).toBe('function'); // bundled when the first worker starts, not at start-up
    const target = await resolveWorkerTarget(found!);
    expect(target.eval).toBe(false);
    const file = fileURLToPath(target.url as URL);
    expect(file).toMatch(/node_modules[\\/]\.cache[\\/]benchmate-workers[\\/]pdfWorker-[0-9a-f]{16}\.mjs$/);
    const code = await readFile(file, 'utf8');
    expect(code).toContain('parentPort');
    expect(code).not.toContain('tsImport'); // no tsx loader inside
    expect(code).not.toMatch(/from ["']\.\.?\//); // our modules are inlined, only packages are imported
    // Bundled once per process: the same file for the next worker.
    expect(String((await resolveWorkerTarget(findWorkerTarget(parserModule, 'pdfWorker')!)).url)).toBe(String(target.url));
  });
});

describe('parse worker lifecycle', () => {
  let parser: PdfParser | undefined;
  afterEach(() => parser?.dispose());

  it('an idle worker is ended; the next parse starts a fresh one', async () => {
    parser = new PdfParser(() => {}, undefined, { releaseAfterMs: 0 });
    expect(await pageCount(parser, await manual('First'))).toBe(2);
    await vi.waitFor(() => expect(parser!.hasWorker).toBe(false), { timeout: 30_000, interval: 20 });
    expect(await pageCount(parser, await manual('Second'))).toBe(2);
    expect(parser.workersStarted).toBe(2);
  }, 60_000);

  it('a worker stays while parses follow one another', async () => {
    parser = new PdfParser(() => {}, undefined, { releaseAfterMs: 60_000 });
    const docs = await Promise.all(['A', 'B', 'C'].map(manual));
    expect(await Promise.all(docs.map((d) => pageCount(parser!, d)))).toEqual([2, 2, 2]);
    expect(parser.workersStarted).toBe(1);
  }, 60_000);

  it('warm starts the worker before the first parse, which then uses it', async () => {
    parser = new PdfParser(() => {}, undefined, { releaseAfterMs: 60_000 });
    parser.warm(512);
    expect(parser.hasWorker).toBe(true);
    expect(await pageCount(parser, await manual('Warm'), 512)).toBe(2);
    expect(parser.workersStarted).toBe(1);
  }, 60_000);

  it('a worker warmed under another heap ceiling is replaced, so the file gets its own limit', async () => {
    parser = new PdfParser(() => {}, undefined, { releaseAfterMs: 60_000 });
    parser.warm(256);
    expect(await pageCount(parser, await manual('Other ceiling'), 512)).toBe(2);
    expect(parser.workersStarted).toBe(2);
  }, 60_000);
});
