import { describe, expect, it } from 'vitest';
import { createStatusStore } from '../../../../src/renderer/src/features/status/statusStore';
import { createFakeApi } from '../shell/fakeApi';
import { AppError } from '../../../../src/shared/result';
import { sampleHealth, sampleInfo } from '../shell/fixtures';

describe('status store', () => {
  it('loads info and health; stats without a handler count as "not available"', async () => {
    const fake = createFakeApi({ 'app.info': () => sampleInfo(), 'app.health': () => sampleHealth('degraded') });
    const store = createStatusStore(fake.api);
    await store.getState().refresh();
    const s = store.getState();
    expect(s.info?.paths.logs).toBe('/tmp/u/logs');
    expect(s.health?.status).toBe('degraded');
    expect(s.health?.components.map((c) => c.name)).toEqual(['jobs', 'index']);
    expect(s.libraryStatsAvailable).toBe(false);
    expect(s.error).toBeNull();
    expect(s.loading).toBe(false);
    expect(s.refreshedAt).not.toBeNull();
  });

  it('keeps the last good data and exposes the error when a refresh fails', async () => {
    let fail = false;
    const fake = createFakeApi({
      'app.info': () => sampleInfo(),
      'app.health': () => {
        if (fail) throw new AppError('INTERNAL', 'index crashed');
        return sampleHealth();
      }
    });
    const store = createStatusStore(fake.api);
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState().health?.status).toBe('ok');
    expect(store.getState().error).toEqual({ code: 'INTERNAL', message: 'index crashed' });
  });

  it('coalesces concurrent refreshes into one round-trip', async () => {
    const fake = createFakeApi({ 'app.info': () => sampleInfo(), 'app.health': () => sampleHealth() });
    const store = createStatusStore(fake.api);
    await Promise.all([store.getState().refresh(), store.getState().refresh()]);
    expect(fake.callsTo('app.health')).toHaveLength(1);
  });
});
