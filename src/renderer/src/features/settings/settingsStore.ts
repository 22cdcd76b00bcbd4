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
  return createStore<SettingsState>((set, get) => ({
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
      // Optimistic: controls (theme radio, selects) reflect the choice at once; a refusal reverts it.
      const before = get().settings;
      set({ saving: true, settings: before ? applyPatch(before, patch) : before });
      const r = await api.settings.update(patch);
      set(r.ok ? { settings: r.value, saving: false, error: null } : { settings: before, saving: false, error: r.error });
      return r.ok;
    },
    set(settings) {
      set({ settings });
    }
  }));
}

/** Section-wise merge of a patch into settings (the same shape the core applies). */
export function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  const next = { ...settings } as Record<string, unknown>;
  for (const [section, values] of Object.entries(patch)) {
    if (values) next[section] = { ...(settings as unknown as Record<string, object>)[section], ...values };
  }
  return next as unknown as Settings;
}

export const selectTheme = (s: SettingsState) => s.settings?.ui.theme ?? 'system';
