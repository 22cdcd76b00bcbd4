/**
 * A PDF's page count in milliseconds, without parsing it: startxref → the cross-reference
 * sections (tables or streams, following /Prev through incremental updates) → trailer /Root →
 * /Pages → /Count. The import queue shows "0 of 214 pages" the moment a file lands, while the
 * parse worker is still starting or busy with an earlier file.
 *
 * Only a hint: the parser's count replaces it once known. Anything unexpected (a damaged or
 * truncated file, an encrypted object stream, a filter other than Flate, a hostile size) gives
 * undefined, never an exception, and reads are bounded (MAX_READ_BYTES) so it stays cheap.
 */
import { open } from 'node:fs/promises';
import { decodeStream } from './xrefStreamDecode';
import { dictOf, nameOf, numberOf, OutOfData, PdfKeyword, PdfLexer, PdfRef, type PdfDict, type PdfValue } from './pdfLexer';

/** Random access to the file's bytes (a file handle in use; a buffer in tests). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** startxref must be in the last 1024 bytes; some writers leave junk after %%EOF. */
const TAIL_BYTES = 8192;
/** All reads of one count together: an xref table of 100,000 objects is 2 MB. */
const MAX_READ_BYTES = 32 * 1024 * 1024;
const FIRST_WINDOW = 4096;
const MAX_WINDOW = 8 * 1024 * 1024;
/** Cross-reference entries kept over all sections. */
const MAX_ENTRIES = 2_000_000;
/** Cross-reference sections followed (each incremental save adds one). */
const MAX_SECTIONS = 256;
/** A reference chain longer than this is a loop or a hostile file. */
const MAX_REF_DEPTH = 8;
const MAX_PAGES = 1_000_000;

type XrefEntry = { type: 'free' } | { type: 'offset'; offset: number } | { type: 'packed'; stream: number };

/** The page count of the PDF at `path`, or undefined when it can't be told cheaply. */
export async function countPdfPages(path: string): Promise<number | undefined> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, 'r');
    const handle = fh;
    const size = (await handle.stat()).size;
    return await pageCountOf({
      size,
      read: async (offset, length) => {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      }
    });
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => {});
  }
}

export async function pageCountOf(src: ByteSource): Promise<number | undefined> {
  try {
    return await new QuickPdfReader(src).pageCount();
  } catch {
    return undefined;
  }
}

class QuickPdfReader {
  /** Newest section first: an entry already here is never replaced by an older one. */
  private readonly entries = new Map<number, XrefEntry>();
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();
  private root?: PdfRef;
  private bytesRead = 0;

  constructor(private readonly src: ByteSource) {}

  async pageCount(): Promise<number | undefined> {
    await this.readSections(await this.startXref());
    if (!this.root) return undefined;
    const catalog = dictOf(await this.resolve(this.root));
    const pages = dictOf(await this.resolve(catalog?.get('Pages')));
    if (!pages || (nameOf(pages.get('Type')) ?? 'Pages') !== 'Pages') return undefined;
    const count = numberOf(await this.resolve(pages.get('Count')));
    return count !== undefined && Number.isInteger(count) && count >= 1 && count <= MAX_PAGES ? count : undefined;
  }

