import { describe, expect, it } from 'vitest';
import { createSettingsStore, selectTheme } from '../../../../src/renderer/src/features/settings/settingsStore';
import { settingsPatch, settingsSchema, type Settings } from '../../../../src/shared/contract/settings';
import { createFakeApi } from '../shell/fakeApi';
import { AppError } from '../../../../src/shared/result';
import { defaultSettings } from '../shell/fixtures';

/** A fake settings service that validates like the real one: patch schema + merge + full schema. */
function fakeSettingsCore() {
  let current: Settings = defaultSettings();
  return createFakeApi({
    'settings.get': () => current,
    'settings.update': (patch) => {
      const p = settingsPatch.safeParse(patch);
      if (!p.success) throw new AppError('INVALID_INPUT', p.error.message);
      const merged = { ...current } as Record<string, unknown>;
      for (const [k, v] of Object.entries(p.data)) merged[k] = { ...(current as unknown as Record<string, object>)[k], ...v };
      const next = settingsSchema.safeParse(merged);
      if (!next.success) throw new AppError('INVALID_INPUT', next.error.message);
      current = next.data;
      return current;
    }
  });
}

describe('settings store', () => {
  it('loads, updates one field and keeps the rest', async () => {
    const fake = fakeSettingsCore();
    const store = createSettingsStore(fake.api);
    expect(selectTheme(store.getState())).toBe('system');
    await store.getState().load();
    expect(await store.getState().update({ ui: { theme: 'dark' } })).toBe(true);
    expect(selectTheme(store.getState())).toBe('dark');
    expect(store.getState().settings?.retrieval.resultsPerAnswer).toBe(5);
  });

  it('a rejected update keeps the old value and exposes the error', async () => {
    const fake = fakeSettingsCore();
    const store = createSettingsStore(fake.api);
    await store.getState().load();
    expect(await store.getState().update({ retrieval: { resultsPerAnswer: 999 } })).toBe(false);
    expect(store.getState().settings?.retrieval.resultsPerAnswer).toBe(5);
    expect(store.getState().error?.code).toBe('INVALID_INPUT');
    expect(store.getState().saving).toBe(false);
  });
});

describe('settings store optimism', () => {
  it('shows the new value while saving and reverts it when the core refuses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = createFakeApi({
      'settings.get': () => defaultSettings(),
      'settings.update': async () => {
        await gate;
        throw new AppError('INTERNAL', 'disk full');
      }
    });
    const store = createSettingsStore(fake.api);
    await store.getState().load();
    const pending = store.getState().update({ ui: { theme: 'dark' } });
    expect(selectTheme(store.getState())).toBe('dark');
    expect(store.getState().settings?.retrieval.resultsPerAnswer).toBe(5);
    release();
    expect(await pending).toBe(false);
    expect(selectTheme(store.getState())).toBe('system');
    expect(store.getState().error?.message).toBe('disk full');
  });
});
