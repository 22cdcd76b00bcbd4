import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock } from '../../../src/main/core/platform/dataDirLock';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder lock', () => {
  it('makes the first opener primary and a second one secondary until released', () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-lock-'));
    const a = acquireDataDirLock(dir);
    const b = acquireDataDirLock(dir);
    expect(a.primary).toBe(true);
    expect(b).toMatchObject({ primary: false, ownerPid: process.pid });
    a.release();
    expect(existsSync(join(dir, '.benchmate.lock'))).toBe(false);
    const c = acquireDataDirLock(dir);
    expect(c.primary).toBe(true);
    c.release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-lock-'));
    // A real PID that is certainly dead: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, '.benchmate.lock'), String(dead));
    const l = acquireDataDirLock(dir);
    expect(l.primary).toBe(true);
    l.release();
  });
});

describe('data folder lock: a reused PID', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });
  /** A live process that is certainly not the lock's writer: it started after the lock was written. */
  const liveStranger = () => {
    child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    return child.pid!;
  };

  it.skipIf(process.platform === 'win32')('takes over a lock whose PID now belongs to a process started after the lock was written', () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-lock-'));
    const file = join(dir, '.benchmate.lock');
    writeFileSync(file, String(liveStranger())); // a dead run's lock (old plain-PID format)...
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(file, hourAgo, hourAgo); // ...written an hour before that PID's process started
    const l = acquireDataDirLock(dir);
    expect(l.primary).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    l.release();
  });

  it.skipIf(process.platform === 'win32')('takes over a lock whose recorded start time does not match the live process with that PID', () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-lock-'));
    writeFileSync(join(dir, '.benchmate.lock'), JSON.stringify({ pid: liveStranger(), startedAt: Date.now() - 86_400_000 }));
    const l = acquireDataDirLock(dir);
    expect(l.primary).toBe(true);
    l.release();
  });

  it('still defers to a live owner whose start time matches (another core in this process)', () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-lock-'));
    const a = acquireDataDirLock(dir);
    expect(acquireDataDirLock(dir)).toMatchObject({ primary: false, ownerPid: process.pid });
    a.release();
  });
});
