import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfMeta, PdfPage } from '../../../src/main/core/library/pdf/extract';
import { inPageOrder, MIN_SHARED_PAGES, ParsePool } from '../../../src/main/core/library/pdf/parsePool';
import { PdfParser, type ParseRequest } from '../../../src/main/core/library/pdf/pdfParser';
import { makeManualPdf, truncatePdf } from '../../fixtures/pdf/makePdf';

/** A real worker parser that also records which documents it read and how many pages of each. */
class RecordingParser extends PdfParser {
  readonly runs: Array<{ doc: string; role: string; pages: number }> = [];
  override parse(req: ParseRequest): Promise<void> {
    const run = { doc: docName(req.data), role: req.share?.role ?? 'alone', pages: 0 };
    this.runs.push(run);
    return super.parse({
      ...req,
      onPage: (p) => {
        run.pages++;
        req.onPage(p);
      }
    });
  }
}

/** The pool hands every participant the caller's own bytes, so they identify the document. */
const names = new Map<Uint8Array, string>();
const docName = (data: Uint8Array) => names.get(data) ?? '?';

async function manual(title: string, pages: number): Promise<Uint8Array> {
  const bytes = await makeManualPdf({ title, pages: Array.from({ length: pages }, (_, i) => ({ text: `${title} page ${i + 1}\n${'Torque the M8 bolts to 25 Nm. '.repeat(40)}` })) });
  names.set(bytes, title);
  return bytes;
}

async function parse(pool: ParsePool, data: Uint8Array, signal?: AbortSignal) {
  let meta: PdfMeta | undefined;
  const pages: PdfPage[] = [];
  await pool.parse({ data, signal, onMeta: (m) => (meta = m), onPage: (p) => pages.push(p) });
  return { meta: meta!, pages };
}

describe('inPageOrder', () => {
  it('hands pages on in page order whatever order they arrive in', () => {
    const seen: number[] = [];
    const onPage = inPageOrder((p) => seen.push(p.page));
    for (const n of [2, 1, 4, 5, 3, 7, 6]) onPage({ page: n, text: '', imageOnly: false });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ParsePool (two real worker threads)', () => {
  let a: RecordingParser;
  let b: RecordingParser;
  let pool: ParsePool;
  let long: Uint8Array;
  beforeAll(async () => {
    a = new RecordingParser();
    b = new RecordingParser();
    pool = new ParsePool([a, b]);
    long = await manual('Long', 60);
    // Start both workers first: a cold worker takes a second or more to load pdf.js.
    await Promise.all([parse(pool, await manual('Warm1', 1)), parse(pool, await manual('Warm2', 1))]);
  });
  afterAll(async () => {
    await pool.dispose();
  });
  const clear = () => {
    a.runs.length = 0;
    b.runs.length = 0;
  };

  it('splits a lone long document between both workers and still delivers every page once, in order', async () => {
    clear();
    const { meta, pages } = await parse(pool, long);
    expect(meta.pageCount).toBe(60);
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const p of pages) expect(p.text.startsWith(`Long page ${p.page}\n`)).toBe(true);
    const runs = [...a.runs, ...b.runs];
    expect(runs.map((r) => r.role).sort()).toEqual(['helper', 'primary']);
    expect(runs.every((r) => r.pages > 0)).toBe(true);
    expect(runs.reduce((n, r) => n + r.pages, 0)).toBe(60);
  });

  it('gives a short document to one worker only', async () => {
    clear();
    const { pages } = await parse(pool, await manual('Short', MIN_SHARED_PAGES - 1));
    expect(pages).toHaveLength(MIN_SHARED_PAGES - 1);
    expect([...a.runs, ...b.runs]).toEqual([{ doc: 'Short', role: 'primary', pages: MIN_SHARED_PAGES - 1 }]);
  });

  it('runs two waiting documents side by side, one per worker, before any worker helps', async () => {
    const docs = [await manual('One', 20), await manual('Two', 20)];
    clear();
    const [one, two] = await Promise.all(docs.map((d) => parse(pool, d)));
    expect(one.pages.map((p) => p.text.split(' ')[0])).toEqual(Array(20).fill('One'));
    expect(two.pages.map((p) => p.text.split(' ')[0])).toEqual(Array(20).fill('Two'));
    const primaries = [...a.runs, ...b.runs].filter((r) => r.role === 'primary');
    expect(primaries.map((r) => r.doc).sort()).toEqual(['One', 'Two']);
    expect(a.runs[0].role).toBe('primary');
    expect(b.runs[0].role).toBe('primary');
  });

  it('a damaged document fails alone; the next one parses', async () => {
    const bad = parse(pool, truncatePdf(long, 0.3));
    const good = parse(pool, await manual('After', 3));
    await expect(bad).rejects.toMatchObject({ kind: 'damaged' });
    expect((await good).pages).toHaveLength(3);
  });

  it('cancelling stops every worker on the document, a queued document never starts, and the pool recovers', async () => {
    const [secondDoc, thirdDoc] = [await manual('Second', 30), await manual('Third', 30)];
    clear();
    const running = new AbortController();
    const queued = new AbortController();
    let seen = 0;
    const settled = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => e);
    const first = settled(pool.parse({ data: long, signal: running.signal, onMeta: () => {}, onPage: () => void (++seen === 5 && running.abort()) }));
    const second = parse(pool, secondDoc);
    const third = settled(parse(pool, thirdDoc, queued.signal)); // waits: both workers are busy
    queued.abort();
    expect(await first).toMatchObject({ name: 'AbortError' });
    expect(await third).toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(60);
    expect((await second).pages).toHaveLength(30);
    expect([...a.runs, ...b.runs].some((r) => r.doc === 'Third')).toBe(false);
    expect((await parse(pool, long)).pages).toHaveLength(60);
  });
});
