/**
 * A consistent copy of the data folder to archive, taken in a staging folder beside it.
 *
 * LanceDB never rewrites a data, index, deletion or manifest file in place (a commit adds files;
 * cleanup deletes old ones), and stored PDFs are content-addressed. So hard links of the index
 * and library taken while the index's writers are paused ARE a snapshot of one version: the
 * pause lasts only as long as linking takes, and later imports/optimizes cannot change or delete
 * what was linked. Files written in place (session journals, settings) are copied instead.
 */
import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface StagedFile {
  /** Path inside the archive's data/ folder, with forward slashes. */
  rel: string;
  abs: string;
  size: number;
}

/** Top-level entries of the data folder that a backup leaves out (rebuildable or machine-local). */
const ALWAYS_EXCLUDED = new Set(['logs', 'uploads', 'backups', '.benchmate.lock']);
/** Folders whose files are immutable once written: hard-linked under the writer pause. */
const IMMUTABLE = new Set(['index', 'library', 'models']);

const isScratch = (name: string) => name.endsWith('.tmp') || name.endsWith('.partial') || name.startsWith('.backup-staging');

export interface StageOptions {
  userData: string;
  staging: string;
  withModels: boolean;
  /** Runs `fn` with every index writer paused (LanceStore.withWriteLock). */
  pauseWriters<T>(fn: () => Promise<T>): Promise<T>;
  /** Extra top-level names to leave out (e.g. the backup folder when it lies inside the data folder). */
  exclude?: string[];
}

/**
 * Queues the snapshot on the writers' lock *synchronously* (so a caller knows exactly which
 * writes it precedes), then copies the mutable files. Resolves with every staged file.
 */
export function stageSnapshot(o: StageOptions): Promise<StagedFile[]> {
  const excluded = new Set([...ALWAYS_EXCLUDED, ...(o.exclude ?? []), ...(o.withModels ? [] : ['models'])]);
  const frozen = o.pauseWriters(async () => {
    await mkdir(o.staging, { recursive: true });
    const out: StagedFile[] = [];
    for (const top of IMMUTABLE) if (!excluded.has(top)) out.push(...(await mirror(join(o.userData, top), o, true)));
    return out;
  });
  return frozen.then(async (linked) => {
    const rest: StagedFile[] = [];
    for (const e of await readdir(o.userData, { withFileTypes: true })) {
      if (IMMUTABLE.has(e.name) || excluded.has(e.name) || isScratch(e.name) || join(o.userData, e.name) === o.staging) continue;
      if (e.isDirectory()) rest.push(...(await mirror(join(o.userData, e.name), o, false)));
      else if (e.isFile()) rest.push(await place(join(o.userData, e.name), o, false));
    }
    return [...linked, ...rest].sort((a, b) => a.rel.localeCompare(b.rel));
  });
}

async function mirror(dir: string, o: StageOptions, immutable: boolean): Promise<StagedFile[]> {
  const out: StagedFile[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out; // a folder that does not exist yet (no models, no sessions) has nothing to back up
  }
  for (const e of entries) {
    if (isScratch(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await mirror(full, o, immutable)));
    else if (e.isFile()) out.push(await place(full, o, immutable));
  }
  return out;
}

async function place(src: string, o: StageOptions, immutable: boolean): Promise<StagedFile> {
  const rel = relative(o.userData, src).split(sep).join('/');
  const dest = join(o.staging, rel);
  await mkdir(dirname(dest), { recursive: true });
  if (immutable) {
    // Another file system (or one without hard links) falls back to a copy: slower, still consistent.
    await link(src, dest).catch(() => copyFile(src, dest));
  } else {
    await copyFile(src, dest);
  }
  return { rel, abs: dest, size: (await stat(dest)).size };
}

export async function removeStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
