import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { ExportFormat } from '../../../../shared/contract/export';
import type { SessionSearchHit, SessionSummary } from '../../../../shared/contract/sessions';
import type { AppErrorData } from '../../../../shared/result';
import { saveWithHostOrDownload, type ExportFile, type SaveOutcome } from '../../lib/hostFiles';

export type { ExportFile, SaveOutcome };

/**
 * Sessions history: every session, full-text search across messages, export.
 * Export asks the core to render the report (`export.render` → base64) and hands the bytes to a
 * `save` port: the native save dialog in Electron (`host.saveFile`), a browser download otherwise.
 */
export const EXPORT_FORMATS: Array<{ id: ExportFormat; label: string; ext: string; mime: string }> = [
  { id: 'pdf', label: 'PDF service report', ext: 'pdf', mime: 'application/pdf' },
  { id: 'md', label: 'Markdown', ext: 'md', mime: 'text/markdown' },
  { id: 'html', label: 'HTML', ext: 'html', mime: 'text/html' },
  { id: 'json', label: 'JSON', ext: 'json', mime: 'application/json' }
];

/** How exported bytes reach the user; injected so tests can observe it without a DOM. */
export type SavePort = (file: ExportFile) => Promise<SaveOutcome>;

export interface SessionsState {
  items: SessionSummary[];
  total: number;
  loaded: boolean;
  query: string;
  hits: SessionSearchHit[] | null;
  searching: boolean;
  exporting: { ids: string[]; format: ExportFormat } | null;
  lastExport: { fileName: string; where: string } | null;
  error: AppErrorData | null;

  load(): Promise<void>;
  search(text: string): Promise<void>;
  exportSessions(ids: string[], format: ExportFormat): Promise<SaveOutcome>;
  remove(id: string): Promise<boolean>;
  clearError(): void;
}

export type SessionsStore = StoreApi<SessionsState>;

/** Sessions shown for the current query: all, or those with a matching message / title. */
export function visibleSessions(s: Pick<SessionsState, 'items' | 'hits' | 'query'>): SessionSummary[] {
  const q = s.query.trim().toLowerCase();
  if (!q) return s.items;
  const hitIds = new Set((s.hits ?? []).map((h) => h.sessionId));
  return s.items.filter((x) => hitIds.has(x.id) || x.title.toLowerCase().includes(q));
}

export function createSessionsStore(api: Api, save?: SavePort): SessionsStore {
  const savePort: SavePort = save ?? ((file) => saveWithHostOrDownload(api, file));
  return createStore<SessionsState>()((set, get) => ({
    items: [],
    total: 0,
    loaded: false,
    query: '',
    hits: null,
    searching: false,
    exporting: null,
    lastExport: null,
    error: null,

    async load() {
      const r = await api.sessions.list({ limit: 500 });
      if (!r.ok) return set({ error: r.error, loaded: true });
      set({ items: r.value.items, total: r.value.total, loaded: true });
      if (get().query.trim()) await get().search(get().query);
    },

    async search(text) {
      set({ query: text });
      const q = text.trim();
      if (!q) return set({ hits: null, searching: false });
      set({ searching: true });
      const r = await api.sessions.search({ text: q, limit: 200 });
      if (get().query !== text) return; // superseded by a newer query
      set({ hits: r.ok ? r.value : [], searching: false, error: r.ok ? null : r.error });
    },

    async exportSessions(ids, format) {
      set({ exporting: { ids, format }, error: null });
      try {
        const r = await api.export.render({ sessionIds: ids, format });
        if (!r.ok) {
          set({ error: r.error });
          return { saved: false, cancelled: false, error: r.error };
        }
        const outcome = await savePort({ fileName: r.value.fileName, mimeType: r.value.mimeType, base64: r.value.base64 });
        if (outcome.saved) set({ lastExport: { fileName: r.value.fileName, where: outcome.where } });
        else if (outcome.error) set({ error: outcome.error });
        return outcome;
      } finally {
        set({ exporting: null });
      }
    },

    async remove(id) {
      const r = await api.sessions.delete({ id });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      set((s) => ({ items: s.items.filter((x) => x.id !== id), total: Math.max(0, s.total - 1), hits: s.hits?.filter((h) => h.sessionId !== id) ?? null }));
      return true;
    },

    clearError() {
      set({ error: null });
    }
  }));
}
