/**
 * Backups of the whole data folder as one .tar (see archive.ts for the layout): created as a job
 * with bytes done/total, verified, restored (staged while the app runs, swapped in at next start),
 * and taken on a schedule that keeps the last N.
 */
import { readdir, stat, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BackupEntry, BackupInfo, BackupSettings } from '../../../shared/contract/backup';
import type { CorePaths } from '../config';
import type { LanceStore } from '../index/lanceStore';
import type { VectorTableMeta } from '../index/vectorStore';
import { AppError } from '../platform/errors';
import type { JobContext, JobRunner } from '../platform/jobRunner';
import type { Logger } from '../platform/logger';
import { archiveJob, writeArchive} from './archive';
import { stageRestore, verifyBackup, type BackupHead, type RestoreReport } from './restore';
import { removeStaging, stageSnapshot } from './snapshot';
import { BACKUP_FORMAT, BACKUP_HEAD, FORMAT_VERSION, SCHEMA_VERSIONS} from './versions';

export type { BackupHead };

export interface BackupDeps {
  paths: CorePaths;
  store: LanceStore;
  jobs: JobRunner;
  logger: Logger;
  appVersion: string;
  settings(): BackupSettings;
  /** Vector tables and their model/dimension (index/vector-meta.json). */
  vectorMeta(): Record<string, VectorTableMeta>;
}

export const BACKUP_JOB_KINDS = { create: 'backup.create', verify: 'backup.verify', restore: 'backup.restore' } as const;
const DAY_MS = 86_400_000;
const FILE_RE = /^benchmate-backup-.*\.tar$/;

