/**
 * Restoring a backup never touches the current data folder until the archive has been fully
 * extracted AND verified: files go to a sibling folder first; only then is the current folder
 * moved aside, the restored one moved in, and the old one deleted once that succeeded. Works
 * without a running core (the CLI restores into a folder nothing has opened), or is staged by a
 * running app and finished at its next start (applyPendingRestore).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LanceStore } from '../index/lanceStore';
import { sqlEq } from '../index/sql';
import { acquireDataDirLock } from '../platform/dataDirLock';
import { AppError } from '../platform/errors';
import { verifyArchive, type ArchiveHead, type Manifest } from './archive';
import { BACKUP_FORMAT, BACKUP_HEAD, newerThanKnown, type SchemaVersions } from './versions';

/** What a backup's head entry records (written by BackupService, checked here before a restore). */
export interface BackupHead extends ArchiveHead {
  schemas: SchemaVersions;
  embeddings: Array<{ modelId: string; dimension: number; rows: number; complete: boolean }>;
  withModels: boolean;
  documents: number;
  dataBytes: number;
}

export interface RestoreReport {
  dataDir: string;
  documents: number;
  files: number;
  createdAt: string;
  appVersion: string;
  /** Where the replaced data folder was kept while restoring (deleted after success). */
  replaced: boolean;
}

const DATA_PREFIX = 'data/';
const PENDING_MARK = '.restore-complete.json';

/** Checks a backup's head: right kind of archive, nothing newer than this app understands. */
export function checkBackupHead(head: BackupHead): void {
  if (head.format !== BACKUP_FORMAT) throw new AppError('INVALID_INPUT', `Not a Benchmate backup (format "${head.format}").`);
  const newer = newerThanKnown('backup', head.appVersion, head.formatVersion, head.schemas ?? {});
  if (newer) throw new AppError('UNSUPPORTED_FILE', newer);
}

export async function verifyBackup(archive: string, onBytes?: (n: number) => void): Promise<Manifest<BackupHead>> {
  await mustExist(archive);
  return verifyArchive<BackupHead>(archive, { headName: BACKUP_HEAD, onHead: checkBackupHead, onBytes });
}

/** Extracts data/* into `dest` (created fresh) while verifying; `dest` is removed on any failure. */
export async function extractVerified(archive: string, dest: string, onBytes?: (n: number) => void): Promise<Manifest<BackupHead>> {
  await mustExist(archive);
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  try {
    return await verifyArchive<BackupHead>(archive, {
      headName: BACKUP_HEAD,
      onHead: checkBackupHead,
      onBytes,
      sink: async (path) => {
        if (!path.startsWith(DATA_PREFIX)) return undefined;
        const target = join(dest, path.slice(DATA_PREFIX.length));
        await mkdir(dirname(target), { recursive: true });
        return createWriteStream(target);
      }
    });
  } catch (e) {
    await rm(dest, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Restores `archive` into `dataDir`. A folder with anything in it is replaced only with `force`
 * (after the restore verified); an empty or missing one is simply filled.
 */
export async function restoreBackup(archive: string, dataDir: string, opts: { force?: boolean; onBytes?: (n: number) => void } = {}): Promise<RestoreReport> {
  const occupied = await hasEntries(dataDir);
  if (occupied && !opts.force) {
    throw new AppError('CONFLICT', `${dataDir} is not empty. Restore into an empty folder, or pass --force to replace it (the current data is kept aside until the restore succeeded).`);
  }
  if (occupied) {
    const lock = acquireDataDirLock(dataDir);
    lock.release();
    if (!lock.primary) throw new AppError('CONFLICT', `${dataDir} is in use by another Benchmate process (pid ${lock.ownerPid ?? '?'}); close it first.`);
  }
  const staged = `${dataDir}.restoring-${process.pid}`;
  const manifest = await extractVerified(archive, staged, opts.onBytes);
  try {
    await finishStaged(staged, dataDir);
  } catch (e) {
    await rm(staged, { recursive: true, force: true });
    throw e;
  }
  await swapIn(staged, dataDir);
  return report(manifest, dataDir, occupied);
}

/** Fixes what refers to the folder's own location and runs index migrations of an older backup. */
async function finishStaged(staged: string, finalDir: string): Promise<void> {
  await mkdir(join(staged, 'index'), { recursive: true });
  const store = await LanceStore.open(join(staged, 'index'));
  try {
    const docs = (await store.documents().query().select(['id', 'storedPath']).toArray()) as Array<{ id: string; storedPath: string }>;
    const library = join(finalDir, 'library');
    const moved = docs.filter((d) => dirname(d.storedPath) !== library);
    for (const d of moved) {
      // Stored copies are content-addressed by name: only the folder changes.
      const storedPath = join(library, basename(d.storedPath.replace(/\\/g, '/')));
      await store.withWriteLock(() => store.documents().update({ where: sqlEq('id', d.id), values: { storedPath } }));
    }
  } finally {
    await store.dispose();
  }
}

async function swapIn(staged: string, dataDir: string): Promise<void> {
  const aside = `${dataDir}.before-restore-${Date.now()}`;
  const existed = await exists(dataDir);
  if (existed) await rename(dataDir, aside);
  try {
    await mkdir(dirname(dataDir), { recursive: true });
    await rename(staged, dataDir);
  } catch (e) {
    if (existed) await rename(aside, dataDir).catch(() => {});
    throw e;
  }
  if (existed) await rm(aside, { recursive: true, force: true });
}

/** The sibling folder a running app stages a restore into; finished at the next start. */
export const pendingRestoreDir = (userData: string): string => `${userData}.restore-pending`;

/** Stages a restore for a data folder that is in use: extracted + verified now, swapped in at next start. */
export async function stageRestore(archive: string, userData: string, onBytes?: (n: number) => void): Promise<RestoreReport> {
  const staged = pendingRestoreDir(userData);
  const manifest = await extractVerified(archive, staged, onBytes);
  await finishStaged(staged, userData);
  const r = report(manifest, userData, true);
  // Written last: a half-staged folder (crash while extracting) is never applied.
  await writeFile(join(staged, PENDING_MARK), JSON.stringify(r));
  return r;
}

/** At start, before anything opens the data folder: swaps in a completely staged restore. */
export async function applyPendingRestore(userData: string): Promise<RestoreReport | null> {
  const staged = pendingRestoreDir(userData);
  let r: RestoreReport;
  try {
    r = JSON.parse(await readFile(join(staged, PENDING_MARK), 'utf8')) as RestoreReport;
  } catch {
    if (await exists(staged)) await rm(staged, { recursive: true, force: true }); // incomplete: discard
    return null;
  }
  if (await exists(userData)) {
    // Never swap the folder away under another live process: the next start that owns it will.
    const lock = acquireDataDirLock(userData);
    lock.release();
    if (!lock.primary) return null;
  }
  await rm(join(staged, PENDING_MARK), { force: true });
  await swapIn(staged, userData);
  return r;
}

function report(m: Manifest<BackupHead>, dataDir: string, replaced: boolean): RestoreReport {
  return { dataDir, documents: m.head.documents, files: m.files.length, createdAt: m.head.createdAt, appVersion: m.head.appVersion, replaced };
}

async function hasEntries(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

const exists = (p: string) => stat(p).then(() => true, () => false);

async function mustExist(p: string): Promise<void> {
  if (!(await exists(p))) throw new AppError('NOT_FOUND', `No such file: ${p}`);
}
