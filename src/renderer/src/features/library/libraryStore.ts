import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { DocumentMetadata, DocumentSummary, LibraryChanged } from '../../../../shared/contract/library';
import type { SearchResult } from '../../../../shared/contract/search';
import type { AppErrorData } from '../../../../shared/result';
import { emptyFilter, type DocFilter, type SortSpec } from './documentTable';
import { busyAction } from '../../lib/busyAction';

export interface LibraryState {
  documents: DocumentSummary[];
  loaded: boolean;
  error: AppErrorData | null;
  filter: DocFilter;
  sort: SortSpec;
  /** Keys of actions in flight: 'import', 'pause', 'update:<id>', 'delete:<id>', 'reindex:<id>', 'unlock:<id>', 'ocr:<id>'. */
  busy: Record<string, true>;
  /** Files the last import skipped (not a PDF, unreadable path...) with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  search: { text: string; result: SearchResult | null; error: AppErrorData | null; running: boolean };
  /** The import queue is held: waiting imports stay queued (library.pauseImports). */
  importsPaused: boolean;
  refresh(): Promise<void>;
  setImportsPaused(paused: boolean): Promise<void>;
  importPaths(paths: string[]): Promise<string[]>;
  updateMetadata(id: string, patch: DocumentMetadata): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  reindex(id: string): Promise<string | null>;
  unlock(id: string, password: string): Promise<string | null>;
  /** Starts OCR of a needs_ocr document (a library.ocr job shown in the import queue). */
  runOcr(id: string): Promise<string | null>;
  runSearch(text: string): Promise<void>;
  setFilter(patch: Partial<DocFilter>): void;
  /** Clicking the sorted column flips the direction; another column sorts ascending. */
  toggleSort(key: SortSpec['key']): void;
  clearSkipped(): void;
  clearError(): void;
  /** From the library.changed event. */
  onChanged(e: LibraryChanged): void;
}

export type LibraryStore = StoreApi<LibraryState>;

export function createLibraryStore(api: Api, opts: { refreshDelayMs?: number } = {}): LibraryStore {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let listSeq = 0;

  return createStore<LibraryState>((set, get) => {
    const run = busyAction<LibraryState>(set);

    return {
      documents: [],
      loaded: false,
      error: null,
      filter: emptyFilter,
      sort: { key: 'importedAt', dir: 'desc' },
      busy: {},
      skipped: [],
      search: { text: '', result: null, error: null, running: false },
      importsPaused: false,

      async refresh() {
        // Only the newest list answer wins (events can trigger overlapping refreshes).
        const seq = ++listSeq;
        const [r, held] = await Promise.all([api.library.list(), api.library.importsPaused()]);
        if (seq !== listSeq) return;
        set(r.ok ? { documents: r.value, loaded: true, error: null } : { loaded: true, error: r.error });
        if (held.ok) set({ importsPaused: held.value.paused });
      },
      async setImportsPaused(paused) {
        const r = await run('pause', () => api.library.pauseImports({ paused }));
        if (r) set({ importsPaused: r.paused });
      },
      async importPaths(paths) {
        if (paths.length === 0) return [];
        const r = await run('import', () => api.library.import({ paths }));
        if (!r) return [];
        set({ skipped: r.skipped });
        return r.jobIds;
      },
      async updateMetadata(id, patch) {
        const doc = await run(`update:${id}`, () => api.library.update({ id, patch }));
        if (doc) set((s) => ({ documents: s.documents.map((d) => (d.id === id ? doc : d)) }));
        return doc !== null;
      },
      async remove(id) {
        const r = await run(`delete:${id}`, () => api.library.delete({ id }));
        if (r?.deleted) set((s) => ({ documents: s.documents.filter((d) => d.id !== id) }));
        return r?.deleted ?? false;
      },
      async reindex(id) {
        const r = await run(`reindex:${id}`, () => api.library.reindex({ id }));
        return r?.jobId ?? null;
      },
      async unlock(id, password) {
        const r = await run(`unlock:${id}`, () => api.library.unlock({ id, password }));
        return r?.jobId ?? null;
      },
      async runOcr(id) {
        const r = await run(`ocr:${id}`, () => api.library.ocr({ id }));
        return r?.jobId ?? null;
      },
      async runSearch(text) {
        const q = text.trim();
        if (!q) return set({ search: { text, result: null, error: null, running: false } });
        set((s) => ({ search: { ...s.search, text, running: true } }));
        const r = await api.search.query({ text: q, limit: 10 });
        // Ignore an answer for a query the user has already replaced.
        if (get().search.text !== text) return;
        set({ search: { text, running: false, result: r.ok ? r.value : null, error: r.ok ? null : r.error } });
      },
      setFilter(patch) {
        set((s) => ({ filter: { ...s.filter, ...patch } }));
      },
      toggleSort(key) {
        set((s) => ({ sort: s.sort.key === key ? { key, dir: s.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' } }));
      },
      clearSkipped() {
        set({ skipped: [] });
      },
      clearError() {
        set({ error: null });
      },
      onChanged(e) {
        if (e.reason === 'deleted') {
          const gone = new Set(e.docIds);
          set((s) => ({ documents: s.documents.filter((d) => !gone.has(d.id)) }));
          return;
        }
        // Imports of many files emit bursts of events: coalesce them into one list call.
        if (refreshTimer) return;
        refreshTimer = setTimeout(() => {
          refreshTimer = null;
          void get().refresh();
        }, opts.refreshDelayMs ?? 150);
      }
    };
  });
}
