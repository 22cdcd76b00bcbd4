import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { AppHealth, AppInfo } from '../../../../shared/contract/app';
import type { AppErrorData } from '../../../../shared/result';
import { callOptional } from '../../lib/optionalApi';

/** Stats arrive as whatever object the owning feature defines; the page renders their fields generically. */
export type Stats = Record<string, unknown>;

export interface StatusState {
  info: AppInfo | null;
  health: AppHealth | null;
  /** null = not loaded yet or not available in this build (see *Available). */
  libraryStats: Stats | null;
  chatStats: Stats | null;
  libraryStatsAvailable: boolean;
  chatStatsAvailable: boolean;
  loading: boolean;
  error: AppErrorData | null;
  refreshedAt: string | null;
  refresh(): Promise<void>;
}

export type StatusStore = StoreApi<StatusState>;

async function loadStats(api: Api, name: string): Promise<{ available: boolean; value: Stats | null; error?: AppErrorData }> {
  const r = await callOptional(api, name);
  // Absent from the contract, or present but without a handler in this host: "not available".
  if (r === null || (!r.ok && r.error.code === 'NOT_FOUND')) return { available: false, value: null };
  if (!r.ok) return { available: true, value: null, error: r.error };
  const v = (r.value ?? null) as Stats | null;
  // app.stats groups numbers per feature ({ chat: {...}, computedAt }); show the chat section.
  const section = v && typeof v.chat === 'object' && v.chat !== null ? (v.chat as Stats) : v;
  return { available: true, value: section };
}

export function createStatusStore(api: Api): StatusStore {
  let inFlight: Promise<void> | null = null;
  return createStore<StatusState>((set) => ({
    info: null,
    health: null,
    libraryStats: null,
    chatStats: null,
    libraryStatsAvailable: false,
    chatStatsAvailable: false,
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
          loadStats(api, 'library.stats'),
          loadStats(api, 'app.stats')
        ]);
        const error = (!info.ok && info.error) || (!health.ok && health.error) || lib.error || chat.error || null;
        set((s) => ({
          info: info.ok ? info.value : s.info,
          health: health.ok ? health.value : s.health,
          libraryStats: lib.value,
          chatStats: chat.value,
          libraryStatsAvailable: lib.available,
          chatStatsAvailable: chat.available,
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