export class BackupService {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly d: BackupDeps) {}

  /** The folder scheduled and "Back up now" backups go to. */
  folder(): string {
    const dir = this.d.settings().folder.trim();
    return dir ? resolve(dir) : join(this.d.paths.userData, 'backups');
  }

  /**
   * Starts a backup job. The snapshot is queued on the index's write lock before this returns,
   * so it precedes every index write requested after the call (tests rely on this ordering).
   */
  create(opts: { out?: string; withModels?: boolean } = {}): { jobId: string; path: string; done: Promise<BackupInfo> } {
    if (this.running) throw new AppError('CONFLICT', 'A backup is already running.');
    const out = resolve(opts.out ?? join(this.folder(), `benchmate-backup-${stamp(new Date())}.tar`));
    const staging = join(this.d.paths.userData, `.backup-staging-${process.pid}-${Date.now()}`);
    const withModels = opts.withModels ?? false;
    const exclude = this.folderInside();
    const snapshot = stageSnapshot({ userData: this.d.paths.userData, staging, withModels, exclude, pauseWriters: (fn) => this.d.store.withWriteLock(fn) });
    snapshot.catch(() => {}); // awaited by the job; never an unhandled rejection
    const { jobId, done } = this.d.jobs.start<BackupInfo>({
      kind: BACKUP_JOB_KINDS.create,
      title: 'Back up the data folder',
      summarize: (r) => r,
      run: async (ctx) => {
        try {
          return await this.write(out, await snapshot, withModels, ctx);
        } finally {
          await removeStaging(staging);
        }
      }
    });
    this.running = done.catch(() => {}).finally(() => (this.running = undefined));
    return { jobId, path: out, done };
  }

  verify(path: string): { jobId: string; done: Promise<BackupEntry> } {
    return archiveJob(this.d.jobs, BACKUP_JOB_KINDS.verify, `Verify ${basenameOf(path)}`, path, 'verify', async (onBytes) => {
      const m = await verifyBackup(path, onBytes);
      return entryOf(path, (await stat(path)).size, m.head);
    });
  }

  /** Verifies and extracts beside the data folder; the swap happens when the app next starts. */
  restore(path: string): { jobId: string; done: Promise<RestoreReport> } {
    return archiveJob(this.d.jobs, BACKUP_JOB_KINDS.restore, `Restore ${basenameOf(path)}`, path, 'verify and extract', async (onBytes) => {
      const r = await stageRestore(path, this.d.paths.userData, onBytes);
      this.d.logger.info('restore staged; it completes at the next start', { archive: path, documents: r.documents });
      return r;
    });
  }

  /** Backups in the backup folder, newest first (read from their heads, not trusted for integrity). */
  async list(): Promise<BackupEntry[]> {
    const dir = this.folder();
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: BackupEntry[] = [];
    for (const n of names.filter((x) => FILE_RE.test(x))) {
      const s = await stat(join(dir, n)).catch(() => undefined);
      if (s) out.push({ path: join(dir, n), bytes: s.size, createdAt: s.mtime.toISOString(), documents: null, appVersion: null });
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.path.localeCompare(a.path));
  }

  /** Checks once an hour (and now) whether a scheduled backup is due; never runs two at once. */
  startSchedule(everyMs = 3600_000): void {
    const tick = () => void this.runSchedule().catch((e) => this.d.logger.error('scheduled backup failed', { error: e }));
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    tick();
  }

  /** Takes a backup when the newest is older than the schedule, then keeps only the last N. */
  async runSchedule(now = Date.now()): Promise<{ created: string | null; pruned: string[] }> {
    const s = this.d.settings();
    if (!s.everyDays || this.running) return { created: null, pruned: [] };
    const newest = (await this.list())[0];
    let created: string | null = null;
    if (!newest || now - Date.parse(newest.createdAt) >= s.everyDays * DAY_MS - 60_000) {
      const job = this.create();
      await job.done;
      created = job.path;
      this.d.logger.info('scheduled backup written', { path: created });
    }
    return { created, pruned: await this.prune(s.keep) };
  }

  /** Deletes all but the newest `keep` backups in the backup folder (only files this app named). */
  async prune(keep: number): Promise<string[]> {
    const old = (await this.list()).slice(Math.max(1, keep));
    for (const b of old) await rm(b.path, { force: true });
    if (old.length) this.d.logger.info('old backups removed', { removed: old.map((b) => b.path) });
    return old.map((b) => b.path);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async write(out: string, files: Awaited<ReturnType<typeof stageSnapshot>>, withModels: boolean, ctx: JobContext): Promise<BackupInfo> {
    const total = files.reduce((s, f) => s + f.size, 0);
    let done = 0;
    ctx.progress({ phase: 'write', done: 0, total });
    const head: BackupHead = {
      format: BACKUP_FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: this.d.appVersion,
      createdAt: new Date().toISOString(),
      schemas: { ...SCHEMA_VERSIONS },
      embeddings: Object.values(this.d.vectorMeta()).map((m) => ({ modelId: m.modelId, dimension: m.dimension, rows: m.embedded, complete: m.complete })),
      withModels,
      documents: await this.d.store.documents().countRows(),
      dataBytes: total
    };
    const { bytes, manifest } = await writeArchive(out, BACKUP_HEAD, head, async (w) => {
      const listed = [];
      for (const f of files) listed.push(await w.addFile(`data/${f.rel}`, f.abs, f.size, ctx.signal));
      return listed;
    }, (n) => ctx.progress({ done: (done = Math.min(total, done + n)) }));
    this.d.logger.info('backup written', { path: out, bytes, files: manifest.files.length });
    return { path: out, bytes, files: manifest.files.length, documents: head.documents, createdAt: head.createdAt };
  }

  /** The backup folder's name when it lies directly inside the data folder (never back up backups). */
  private folderInside(): string[] {
    const dir = this.folder();
    const parent = resolve(dir, '..');
    return parent === resolve(this.d.paths.userData) ? [basenameOf(dir)] : [];
  }
}

function entryOf(path: string, bytes: number, h: BackupHead): BackupEntry {
  return { path, bytes, createdAt: h.createdAt, documents: h.documents, appVersion: h.appVersion };
}

const basenameOf = (p: string) => p.split(/[\\/]/).pop() ?? p;
const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-').replace('T', '_').replace('Z', '');