  private async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.src.size - offset));
    this.bytesRead += n;
    if (this.bytesRead > MAX_READ_BYTES) throw new Error('read budget exceeded');
    return this.src.read(offset, n);
  }

  private async startXref(): Promise<number> {
    const from = Math.max(0, this.src.size - TAIL_BYTES);
    const tail = Buffer.from(await this.read(from, this.src.size - from)).toString('latin1');
    const m = /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')));
    const offset = m ? Number(m[1]) : NaN;
    if (!(offset >= 0 && offset < this.src.size)) throw new Error('no startxref');
    return offset;
  }

  /** Runs `parse` on bytes from `offset`, reading a larger window while the value runs past it. */
  private async withWindow<T>(offset: number, parse: (lx: PdfLexer) => T): Promise<T> {
    for (let len = FIRST_WINDOW; ; len *= 4) {
      const buf = await this.read(offset, len);
      const toEnd = offset + buf.length >= this.src.size;
      try {
        return parse(new PdfLexer(buf, 0, toEnd));
      } catch (e) {
        if (!(e instanceof OutOfData) || toEnd || len >= MAX_WINDOW) throw e;
      }
    }
  }

  private async readSections(start: number): Promise<void> {
    const queue = [start];
    const seen = new Set<number>();
    while (queue.length) {
      const offset = queue.shift()!;
      if (seen.has(offset) || offset < 0 || offset >= this.src.size) continue;
      if (seen.add(offset).size > MAX_SECTIONS) throw new Error('too many xref sections');
      const section = await this.readSection(offset);
      for (const [num, entry] of section.entries) if (!this.entries.has(num)) this.entries.set(num, entry);
      if (this.entries.size > MAX_ENTRIES) throw new Error('too many objects');
      const t = section.trailer;
      if (!this.root && t.get('Root') instanceof PdfRef) this.root = t.get('Root') as PdfRef;
      // A hybrid file's /XRefStm ranks below its own table but above the older sections.
      const next = [numberOf(t.get('XRefStm')), numberOf(t.get('Prev'))].filter((n): n is number => n !== undefined);
      queue.unshift(...next);
    }
  }

  private async readSection(offset: number): Promise<{ entries: Array<[number, XrefEntry]>; trailer: PdfDict }> {
    const table = await this.withWindow(offset, (lx) => {
      const first = lx.read();
      if (!(first instanceof PdfKeyword && first.word === 'xref')) return undefined;
      return readXrefTable(lx);
    });
    if (table) return table;
    const { dict, data } = await this.readStream(offset);
    if (nameOf(dict.get('Type')) !== 'XRef') throw new Error('not a cross-reference section');
    return { entries: xrefStreamEntries(dict, data), trailer: dict };
  }

  /** The stream object at `offset`: its dictionary and decoded data. */
  private async readStream(offset: number, depth = 0): Promise<{ dict: PdfDict; data: Uint8Array }> {
    const head = await this.withWindow(offset, (lx) => {
      lx.readObjectHeader();
      const dict = dictOf(lx.read());
      const kw = lx.read();
      if (!dict || !(kw instanceof PdfKeyword) || kw.word !== 'stream') throw new Error('not a stream');
      if (lx.buf[lx.pos] === 0x0d) lx.pos++;
      if (lx.buf[lx.pos] === 0x0a) lx.pos++;
      return { dict, dataStart: offset + lx.pos };
    });
    const length = numberOf(await this.resolve(head.dict.get('Length'), depth + 1));
    if (length === undefined || length < 0 || head.dataStart + length > this.src.size) throw new Error('bad stream length');
    return { dict: head.dict, data: decodeStream(head.dict, await this.read(head.dataStart, length)) };
  }

  private async resolve(v: PdfValue | undefined, depth = 0): Promise<PdfValue | undefined> {
    for (let d = depth; v instanceof PdfRef; d++) {
      if (d > MAX_REF_DEPTH) throw new Error('reference chain too long');
      v = await this.object(v.num, d);
    }
    return v;
  }

  private async object(num: number, depth: number): Promise<PdfValue> {
    const e = this.entries.get(num);
    if (!e || e.type === 'free') return null;
    if (e.type === 'offset') {
      return this.withWindow(e.offset, (lx) => {
        if (lx.readObjectHeader().num !== num) throw new Error('object is not where the xref says');
        return lx.read();
      });
    }
    const stm = await this.objectStream(e.stream, depth);
    const at = stm.offsets.get(num);
    if (at === undefined) throw new Error('object missing from its object stream');
    return new PdfLexer(stm.data, at, true).read();
  }

  private async objectStream(num: number, depth: number): Promise<{ data: Uint8Array; offsets: Map<number, number> }> {
    const cached = this.objectStreams.get(num);
    if (cached) return cached;
    const e = this.entries.get(num);
    if (e?.type !== 'offset') throw new Error('object stream not found');
    const { dict, data } = await this.readStream(e.offset, depth);
    const n = numberOf(dict.get('N'));
    const first = numberOf(dict.get('First'));
    if (n === undefined || first === undefined || first > data.length) throw new Error('bad object stream');
    const lx = new PdfLexer(data.subarray(0, first), 0, true);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const objNum = lx.read();
      const rel = lx.read();
      if (typeof objNum !== 'number' || typeof rel !== 'number') throw new Error('bad object stream header');
      offsets.set(objNum, first + rel);
    }
    const stm = { data, offsets };
    this.objectStreams.set(num, stm);
    return stm;
  }
}

/** After "xref": subsections of "first count" lines, then "trailer <<…>>". */
function readXrefTable(lx: PdfLexer): { entries: Array<[number, XrefEntry]>; trailer: PdfDict } {
  const entries: Array<[number, XrefEntry]> = [];
  for (;;) {
    const first = lx.readUint();
    if (first === undefined) {
      const kw = lx.read();
      const trailer = kw instanceof PdfKeyword && kw.word === 'trailer' ? dictOf(lx.read()) : undefined;
      if (!trailer) throw new Error('no trailer after the xref table');
      return { entries, trailer };
    }
    const count = lx.readUint();
    if (count === undefined) throw new Error('bad xref subsection');
    for (let i = 0; i < count; i++) {
      const offset = lx.readUint();
      const gen = lx.readUint();
      const kind = lx.read();
      if (offset === undefined || gen === undefined || !(kind instanceof PdfKeyword)) throw new Error('bad xref entry');
      entries.push([first + i, kind.word === 'n' ? { type: 'offset', offset } : { type: 'free' }]);
    }
  }
}

/** Rows of /W-sized big-endian fields, numbered by /Index (default: 0 to /Size). */
function xrefStreamEntries(dict: PdfDict, data: Uint8Array): Array<[number, XrefEntry]> {
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number' && x >= 0 && x <= 8)) throw new Error('bad /W');
  const widths = w as number[];
  const rowLen = widths[0] + widths[1] + widths[2];
  const index = dict.get('Index') ?? [0, numberOf(dict.get('Size')) ?? 0];
  if (!Array.isArray(index) || rowLen === 0) throw new Error('bad /Index');
  const entries: Array<[number, XrefEntry]> = [];
  let pos = 0;
  for (let s = 0; s + 1 < index.length; s += 2) {
    const first = numberOf(index[s]);
    const count = numberOf(index[s + 1]);
    if (first === undefined || count === undefined) throw new Error('bad /Index');
    for (let i = 0; i < count && pos + rowLen <= data.length; i++, pos += rowLen) {
      const field = (k: number, from: number): number => {
        let v = 0;
        for (let b = 0; b < widths[k]; b++) v = v * 256 + data[from + b];
        return v;
      };
      const type = widths[0] === 0 ? 1 : field(0, pos);
      const f2 = field(1, pos + widths[0]);
      entries.push([first + i, type === 1 ? { type: 'offset', offset: f2 } : type === 2 ? { type: 'packed', stream: f2 } : { type: 'free' }]);
    }
  }
  return entries;
}
