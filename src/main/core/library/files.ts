/** File-system side of importing: expanding folders, sniffing PDFs, content-addressed copies. */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

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
