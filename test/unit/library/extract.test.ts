import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfExtractError, type PdfMeta, type PdfPage } from '../../../src/main/core/library/pdf/extract';
import { PdfParser } from '../../../src/main/core/library/pdf/pdfParser';
import { encryptPdf, makeImageOnlyPdf, makeManualPdf, qpdfAvailable, truncatePdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { readFile } from 'node:fs/promises';

async function parse(parser: PdfParser, data: Uint8Array, password?: string) {
  let meta: PdfMeta | undefined;
  const pages: PdfPage[] = [];
  await parser.parse({ data, password, onMeta: (m) => (meta = m), onPage: (p) => pages.push(p) });
  return { meta: meta!, pages };
}

describe('PDF extraction in the worker', () => {
  let parser: PdfParser;
  let dir: string;
  const warnings: string[] = [];
  beforeAll(async () => {
    parser = new PdfParser((m) => warnings.push(m));
    dir = await mkdtemp(join(tmpdir(), 'bm-extract-'));
  });
  afterAll(async () => {
    await parser.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads title, page labels, outline pages and page text (in a worker thread, not in-process)', async () => {
    const { meta, pages } = await parse(parser, await makeManualPdf(sampleManualSpec()));
    expect(parser.inProcess).toBe(false);
    expect(warnings).toEqual([]);
    expect(meta.title).toBe('X200 Service Manual');
    expect(meta.pageCount).toBe(6);
    expect(meta.pageLabels).toEqual(['i', 'ii', '1', '2', '3', '4']);
    expect(meta.outline.map((o) => [o.title, o.page])).toEqual([['Contents', 2], ['1 Safety', 3], ['2 Troubleshooting', 4], ['3 Notes', 6]]);
    expect(meta.outline[2].children.map((o) => o.page)).toEqual([4, 5]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages[2].text).toContain('-10° to +45°');
    expect(pages[3].text).toContain('E-204  Heater overtemperature  Check the thermal fuse');
    expect(pages[4].text).toContain('gdb_get_char');
  });

  it('flags image-only pages', async () => {
    const { pages } = await parse(parser, await makeImageOnlyPdf(2));
    expect(pages.map((p) => [p.text, p.imageOnly])).toEqual([['', true], ['', true]]);
  });

  it('tells a scanned page from a blank one, without decoding the scan (worker) and by decoding it (in-process)', async () => {
    const bytes = await makeManualPdf({ pages: [{ text: 'Text page' }, {}, { image: true }] });
    const expected = [
      [1, false],
      [2, false],
      [3, true]
    ];
    const inWorker = await parse(parser, bytes);
    expect(inWorker.pages.map((p) => [p.page, p.imageOnly])).toEqual(expected);
    const fallback = new PdfParser(() => {}, null);
    const inProcess = await parse(fallback, bytes);
    expect(inProcess.pages.map((p) => [p.page, p.imageOnly])).toEqual(expected);
    await fallback.dispose();
  });

  it('reports a truncated file as damaged, and keeps working afterwards', async () => {
    const bytes = await makeManualPdf(sampleManualSpec());
    await expect(parse(parser, truncatePdf(bytes, 0.5))).rejects.toMatchObject({ kind: 'damaged' });
    const again = await parse(parser, bytes);
    expect(again.pages).toHaveLength(6);
  });

  it.skipIf(!qpdfAvailable())('asks for a password, rejects a wrong one, opens with the right one', async () => {
    const plain = await writePdf(dir, 'plain.pdf', await makeManualPdf(sampleManualSpec()));
    const enc = encryptPdf(plain, join(dir, 'enc.pdf'), 's3cret')!;
    const data = new Uint8Array(await readFile(enc));
    const e1 = await parse(parser, data).catch((e) => e);
    expect(e1).toBeInstanceOf(PdfExtractError);
    expect(e1.kind).toBe('needs_password');
    const e2 = await parse(parser, data, 'wrong').catch((e) => e);
    expect(e2.kind).toBe('bad_password');
    const ok = await parse(parser, data, 's3cret');
    expect(ok.pages[4].text).toContain('gdb_get_char');
  });

  it('stops on cancel (kills the worker) and recovers for the next document', async () => {
    const big = await makeManualPdf({ pages: Array.from({ length: 120 }, (_, i) => ({ text: `Page ${i} `.repeat(60) })) });
    const ac = new AbortController();
    let seen = 0;
    const p = parser.parse({ data: big, signal: ac.signal, onMeta: () => {}, onPage: () => { if (++seen === 3) ac.abort(); } });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(120);
    const { pages } = await parse(parser, await makeManualPdf(sampleManualSpec()));
    expect(pages).toHaveLength(6);
  });

  it('falls back to in-process parsing when no worker entry exists (and says so)', async () => {
    const notes: string[] = [];
    const fallback = new PdfParser((m) => notes.push(m), null);
    const { meta, pages } = await parse(fallback, await makeManualPdf(sampleManualSpec()));
    expect(fallback.inProcess).toBe(true);
    expect(notes).toEqual(['pdf worker entry not found; parsing in-process']);
    expect(meta.pageLabels?.[2]).toBe('1');
    expect(pages).toHaveLength(6);
    await fallback.dispose();
  });
});
