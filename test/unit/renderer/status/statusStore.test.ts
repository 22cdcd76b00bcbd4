import { describe, expect, it } from 'vitest';
import { createStatusStore } from '../../../../src/renderer/src/features/status/statusStore';
import { createFakeApi, type FakeHandlers } from '../shell/fakeApi';
import { AppError } from '../../../../src/shared/result';
import { sampleHealth, sampleInfo } from '../shell/fixtures';
import type { LibraryStats } from '../../../../src/shared/contract/library';
import type { AppStats } from '../../../../src/shared/contract/app';

const sampleLibraryStats = (): LibraryStats => ({ documents: 3, pages: 120, chunks: 400, libraryBytes: 1_000_000, indexBytes: 500_000, byStatus: { ready: 3 } });
const sampleChatStats = (): AppStats['chat'] => ({
  sessions: 2,
  messages: 6,
  questions: 3,
  answers: 3,
  avgTtftMs: 420,
  avgTokensPerSecond: 18,
  refusedShare: 0,
  searchOnlyShare: 0,
  feedback: { helpful: 1, notHelpful: 0, escalated: 0 }
});

describe('status store', () => {
  const stats: FakeHandlers = {
    'library.stats': () => sampleLibraryStats(),
    'app.stats': () => ({ chat: sampleChatStats(), computedAt: '2026-01-01T00:00:00.000Z' })
  };

  it('loads info, health and the library / chat stats through the typed api', async () => {
    const fake = createFakeApi({ 'app.info': () => sampleInfo(), 'app.health': () => sampleHealth('degraded'), ...stats });
    const store = createStatusStore(fake.api);
    await store.getState().refresh();
    const s = store.getState();
    expect(s.info?.paths.logs).toBe('/tmp/u/logs');
    expect(s.health?.status).toBe('degraded');
    expect(s.health?.components.map((c) => c.name)).toEqual(['jobs', 'index']);
    expect(s.libraryStats?.documents).toBe(3);
    expect(s.chatStats?.sessions).toBe(2);
    expect(s.error).toBeNull();
    expect(s.loading).toBe(false);
    expect(s.refreshedAt).not.toBeNull();
  });

  it('keeps the last good data and exposes the error when a refresh fails', async () => {
    let fail = false;
    const fake = createFakeApi({
      ...stats,
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
    const fake = createFakeApi({ 'app.info': () => sampleInfo(), 'app.health': () => sampleHealth(), ...stats });
    const store = createStatusStore(fake.api);
    await Promise.all([store.getState().refresh(), store.getState().refresh()]);
    expect(fake.callsTo('app.health')).toHaveLength(1);
  });
});
