import { createStore, type StoreApi } from 'zustand/vanilla';
import { formatBytes } from '../status/StatsList';
import type { Api } from '../../../../shared/contract';
import type { BackupEntry, PackImportResult, PackPreview, PackSelection } from '../../../../shared/contract/backup';
import type { JobSnapshot } from '../../../../shared/contract/jobs';
import type { AppErrorData, Result } from '../../../../shared/result';

export type BackupTask = 'backup' | 'verify' | 'restore' | 'export' | 'import';

export interface BackupState {
  folder: string;
  backups: BackupEntry[];
  error: AppErrorData | null;
  /** The running job (its progress is in the jobs store) and what it is doing. */
  active: { jobId: string; task: BackupTask } | null;
  /** Last finished task, in words, for the status line. */
  message: string | null;
  /** A restore is unpacked and verified; it completes when the app restarts. */
  restoreStaged: { documents: number; createdAt: string } | null;
  packPreview: PackPreview | null;
  load(): Promise<void>;
  backupNow(): Promise<void>;
  verify(path: string): Promise<void>;
  restore(path: string): Promise<void>;
  exportPack(selection: PackSelection): Promise<string | null>;
  previewPack(path: string): Promise<boolean>;
  importPack(replace: boolean): Promise<PackImportResult | null>;
  clearPreview(): void;
}

export type BackupStore = StoreApi<BackupState>;


/** Resolves with the job's final snapshot (from the jobs.finished event). */
function finished(api: Api, jobId: string): Promise<JobSnapshot> {
  return new Promise((resolve) => {
    const off = api.on('jobs.finished', (s) => {
      if (s.jobId !== jobId) return;
      off();
      resolve(s);
    });
  });
}

export function createBackupStore(api: Api): BackupStore {
  /** Starts a job, tracks it as the active task, and returns its result (null + error on failure). */
  const run = async <T>(task: BackupTask, start: () => Promise<Result<{ jobId: string }>>): Promise<T | null> => {
    store.setState({ error: null, message: null });
    const r = await start();
    if (!r.ok) {
      store.setState({ error: r.error });
      return null;
    }
    const done = finished(api, r.value.jobId);
    store.setState({ active: { jobId: r.value.jobId, task } });
    const snap = await done;
    store.setState({ active: null });
    if (snap.status !== 'succeeded') {
      store.setState({ error: { code: (snap.error?.code ?? 'INTERNAL') as AppErrorData['code'], message: snap.error?.message ?? `The ${task} was ${snap.status}.` } });
      return null;
    }
    return snap.result as T;
  };

  const store: BackupStore = createStore<BackupState>((set, get) => ({
    folder: '',
    backups: [],
    error: null,
    active: null,
    message: null,
    restoreStaged: null,
    packPreview: null,
    async load() {
      const r = await api.backup.list();
      if (r.ok) set({ folder: r.value.folder, backups: r.value.backups });
      else set({ error: r.error });
    },
    async backupNow() {
      const r = await run<{ path: string; bytes: number; documents: number }>('backup', () => api.backup.create({}));
      if (r) set({ message: `Backup written: ${r.path} (${formatBytes(r.bytes)}, ${r.documents} documents).` });
      await get().load();
    },
    async verify(path) {
      const r = await run<{ documents: number | null }>('verify', () => api.backup.verify({ path }));
      if (r) set({ message: `Verified: every file of ${path.split(/[\\/]/).pop()} matches its sha256 (${r.documents ?? 0} documents).` });
    },
    async restore(path) {
      const r = await run<{ documents: number; createdAt: string }>('restore', () => api.backup.restore({ path }));
      if (r) set({ restoreStaged: { documents: r.documents, createdAt: r.createdAt } });
    },
    async exportPack(selection) {
      const r = await run<{ path: string; bytes: number; documents: number }>('export', () => api.pack.export(selection));
      if (r) set({ message: `Pack written: ${r.path} (${r.documents} documents, ${formatBytes(r.bytes)}).` });
      return r?.path ?? null;
    },
    async previewPack(path) {
      set({ error: null, message: null, packPreview: null });
      const r = await api.pack.preview({ path });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      set({ packPreview: r.value });
      return true;
    },
    async importPack(replace) {
      const preview = get().packPreview;
      if (!preview) return null;
      const r = await run<PackImportResult>('import', () => api.pack.import({ path: preview.path, replace }));
      set({ packPreview: null });
      if (r) set({ message: `Pack imported: ${r.added} added, ${r.replaced} replaced, ${r.skipped} unchanged.` });
      return r;
    },
    clearPreview() {
      set({ packPreview: null });
    }
  }));
  return store;
}
