import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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
