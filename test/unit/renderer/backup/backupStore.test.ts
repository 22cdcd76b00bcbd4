import { describe, expect, it } from 'vitest';
import { createBackupStore } from '../../../../src/renderer/src/features/backup/backupStore';
import type { PackPreview } from '../../../../src/shared/contract/backup';
import type { JobSnapshot } from '../../../../src/shared/contract/jobs';
import { createFakeApi, flush } from '../shell/fakeApi';

const snap = (jobId: string, status: JobSnapshot['status'], result?: unknown, error?: JobSnapshot['error']): JobSnapshot =>
  ({ jobId, kind: 'backup.create', title: 't', status, phase: 'write', done: 1, total: 1, startedAt: '2026-01-01T00:00:00.000Z', result, error }) as JobSnapshot;

const preview: PackPreview = {
  path: '/p.tar',
  appVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  changes: [
    { docId: 'a', title: 'A', revision: '', action: 'add', replacesDocId: null, replacesRevision: null, reason: 'new document' },
    { docId: 'b', title: 'B', revision: 'C', action: 'replace', replacesDocId: 'old', replacesRevision: 'B', reason: 'revision C replaces revision B' }
  ],
  vectors: { reused: true, detail: 'reused' }
};

describe('backup store', () => {
  it('tracks a backup job until it finishes, then says where it went and reloads the list', async () => {
    let written = false;
    const fake = createFakeApi({
      'backup.create': () => ({ jobId: 'j1', path: '/b/x.tar' }),
      'backup.list': () => ({ folder: '/b', backups: written ? [{ path: '/b/x.tar', bytes: 2048, createdAt: '2026-01-01T00:00:00.000Z', documents: null, appVersion: null }] : [] })
    });
    const store = createBackupStore(fake.api);
    const running = store.getState().backupNow();
    await flush();
    expect(store.getState().active).toEqual({ jobId: 'j1', task: 'backup' });
    fake.emit('jobs.finished', snap('other', 'succeeded'));
    expect(store.getState().active).not.toBeNull();
    written = true;
    fake.emit('jobs.finished', snap('j1', 'succeeded', { path: '/b/x.tar', bytes: 2048, documents: 3 }));
    await running;
    expect(store.getState().active).toBeNull();
    expect(store.getState().message).toMatch(/Backup written: \/b\/x\.tar .*3 documents/);
    expect(store.getState().backups).toHaveLength(1);
    expect(fake.listenerCount('jobs.finished')).toBe(0);
  });

  it('a failed verify shows the core message naming the bad file', async () => {
    const fake = createFakeApi({ 'backup.verify': () => ({ jobId: 'v' }) });
    const store = createBackupStore(fake.api);
    const running = store.getState().verify('/b/x.tar');
    await flush();
    fake.emit('jobs.finished', snap('v', 'failed', undefined, { code: 'INVALID_INPUT', message: 'data/library/ab.pdf: sha256 mismatch' }));
    await running;
    expect(store.getState().error).toEqual({ code: 'INVALID_INPUT', message: 'data/library/ab.pdf: sha256 mismatch' });
    expect(store.getState().message).toBeNull();
  });

  it('imports a previewed pack with the replace choice the user made', async () => {
    const fake = createFakeApi({ 'pack.preview': () => preview, 'pack.import': () => ({ jobId: 'p' }) });
    const store = createBackupStore(fake.api);
    expect(await store.getState().previewPack('/p.tar')).toBe(true);
    expect(store.getState().packPreview?.changes).toHaveLength(2);
    const running = store.getState().importPack(true);
    await flush();
    fake.emit('jobs.finished', snap('p', 'succeeded', { ...preview, added: 1, replaced: 1, skipped: 0 }));
    await running;
    expect(fake.callsTo('pack.import')).toEqual([{ path: '/p.tar', replace: true }]);
    expect(store.getState().packPreview).toBeNull();
    expect(store.getState().message).toBe('Pack imported: 1 added, 1 replaced, 0 unchanged.');
  });
});
