import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';
import { writeArchive } from '../../../src/main/core/backup/archive';
import { restoreBackup, verifyBackup } from '../../../src/main/core/backup/restore';
import { BACKUP_HEAD } from '../../../src/main/core/backup/versions';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { tempCore } from '../../helpers/tempCore';
import { docsOf, importPdf, importSamples, pumpManualSpec, QUERIES, searchJson } from './helpers';

const openCore = (dir: string) => createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'warn', threads: 2, restoreModels: false });

describe('backup create / verify / restore', () => {
  let core: Core;
  let dir: string;
  let cleanup: () => Promise<void>;
  let scratch: string;
  let archive: string;

  beforeAll(async () => {
    ({ core, dir, cleanup } = await tempCore({ restoreModels: false }));
    scratch = await mkdtemp(join(tmpdir(), 'benchmate-backup-'));
    await importSamples(core, dir);
    const s = await core.sessions.create({ title: 'E-204 on the press', machine: 'X200' });
    await core.sessions.update(s.id, { pinned: true });
    await core.settings.update({ sessions: { retentionDays: 90 } });
    archive = join(scratch, 'full.tar');
    const job = core.backup.create({ out: archive });
    const info = await job.done;
    expect(info.documents).toBe(2);
  });
  afterAll(async () => {
    await cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  it('round trip: wipe, restore → same documents, byte-equal search results, same sessions', async () => {
    const before = { docs: await docsOf(core), search: await searchJson(core, QUERIES), sessions: core.sessions.list().items };
    expect(before.docs).toHaveLength(2);
    const target = join(scratch, 'restored');
    const report = await restoreBackup(archive, target);
    expect(report).toMatchObject({ documents: 2, replaced: false });
    const restored = await openCore(target);
    try {
      expect(await docsOf(restored)).toEqual(before.docs);
      expect(await searchJson(restored, QUERIES)).toBe(before.search);
      expect(restored.sessions.list().items).toEqual(before.sessions);
      expect(restored.settings.get().sessions.retentionDays).toBe(90);
      // The viewer reads the restored PDF from the new folder, not the old one.
      const d = await restored.library.get(String(before.docs[0].id));
      expect(d.storedPath.startsWith(join(target, 'library'))).toBe(true);
      expect((await restored.library.fileBytes(d.id)).bytes).toBe(d.bytes);
    } finally {
      await restored.dispose();
    }
  });

  it('the archive is a plain tar with a manifest listing every file with its sha256', async () => {
    const m = await verifyBackup(archive);
    expect(m.head).toMatchObject({ format: 'benchmate-backup', formatVersion: 1, documents: 2, withModels: false });
    const paths = m.files.map((f) => f.path);
    expect(paths[0]).toBe(BACKUP_HEAD);
    expect(paths.some((p) => /^data\/library\/[0-9a-f]{64}\.pdf$/.test(p))).toBe(true);
    expect(paths.some((p) => p.startsWith('data/index/chunks.lance/'))).toBe(true);
    expect(paths.some((p) => p.startsWith('data/sessions/'))).toBe(true);
    expect(paths).toContain('data/settings.json');
    expect(paths.some((p) => p.startsWith('data/logs/'))).toBe(false);
    for (const f of m.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a tampered byte is named by verify and by restore, and the target folder is not touched', async () => {
    const bytes = await readFile(archive);
    const m = await verifyBackup(archive);
    // Flip one byte inside the first stored PDF's body.
    const pdf = m.files.find((f) => f.path.startsWith('data/library/'))!;
    const at = bytes.indexOf(Buffer.from('%PDF-'), bytes.indexOf(Buffer.from(pdf.path)));
    bytes[at + 200] ^= 0x20;
    const bad = join(scratch, 'tampered.tar');
    await writeFile(bad, bytes);
    await expect(verifyBackup(bad)).rejects.toThrow(`${pdf.path}: sha256 mismatch`);

    const target = join(scratch, 'occupied');
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'keep.txt'), 'mine');
    await expect(restoreBackup(bad, target, { force: true })).rejects.toThrow(`${pdf.path}: sha256 mismatch`);
    expect(await readdir(target)).toEqual(['keep.txt']);
    expect((await readdir(scratch)).filter((n) => n.includes('restoring'))).toEqual([]);

    const truncated = join(scratch, 'truncated.tar');
    await writeFile(truncated, (await readFile(archive)).subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBackup(truncated)).rejects.toThrow(/truncated/);
  });

  it('refuses a non-empty folder without force, and replaces it with force', async () => {
    const target = join(scratch, 'replace-me');
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'old.txt'), 'old data');
    await expect(restoreBackup(archive, target)).rejects.toThrow(/not empty.*--force/);
    expect(await readdir(target)).toEqual(['old.txt']);
    await restoreBackup(archive, target, { force: true });
    expect(existsSync(join(target, 'old.txt'))).toBe(false);
    expect(existsSync(join(target, 'settings.json'))).toBe(true);
    expect((await readdir(scratch)).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('refuses a backup from a newer schema with both versions named', async () => {
    const newer = join(scratch, 'newer.tar');
    const head = { format: 'benchmate-backup', formatVersion: 1, appVersion: '9.0.0', createdAt: new Date().toISOString(), schemas: { index: 7, settings: 1, sessions: 1 }, embeddings: [], withModels: false, documents: 0, dataBytes: 0 };
    await writeArchive(newer, BACKUP_HEAD, head, async () => []);
    const target = join(scratch, 'never');
    await expect(restoreBackup(newer, target)).rejects.toThrow(/Benchmate 9\.0\.0 with index schema 7; this app knows index schema 1/);
    expect(existsSync(target)).toBe(false);
  });

  it('a restore staged by the running app replaces its data at the next start', async () => {
    const other = await tempCore({ restoreModels: false });
    let reopened: Core | undefined;
    try {
      const session = await other.core.sessions.create({ title: 'only on this machine' });
      const report = await other.core.backup.restore(archive).done;
      expect(report.documents).toBe(2);
      // Nothing changes while the app runs.
      expect((await other.core.library.list()).length).toBe(0);
      expect(other.core.sessions.list().items.map((x) => x.id)).toEqual([session.id]);
      await other.core.dispose();
      reopened = await openCore(other.dir);
      expect((await docsOf(reopened)).map((d) => d.title).sort()).toEqual(['P10 Pump Manual', 'X200 Service Manual']);
      expect(reopened.sessions.list().items.map((x) => x.title)).toEqual(['E-204 on the press']);
      expect(existsSync(`${other.dir}.restore-pending`)).toBe(false);
    } finally {
      await reopened?.dispose();
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('a cancelled backup leaves no file under the final name and no partial file', async () => {
    const out = join(scratch, 'cancelled.tar');
    const job = core.backup.create({ out });
    core.jobs.cancel(job.jobId);
    const snap = await core.jobs.wait(job.jobId);
    expect(snap.status).toBe('cancelled');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect((await readdir(dir)).filter((n) => n.startsWith('.backup-staging'))).toEqual([]);
  });

  it('keeps the last N backups of the schedule', async () => {
    const folder = join(scratch, 'scheduled');
    await core.settings.update({ backup: { folder, everyDays: 1, keep: 2 } });
    const first = await core.backup.runSchedule();
    expect(first.created).not.toBeNull();
    // Not due again the same day.
    expect((await core.backup.runSchedule()).created).toBeNull();
    const later = Date.now() + 86_400_000;
    await core.backup.runSchedule(later);
    const third = await core.backup.runSchedule(later + 86_400_000);
    expect(third.pruned).toHaveLength(1);
    expect((await core.backup.list()).length).toBe(2);
    await core.settings.update({ backup: { folder: '', everyDays: 0 } });
  });
});

describe('backup while an import runs', () => {
  it('restores to a consistent library: finished documents complete, the running one resumable', async () => {
    const { core, dir, cleanup } = await tempCore({ restoreModels: false });
    const scratch = await mkdtemp(join(tmpdir(), 'benchmate-backup-'));
    try {
      await importPdf(core, dir, 'x200.pdf', sampleManualSpec(), { machineModels: ['X200'] });
      const out = join(scratch, 'during-import.tar');
      let backup: ReturnType<Core['backup']['create']> | undefined;
      // The gate: the moment the second document's 'importing' row is written (its pages are not
      // yet), the backup queues its snapshot on the index's write lock, ahead of the import's
      // final write. No timing involved: the order is fixed by the lock's queue.
      const off = core.events.on('library.changed', (e) => {
        if (e.reason === 'status' && !backup) backup = core.backup.create({ out });
      });
      const running = importPdf(core, dir, 'p10.pdf', pumpManualSpec(), { machineModels: ['P10'] });
      await running;
      off();
      expect(backup).toBeDefined();
      await backup!.done;
      expect((await docsOf(core)).every((d) => d.status === 'ready')).toBe(true);

      const target = join(scratch, 'restored');
      await restoreBackup(out, target);
      const restored = await openCore(target);
      try {
        const docs = await docsOf(restored);
        expect(docs).toHaveLength(2);
        const x200 = docs.find((d) => d.title === 'X200 Service Manual')!;
        const p10 = docs.find((d) => d.title !== 'X200 Service Manual')!;
        expect(x200.status).toBe('ready');
        // Caught mid-import: crash recovery on open marks it resumable, with no half-written rows.
        expect(p10.status).toBe('failed');
        expect(p10.statusDetail).toMatch(/interrupted.*reindex/);
        expect((await restored.library.get(String(p10.id))).chunkCount).toBe(0);
        const hits = (await restored.search.query({ text: 'fault E-204' })).passages;
        expect(hits[0]?.docId).toBe(x200.id);
        // Its PDF was backed up, so a reindex completes the document.
        const job = await restored.library.reindex(String(p10.id));
        expect((await restored.jobs.wait(job.jobId)).status).toBe('succeeded');
        expect((await restored.library.get(String(p10.id))).status).toBe('ready');
      } finally {
        await restored.dispose();
      }
    } finally {
      await cleanup();
      await rm(scratch, { recursive: true, force: true });
    }
    // Three real imports (two, plus the reindex) on a shared 2-core machine.
  }, 240_000);
});
