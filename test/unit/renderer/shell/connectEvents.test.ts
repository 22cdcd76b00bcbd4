import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../../../src/renderer/src/appStores';
import { connectEvents, resyncStores } from '../../../../src/renderer/src/lib/connectEvents';
import { announcements } from '../../../../src/renderer/src/lib/announce';
import { createFakeApi } from './fakeApi';
import { defaultSettings, job } from './fixtures';

describe('connectEvents', () => {
  it('routes pushed job and settings events into the stores, and unsubscribes everything', () => {
    const fake = createFakeApi();
    const stores = createAppStores(fake.api);
    const off = connectEvents(fake.api, stores);

    fake.emit('jobs.progress', job({ jobId: 'a', done: 3 }));
    expect(stores.jobs.getState().byId.a.done).toBe(3);
    fake.emit('jobs.finished', job({ jobId: 'a', status: 'succeeded', done: 10 }));
    expect(stores.jobs.getState().byId.a.status).toBe('succeeded');

    const s = defaultSettings();
    s.ui.theme = 'dark';
    fake.emit('settings.changed', s);
    expect(stores.settings.getState().settings?.ui.theme).toBe('dark');

    expect(fake.listenerCount('jobs.progress')).toBe(1);
    off();
    expect(fake.listenerCount('jobs.progress')).toBe(0);
    expect(fake.listenerCount('settings.changed')).toBe(0);
    fake.emit('jobs.progress', job({ jobId: 'b' }));
    expect(stores.jobs.getState().byId.b).toBeUndefined();
  });
});

describe('connectEvents: training', () => {
  it('reloads the Training page on training.changed once it has been opened, not before', async () => {
    const fake = createFakeApi({ 'library.list': () => [], 'training.courses': () => ({ items: [] }), 'training.progress': () => ({ items: [] }) });
    const stores = createAppStores(fake.api);
    const off = connectEvents(fake.api, stores);
    fake.emit('training.changed', { reason: 'course', id: 'c1' });
    expect(fake.callsTo('training.courses')).toHaveLength(0);
    await stores.training.getState().load();
    fake.calls.length = 0;
    fake.emit('training.changed', { reason: 'attempt', id: 'a1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.callsTo('training.courses')).toHaveLength(1);
    off();
  });
});

describe('connectEvents announcements', () => {
  it('announces each finished import once, with the outcome, and not progress ticks', () => {
    const fake = createFakeApi();
    const stores = createAppStores(fake.api);
    const off = connectEvents(fake.api, stores);
    announcements.setState({ polite: '', assertive: '' });
    fake.emit('jobs.progress', job({ jobId: 'p', title: 'Import a.pdf', done: 2 }));
    expect(announcements.getState().polite).toBe('');
    fake.emit('jobs.finished', job({ jobId: 'p', title: 'Import a.pdf', status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'a.pdf: damaged file: bad xref' } }));
    expect(announcements.getState().polite.replace('\u200b', '')).toBe('a.pdf: This file is damaged or incomplete — ask for a new copy.');
    // The background optimize job that follows an import is not announced.
    fake.emit('jobs.finished', job({ jobId: 'o', kind: 'library.optimize', title: 'Optimize search index', status: 'succeeded' }));
    expect(announcements.getState().polite.replace('\u200b', '')).toBe('a.pdf: This file is damaged or incomplete — ask for a new copy.');
    off();
  });
});

describe('resyncStores', () => {
  it('signs the new socket back in first, then reloads jobs and settings always, and only the pages that were already loaded', async () => {
    const fake = createFakeApi({
      'jobs.list': () => [job({ jobId: 'late', status: 'succeeded' })],
      'settings.get': () => defaultSettings(),
      'library.list': () => [],
      'library.importsPaused': () => ({ paused: false })
    });
    const stores = createAppStores(fake.api);
    await stores.library.getState().refresh();
    fake.calls.length = 0;
    await resyncStores(stores);
    // The access call comes before any reload (a reconnected web socket is a new, signed-out seat).
    expect(fake.calls[0].method).toBe('access.status');
    const called = fake.calls.map((c) => c.method).sort();
    expect(called).toEqual(['access.status', 'jobs.list', 'library.importsPaused', 'library.list', 'settings.get']);
    expect(stores.jobs.getState().byId.late.status).toBe('succeeded');
  });
});
