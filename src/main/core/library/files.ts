/** File-system side of importing: expanding folders, sniffing PDFs, content-addressed copies. */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { AppError } from '../platform/errors';
import { limitMessages } from './pdf/parseLimits';

/** Files to import from a mix of files and folders; folders are walked recursively for *.pdf. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; skipped: Array<{ path: string; reason: string }> }> {
  const files: string[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && extname(e.name).toLowerCase() === '.pdf') add(full);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    try {
      const s = await stat(abs);
      if (s.isDirectory()) await walk(abs);
      else add(abs); // explicit files are checked by content, not by name
    } catch {
      skipped.push({ path: p, reason: 'not found' });
    }
  }
  return { files, skipped };
}

/** `%PDF-` must appear within the first 1024 bytes (the spec allows leading junk). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Stable document id from the content hash (same bytes ⇒ same id). */
export const docIdFor = (sha: string) => sha.slice(0, 16);

/** Copies `src` to `<libraryDir>/<sha>.pdf` unless already there; returns the stored path. */
export async function storeCopy(libraryDir: string, src: string, sha: string): Promise<string> {
  const dest = join(libraryDir, `${sha}.pdf`);
  try {
    await stat(dest);
    return dest;
  } catch {
    /* not stored yet */
  }
  await mkdir(libraryDir, { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  await copyFile(src, tmp);
  await rename(tmp, dest); // atomic: a crash never leaves a half-copied "content-addressed" file
  return dest;
}

export async function removeStored(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Total size of files under a folder (for stats). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  try {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) total += await folderBytes(full);
      else if (e.isFile()) total += (await stat(full)).size;
    }
  } catch {
    /* missing folder = 0 */
  }
  return total;
}

/**
 * Reads a file to import, checking before parsing what needs no parser: it exists and is a file,
 * is not empty, is within the size limit (read whole only then), and starts like a PDF.
 */
export async function readPdfFile(path: string, file: string, maxFileBytes: number): Promise<{ size: number; bytes: Uint8Array }> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('UNSUPPORTED_FILE', `${file}: not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `${file}: file not found`);
  }
  if (size === 0) throw new AppError('UNSUPPORTED_FILE', `${file}: empty file (0 bytes)`);
  if (size > maxFileBytes) throw new AppError('TOO_LARGE', `${file}: ${limitMessages.fileSize(size, maxFileBytes)}`);
  const bytes = new Uint8Array(await readFile(path));
  if (!looksLikePdf(bytes)) throw new AppError('UNSUPPORTED_FILE', `${file}: not a PDF (no %PDF- header)`);
  return { size, bytes };
}
