import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { Settings, SettingsPatch } from '../../../../shared/contract/settings';
import type { AppErrorData } from '../../../../shared/result';

export interface SettingsState {
  settings: Settings | null;
  loading: boolean;
  saving: boolean;
  error: AppErrorData | null;
  load(): Promise<void>;
  /** Saves a partial patch; returns false (and keeps the old value) when the core rejects it. */
  update(patch: SettingsPatch): Promise<boolean>;
  /** From the settings.changed event (another window or the CLI changed them). */
  set(settings: Settings): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(api: Api): SettingsStore {
  return createStore<SettingsState>((set) => ({
    settings: null,
    loading: false,
    saving: false,
    error: null,
    async load() {
      set({ loading: true });
      const r = await api.settings.get();
      set(r.ok ? { settings: r.value, loading: false, error: null } : { loading: false, error: r.error });
    },
    async update(patch) {
      set({ saving: true });
      const r = await api.settings.update(patch);
      set(r.ok ? { settings: r.value, saving: false, error: null } : { saving: false, error: r.error });
      return r.ok;
    },
    set(settings) {
      set({ settings });
    }
  }));
}

export const selectTheme = (s: SettingsState) => s.settings?.ui.theme ?? 'system';
