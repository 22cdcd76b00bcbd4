/**
 * Decoding the streams a page count needs (cross-reference and object streams): FlateDecode with
 * PNG predictors only, bounded so a deflate bomb stops at MAX_DECODED_BYTES.
 */
import { constants, inflateSync } from 'node:zlib';
import { dictOf, nameOf, numberOf, PdfName, type PdfDict } from './pdfLexer';

/** One decoded stream (an xref stream of a million objects is 7 MB): a deflate bomb stops here. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/** FlateDecode (with the PNG predictors cross-reference streams use) or no filter; others are refused. */
export function decodeStream(dict: PdfDict, raw: Uint8Array): Uint8Array {
  const f = dict.get('Filter');
  const filters = f instanceof PdfName ? [f.name] : Array.isArray(f) ? f.map(nameOf) : [];
  if (filters.length > 1 || (filters.length === 1 && filters[0] !== 'FlateDecode')) throw new Error('unsupported filter');
  // A truncated stream still gives what it has (Z_SYNC_FLUSH) instead of failing whole.
  let data: Uint8Array = filters.length ? inflateSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED_BYTES }) : raw;
  const p = dict.get('DecodeParms');
  const parms = dictOf(Array.isArray(p) ? p[0] : p);
  const predictor = numberOf(parms?.get('Predictor')) ?? 1;
  if (predictor >= 10) data = unPng(data, numberOf(parms?.get('Columns')) ?? 1, (numberOf(parms?.get('Colors')) ?? 1) * (numberOf(parms?.get('BitsPerComponent')) ?? 8));
  else if (predictor !== 1) throw new Error('unsupported predictor');
  return data;
}

/** Undoes PNG row filters (None, Sub, Up, Average, Paeth); each row starts with its filter byte. */
function unPng(data: Uint8Array, columns: number, bitsPerPixel: number): Uint8Array {
  const bpp = Math.max(1, Math.ceil(bitsPerPixel / 8));
  const rowLen = Math.ceil((columns * bitsPerPixel) / 8);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const left = i >= bpp ? out[dst + i - bpp] : 0;
      const up = r > 0 ? out[dst - rowLen + i] : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp] : 0;
      let pred = 0;
      if (type === 1) pred = left;
      else if (type === 2) pred = up;
      else if (type === 3) pred = (left + up) >> 1;
      else if (type === 4) {
        const pa = Math.abs(up - upLeft);
        const pb = Math.abs(left - upLeft);
        const pc = Math.abs(left + up - 2 * upLeft);
        pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (type !== 0) throw new Error('bad PNG row filter');
      out[dst + i] = (data[src + i] + pred) & 0xff;
    }
  }
  return out;
}
