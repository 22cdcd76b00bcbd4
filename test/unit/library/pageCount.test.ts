import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages, pageCountOf, type ByteSource } from '../../../src/main/core/library/pdf/pageCount';
import { makeManualPdf, NOT_A_PDF, truncatePdf, writePdf } from '../../fixtures/pdf/makePdf';
import { appendPages, rawPdf } from '../../fixtures/pdf/rawPdf';

/** A source over a buffer that also counts what was read (the reader must not read whole files). */
function source(bytes: Uint8Array): ByteSource & { readBytes: number } {
  const s = {
    size: bytes.length,
    readBytes: 0,
    read: async (offset: number, length: number) => {
      s.readBytes += length;
      return bytes.subarray(offset, offset + length);
    }
  };
  return s;
}

const count = (bytes: Uint8Array | string) => pageCountOf(source(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));

/** A file whose only object is the catalog given (object 1). */
function oneObjectPdf(catalog: string): string {
  const head = '%PDF-1.7\n';
  const obj = `1 0 obj\n${catalog}\nendobj\n`;
  return `${head}${obj}xref\n0 2\n0000000000 65535 f \n${String(head.length).padStart(10, '0')} 00000 n \ntrailer\n<< /Root 1 0 R /Size 2 >>\nstartxref\n${head.length + obj.length}\n%%EOF\n`;
}

async function manual(pages: number, useObjectStreams: boolean): Promise<Uint8Array> {
  const bytes = await makeManualPdf({ title: 'Pump', pages: Array.from({ length: pages }, (_, i) => ({ text: `Page ${i + 1} text.` })) });
  // makeManualPdf saves with pdf-lib's defaults; re-save to choose the cross-reference form.
  return (await PDFDocument.load(bytes)).save({ useObjectStreams });
}

describe('quick PDF page count (xref → /Root → /Pages /Count)', () => {
  it('reads a classic xref table', async () => {
    expect(await count(rawPdf(7, { xref: 'table' }).bytes)).toBe(7);
    expect(await count(await manual(5, false))).toBe(5);
  });

  it('reads an xref stream with a PNG predictor and objects packed in an object stream', async () => {
    expect(await count(rawPdf(12, { xref: 'stream' }).bytes)).toBe(12);
    expect(await count(await manual(4, true))).toBe(4);
  });

  it('follows incremental updates: the newest page tree wins (table and stream sections, twice)', async () => {
    const base = rawPdf(3, { xref: 'table' });
    const once = appendPages(base, 2);
    expect(await count(once.bytes)).toBe(5);
    expect(await count(appendPages(once, 4, 'stream').bytes)).toBe(9);
    expect(await count(appendPages(rawPdf(2, { xref: 'stream' }), 1, 'stream').bytes)).toBe(3);
  });

  it('reads only the file skeleton, not the whole file', async () => {
    const big = await makeManualPdf({ title: 'Big', pages: Array.from({ length: 60 }, (_, i) => ({ text: `Section ${i}. `.repeat(200) })) });
    const src = source(big);
    expect(await pageCountOf(src)).toBe(60);
    expect(src.readBytes).toBeLessThan(big.length / 2);
  });

  it('a damaged or hostile file gives no count, never an exception', async () => {
    const good = rawPdf(3, { xref: 'table' }).bytes;
    const text = good.toString('latin1');
    const cases: Record<string, Uint8Array | string> = {
      empty: '',
      'not a PDF': NOT_A_PDF,
      truncated: truncatePdf(await manual(6, true), 0.7),
      'startxref past the end': text.replace(/startxref\n\d+/, 'startxref\n99999999'),
      'startxref into the middle of an object': text.replace(/startxref\n\d+/, 'startxref\n20'),
      'xref offsets that point nowhere': text.replace(/(\d{10}) 00000 n/g, '0000000030 00000 n'),
      'a negative /Count': rawPdf(3, { xref: 'table', count: -3 }).bytes,
      'a /Count that is not a number': text.replace('/Count 3', '/Count (three)'),
      'deeply nested arrays': oneObjectPdf(`<< /Type /Catalog /Pages ${'['.repeat(50_000)} >>`),
      'a catalog without /Pages': oneObjectPdf('<< /Type /Catalog >>'),
      'corrupt xref stream data': rawPdf(4, { xref: 'stream' }).bytes.toString('latin1').replace(/stream\n[\s\S]{8}/g, (m) => m.slice(0, 7) + 'XXXXXXXX')
    };
    for (const [name, bytes] of Object.entries(cases)) {
      await expect(count(bytes), name).resolves.toBeUndefined();
    }
  });

  it('a deflate bomb in the xref stream is refused, not inflated (the same file with a small stream is read)', async () => {
    const withPadding = (pad: number) => {
      const head = '%PDF-1.7\n2 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n';
      const pages = '3 0 obj\n<< /Type /Pages /Kids [] /Count 3 >>\nendobj\n';
      const xrefAt = head.length + pages.length;
      const rows = Buffer.alloc(4 * 7 + pad);
      [[0, 0], [1, xrefAt], [1, 9], [1, head.length]].forEach(([t, off], r) => {
        rows.writeUInt8(t, r * 7);
        rows.writeUInt32BE(off, r * 7 + 1);
      });
      const data = deflateSync(rows);
      const xref = Buffer.concat([Buffer.from(`1 0 obj\n<< /Type /XRef /W [1 4 2] /Index [0 4] /Size 4 /Root 2 0 R /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n')]);
      return Buffer.concat([Buffer.from(head + pages, 'latin1'), xref, Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`)]);
    };
    expect(await count(withPadding(0))).toBe(3);
    // 40 MB of zeros after the rows: a few KB on disk.
    expect(await count(withPadding(40 * 1024 * 1024))).toBeUndefined();
  });

  it('a /Prev chain that loops ends (the count is still read)', async () => {
    const base = rawPdf(3, { xref: 'table' });
    const looped = base.bytes.toString('latin1').replace('/Root 1 0 R', `/Root 1 0 R /Prev ${base.startxref}`);
    expect(await count(looped)).toBe(3);
  });

  it('countPdfPages reads a file from disk; a missing file gives undefined', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bm-pagecount-'));
    try {
      const path = await writePdf(dir, 'x.pdf', rawPdf(9, { xref: 'stream' }).bytes);
      expect(await countPdfPages(path)).toBe(9);
      expect(await countPdfPages(join(dir, 'missing.pdf'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Real manuals from many writers (LaTeX, Word, Ghostscript, qpdf...): the quick count agrees with
// pdf-lib's full read wherever both answer, and a truncated file gives none.
const CORPUS = join(__dirname, '../../../../shared/eval-dev/corpus');
describe.skipIf(!existsSync(CORPUS))('quick page count on the shared manuals', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = (await readdir(CORPUS)).filter((f) => f.endsWith('.pdf'));
  });

  it('matches pdf-lib on every manual it counts', async () => {
    let counted = 0;
    for (const f of files) {
      const quick = await countPdfPages(join(CORPUS, f));
      const full = await PDFDocument.load(await readFile(join(CORPUS, f)), { ignoreEncryption: true, throwOnInvalidObject: false })
        .then((d) => d.getPageCount())
        .catch(() => undefined);
      if (quick !== undefined) {
        counted++;
        expect(quick, f).toBe(full);
      }
      if (f.includes('truncated')) expect(quick, f).toBeUndefined();
    }
    expect(counted).toBeGreaterThanOrEqual(files.length - 1);
  });
});
if (!existsSync(CORPUS)) console.log(`quick page count on the shared manuals: skipped, ${CORPUS} is not here`);
