/**
 * Just enough of the PDF object syntax (ISO 32000 §7.2–7.3) to read cross-reference sections,
 * trailers and a few dictionaries without pdf.js: the quick page count (pageCount.ts) runs on the
 * main thread the moment a file lands, long before a parse worker has started.
 *
 * Values: numbers, booleans, null, names, strings (content not decoded), arrays, dictionaries,
 * indirect references and bare keywords (obj, stream, xref, n, f...). Reading past the end of the
 * buffer throws OutOfData, so a caller can read a larger window and try again.
 */

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number
  ) {}
}
export class PdfKeyword {
  constructor(readonly word: string) {}
}
/** A string's content is never needed here; only that it was one. */
export class PdfString {}
export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfKeyword | PdfString | PdfValue[] | PdfDict;

/** The buffer ended inside a value: read more bytes and retry. */
export class OutOfData extends Error {}

/** Deeper nesting than any real trailer or page-tree node: a hostile file, not a manual. */
const MAX_DEPTH = 64;

const isWhite = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number): boolean => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number): boolean => !isWhite(c) && !isDelim(c);

export class PdfLexer {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    /** The buffer holds all the data (a decoded stream), not a window of a longer file. */
    private readonly complete = false
  ) {}

  private at(i = this.pos): number {
    if (i >= this.buf.length) throw new OutOfData('end of data');
    return this.buf[i];
  }

  /** Skips whitespace and comments; false at the end of the buffer. */
  skipSpace(): boolean {
    while (this.pos < this.buf.length) {
      const c = this.buf[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.buf.length && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d) this.pos++;
      } else return true;
    }
    return false;
  }

  /** The next value; `N G R` is read as one reference. */
  read(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new Error('objects nested too deeply');
    if (!this.skipSpace()) throw new OutOfData('end of data');
    const c = this.at();
    if (c === 0x3c && this.at(this.pos + 1) === 0x3c) return this.readDict(depth);
    if (c === 0x3c) return this.readHexString();
    if (c === 0x5b) return this.readArray(depth);
    if (c === 0x28) return this.readString();
    if (c === 0x2f) return new PdfName(this.readRegular(1));
    const word = this.readRegular(0);
    if (!word) throw new Error(`unexpected byte 0x${c.toString(16)} at ${this.pos}`);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      if (word === 'true' || word === 'false') return word === 'true';
      return word === 'null' ? null : new PdfKeyword(word);
    }
    const n = Number(word);
    if (!/^\d+$/.test(word)) return n;
    // An integer may start "N G R": look ahead, and step back when it does not.
    const mark = this.pos;
    const gen = this.tryInteger();
    if (gen !== undefined && this.skipSpace() && this.at() === 0x52 && (this.pos + 1 >= this.buf.length || !isRegular(this.buf[this.pos + 1]))) {
      if (this.pos + 1 >= this.buf.length && !this.complete) throw new OutOfData('end of data');
      this.pos++;
      return new PdfRef(n, gen);
    }
    this.pos = mark;
    return n;
  }

  /**
   * A plain unsigned integer, read without allocating (xref tables hold one per object, three
   * numbers a line); undefined, with the position unchanged, when the next token is not one.
   */
  readUint(): number | undefined {
    if (!this.skipSpace()) throw new OutOfData('end of data');
    let i = this.pos;
    let v = 0;
    while (i < this.buf.length && this.buf[i] >= 0x30 && this.buf[i] <= 0x39) v = v * 10 + this.buf[i++] - 0x30;
    if (i >= this.buf.length && !this.complete) throw new OutOfData('end of data');
    if (i === this.pos || (i < this.buf.length && isRegular(this.buf[i]))) return undefined;
    this.pos = i;
    return v;
  }

  /** Reads `N G obj` and returns N, or throws when the bytes here are not an object header. */
  readObjectHeader(): { num: number; gen: number } {
    const num = this.read();
    const gen = this.read();
    const kw = this.read();
    if (typeof num !== 'number' || typeof gen !== 'number' || !(kw instanceof PdfKeyword) || kw.word !== 'obj') throw new Error('no object header here');
    return { num, gen };
  }

  private tryInteger(): number | undefined {
    if (!this.skipSpace()) {
      if (this.complete) return undefined;
      throw new OutOfData('end of data');
    }
    const word = this.readRegular(0);
    return /^\d+$/.test(word) ? Number(word) : undefined;
  }

  private readRegular(skip: number): string {
    this.pos += skip;
    const start = this.pos;
    while (this.pos < this.buf.length && isRegular(this.buf[this.pos])) this.pos++;
    // A token that runs to the end of the buffer may continue in the bytes not read yet.
    if (this.pos >= this.buf.length && !this.complete) throw new OutOfData('end of data');
    return Buffer.from(this.buf.subarray(start, this.pos)).toString('latin1');
  }

  private readDict(depth: number): PdfDict {
    this.pos += 2;
    const dict: PdfDict = new Map();
    for (;;) {
      if (!this.skipSpace()) throw new OutOfData('end of data');
      if (this.at() === 0x3e && this.at(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return dict;
      }
      const key = this.read(depth + 1);
      if (!(key instanceof PdfName)) throw new Error('dictionary key is not a name');
      dict.set(key.name, this.read(depth + 1));
    }
  }

  private readArray(depth: number): PdfValue[] {
    this.pos++;
    const out: PdfValue[] = [];
    for (;;) {
      if (!this.skipSpace()) throw new OutOfData('end of data');
      if (this.at() === 0x5d) {
        this.pos++;
        return out;
      }
      out.push(this.read(depth + 1));
    }
  }

  private readHexString(): PdfString {
    this.pos++;
    while (this.at() !== 0x3e) this.pos++;
    this.pos++;
    return new PdfString();
  }

  /** Literal string: balanced parentheses, a backslash escapes the next byte. */
  private readString(): PdfString {
    this.pos++;
    let open = 1;
    while (open > 0) {
      const c = this.at();
      if (c === 0x5c) this.pos++;
      else if (c === 0x28) open++;
      else if (c === 0x29) open--;
      this.pos++;
    }
    return new PdfString();
  }
}

/** Dictionary lookups that say what they expected instead of casting. */
export const dictOf = (v: PdfValue | undefined): PdfDict | undefined => (v instanceof Map ? v : undefined);
export const numberOf = (v: PdfValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
export const nameOf = (v: PdfValue | undefined): string | undefined => (v instanceof PdfName ? v.name : undefined);
