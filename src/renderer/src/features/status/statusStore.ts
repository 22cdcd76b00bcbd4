import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { AppHealth, AppInfo, AppStats } from '../../../../shared/contract/app';
import type { LibraryStats } from '../../../../shared/contract/library';
import type { AppErrorData } from '../../../../shared/result';

/** Stats sections render generically (StatsList): one row per field. */
export type Stats = Record<string, unknown>;

export interface StatusState {
  info: AppInfo | null;
  health: AppHealth | null;
  /** null until loaded (or when reading them failed: see `error`). */
  libraryStats: LibraryStats | null;
  chatStats: AppStats['chat'] | null;
  loading: boolean;
  error: AppErrorData | null;
  refreshedAt: string | null;
  refresh(): Promise<void>;
}

export type StatusStore = StoreApi<StatusState>;

export function createStatusStore(api: Api): StatusStore {
  let inFlight: Promise<void> | null = null;
  return createStore<StatusState>((set) => ({
    info: null,
    health: null,
    libraryStats: null,
    chatStats: null,
    loading: false,
    error: null,
    refreshedAt: null,
    refresh() {
      // Coalesce: a second click while loading waits for the same round-trip.
      if (inFlight) return inFlight;
      set({ loading: true });
      inFlight = (async () => {
        const [info, health, lib, chat] = await Promise.all([
          api.app.info(),
          api.app.health(),
          api.library.stats(),
          api.app.stats()
        ]);
        const error = [info, health, lib, chat].find((r) => !r.ok)?.error ?? null;
        set((s) => ({
          info: info.ok ? info.value : s.info,
          health: health.ok ? health.value : s.health,
          libraryStats: lib.ok ? lib.value : s.libraryStats,
          chatStats: chat.ok ? chat.value.chat : s.chatStats,
          loading: false,
          error,
          refreshedAt: new Date().toISOString()
        }));
      })().finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
  }));
}
