import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DISPOSE_LIMIT_MS, disposeBounded, recordStartupFailure } from '../../../src/main/app/lifecycle';
import { memoryLogger } from './fakes';

describe('disposeBounded (quit never waits forever)', () => {
  afterEach(() => vi.useRealTimers());

  it('gives up on a dispose that never settles once the limit passes, and logs it', async () => {
    vi.useFakeTimers();
    const log = memoryLogger();
    let settled = false;
    const outcome = disposeBounded(() => new Promise<void>(() => {}), log).then((o) => ((settled = true), o));
    await vi.advanceTimersByTimeAsync(DISPOSE_LIMIT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('timed_out');
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/timed out/) }));
  });

  it('reports a finished dispose and a failed one (logged, quit goes on)', async () => {
    const log = memoryLogger();
    expect(await disposeBounded(async () => {}, log)).toBe('disposed');
    expect(await disposeBounded(async () => Promise.reject(new Error('index close failed')), log)).toBe('failed');
    expect(log.entries.map((e) => [e.level, e.msg])).toEqual([
      ['info', 'disposed on quit'],
      ['error', 'dispose on quit failed'],
      ['info', 'disposed on quit']
    ]);
  });
});

describe('recordStartupFailure', () => {
  it('writes the stack to <logs>/startup-error.log and names that file in the dialog text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-startup-log-'));
    try {
      const f = await recordStartupFailure(new Error('data folder is locked by process 42'), join(dir, 'logs'));
      expect(f.logPath).toBe(join(dir, 'logs', 'startup-error.log'));
      expect(f.content).toContain('data folder is locked by process 42');
      expect(f.content).toContain(f.logPath);
      expect(await readFile(f.logPath, 'utf8')).toMatch(/could not start: Error: data folder is locked by process 42\n\s+at /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
