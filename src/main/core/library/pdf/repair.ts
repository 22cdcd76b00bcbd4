/**
 * Recovery for damaged PDFs (a broken download, a file cut short): pdf.js gives up on a file
 * whose trailer is gone ("Invalid PDF structure") even when nearly every page is intact.
 *
 * 1. A missing trailer is rebuilt from the catalog object, which sits near the start of most
 *    files: with a trailer naming /Root, readers can re-index the objects themselves.
 * 2. Then, when `qpdf` is installed (it is in Debian, CI installs it), `qpdf` rewrites the file,
 *    reconstructing the cross-reference table and dropping references to objects that are gone;
 *    without it, pdf.js' own reconstruction reads the file with the rebuilt trailer.
 * The page count the file claims (/Count of its page tree) is kept, so the quality report can
 * say "partly readable: pages 1–214 of 215" after a repair dropped the lost pages.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RepairedPdf {
  bytes: Uint8Array;
  /** How: 'qpdf', 'rebuilt trailer' or 'rebuilt trailer + qpdf'. */
  method: string;
  /** Pages the damaged file's page tree claims, when it could be read. */
  claimedPages: number | null;
}

const QPDF_TIMEOUT_MS = 120_000;

/** Tries to make a damaged PDF readable; null when nothing could be done. */
export async function repairPdf(bytes: Uint8Array, qpdfPath: string | null): Promise<RepairedPdf | null> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const catalog = findCatalog(text);
  const claimedPages = catalog ? claimedPageCount(text, catalog.body) : null;
  const needsTrailer = catalog !== null && !/trailer\s*<</.test(text) && !/\/Type\s*\/XRef\b/.test(text);
  const patched = needsTrailer ? withTrailer(bytes, catalog!.ref) : bytes;
  const steps = needsTrailer ? ['rebuilt trailer'] : [];
  if (qpdfPath) {
    const out = await runQpdf(qpdfPath, patched);
    if (out) return { bytes: out, method: [...steps, 'qpdf'].join(' + '), claimedPages };
  }
  return needsTrailer ? { bytes: patched, method: steps.join(' + '), claimedPages } : null;
}

/** `qpdf` on PATH (null when absent): checked once per process. */
let qpdfLookup: Promise<string | null> | undefined;
export function findQpdf(): Promise<string | null> {
  qpdfLookup ??= new Promise((resolve) => execFile('qpdf', ['--version'], { timeout: 10_000 }, (err) => resolve(err ? null : 'qpdf')));
  return qpdfLookup;
}

function findCatalog(text: string): { ref: string; body: string } | null {
  const at = text.search(/\/Type\s*\/Catalog\b/);
  if (at < 0) return null;
  const head = text.slice(Math.max(0, at - 4096), at);
  const objs = [...head.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)];
  const last = objs.at(-1);
  if (!last) return null;
  const end = text.indexOf('endobj', at);
  return { ref: `${last[1]} ${last[2]} R`, body: text.slice(at, end < 0 ? at + 2048 : end) };
}

/** /Count of the page tree root the catalog points to. */
function claimedPageCount(text: string, catalogBody: string): number | null {
  const pages = /\/Pages\s+(\d+)\s+(\d+)\s+R/.exec(catalogBody);
  if (!pages) return null;
  const obj = new RegExp(`(?:^|\\s)${pages[1]}\\s+${pages[2]}\\s+obj\\b`).exec(text);
  if (!obj) return null;
  const end = text.indexOf('endobj', obj.index);
  const count = /\/Count\s+(\d+)/.exec(text.slice(obj.index, end < 0 ? obj.index + 65536 : end));
  return count ? Number(count[1]) : null;
}

function withTrailer(bytes: Uint8Array, rootRef: string): Uint8Array {
  // No startxref: readers fall back to scanning the objects, which is the point.
  return new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(`\ntrailer\n<< /Root ${rootRef} >>\n%%EOF\n`, 'latin1')]));
}

/** qpdf exits 0 (clean) or 3 (repaired, with warnings); anything else means it could not. */
async function runQpdf(qpdf: string, bytes: Uint8Array): Promise<Uint8Array | null> {
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-repair-'));
  try {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.pdf');
    await writeFile(input, bytes);
    const code = await new Promise<number>((resolve) => {
      execFile(qpdf, ['--object-streams=disable', input, output], { timeout: QPDF_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (err) => {
        resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0);
      });
    });
    if (code !== 0 && code !== 3) return null;
    return new Uint8Array(await readFile(output));
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
