/**
 * A compressed-stream bomb check, run before pdf.js opens a file: a few KB of Flate data can
 * expand to gigabytes, and pdf.js decodes a content stream whole, into one ArrayBuffer (outside
 * the worker's heap ceiling), then builds arrays from it until V8 aborts the whole process
 * ("Fatal JavaScript invalid size error"). pdf.js offers no limit, so we inflate each suspicious
 * stream ourselves, counting output in 16 KB pieces and stopping past the limit: memory stays
 * flat whatever the stream expands to.
 *
 * Cheap for honest files: Flate cannot expand more than ~1032:1, so a stream whose compressed
 * length could not reach the limit is never inflated; image streams are skipped (the parse
 * worker never decodes images, see imageProbe.ts).
 */
import { createInflate } from 'node:zlib';

/** Deflate's maximum expansion ratio (RFC 1951: a 258-byte match costs at least 2 bits). */
const MAX_FLATE_RATIO = 1032;
/** How far before `stream` we look for the stream's dictionary. */
const DICT_WINDOW = 2048;

/** The first stream found that expands past `limit` bytes (its size once past it), or null. */
export async function findStreamBomb(data: Uint8Array, limit: number): Promise<{ expandsTo: number; offset: number } | null> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const minCompressed = Math.floor(limit / MAX_FLATE_RATIO);
  let at = 0;
  while ((at = buf.indexOf('stream', at, 'latin1')) >= 0) {
    const keyword = at;
    at += 6;
    if (keyword >= 3 && buf.toString('latin1', keyword - 3, keyword) === 'end') continue;
    // The keyword is followed by CRLF or LF, then the data.
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && start === at) continue;
    if (buf[start] === 0x0a) start++;
    const endAt = buf.indexOf('endstream', start, 'latin1');
    const end = endAt >= 0 ? endAt : buf.length; // a truncated file: check what is there
    at = end;
    if (end - start <= minCompressed) continue;
    const dict = streamDict(buf, keyword);
    if (!/\/(FlateDecode|Fl)\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    const expandsTo = await inflatedSize(buf.subarray(start, end), limit);
    if (expandsTo > limit) return { expandsTo, offset: keyword };
  }
  return null;
}

/** The text between the object header and `stream` (bounded: a dictionary is short). */
function streamDict(buf: Buffer, keyword: number): string {
  const text = buf.toString('latin1', Math.max(0, keyword - DICT_WINDOW), keyword);
  const obj = text.lastIndexOf(' obj');
  return obj >= 0 ? text.slice(obj) : text;
}

/** Bytes the zlib stream expands to, counting only until just past `limit`; damaged data counts what came out. */
function inflatedSize(compressed: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    let total = 0;
    const z = createInflate();
    const done = () => resolve(total);
    z.on('data', (piece: Buffer) => {
      total += piece.length;
      if (total > limit) {
        z.removeAllListeners('data');
        z.destroy();
        done();
      }
    });
    z.on('end', done);
    z.on('error', done);
    z.on('close', done);
    z.end(compressed);
  });
}
