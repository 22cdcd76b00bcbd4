import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../../../src/main/core/platform/atomicFile';
import { FileLogger } from '../../../src/main/core/platform/logger';
import { TypedEmitter } from '../../../src/main/core/platform/emitter';
import { SettingsService } from '../../../src/main/core/settings/settingsService';
import { nullLogger } from '../../../src/main/core/platform/logger';

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));
const fresh = async () => (dir = await mkdtemp(join(tmpdir(), 'bm-files-')));

describe('atomic JSON files', () => {
  it('writes, replaces and leaves no temp files behind', async () => {
    await fresh();
    const p = join(dir, 'a.json');
    expect(await readJsonIfExists(p)).toBeUndefined();
    await writeJsonAtomic(p, { n: 1 });
    await writeJsonAtomic(p, { n: 2 });
    expect(await readJsonIfExists(p)).toEqual({ n: 2 });
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});

describe('FileLogger', () => {
  it('writes JSON lines with scope and rotates past maxBytes keeping N generations', async () => {
    await fresh();
    const log = new FileLogger({ dir, maxBytes: 400, keep: 2 });
    for (let i = 0; i < 40; i++) log.child('x').info('message number ' + i, { i });
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['benchmate.log', 'benchmate.log.1', 'benchmate.log.2']);
    const last = (await readFile(join(dir, 'benchmate.log'), 'utf8')).trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ level: 'info', scope: 'core.x', msg: 'message number 39', i: 39 });
  });

  it('drops messages below the configured level', async () => {
    await fresh();
    const log = new FileLogger({ dir, level: 'warn' });
    log.info('hidden');
    log.error('shown', { error: new Error('bad') });
    const lines = (await readFile(log.file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).error.message).toBe('bad');
  });
});

describe('TypedEmitter', () => {
  it('isolates a throwing listener from the others', () => {
    const errors: unknown[] = [];
    const em = new TypedEmitter<{ a: number }>((e) => errors.push(e));
    const got: number[] = [];
    em.on('a', () => {
      throw new Error('x');
    });
    const off = em.on('a', (n) => got.push(n));
    em.onAny((_e, n) => got.push(n * 10));
    em.emit('a', 1);
    off();
    em.emit('a', 2);
    expect(got).toEqual([1, 10, 20]);
    expect(errors).toHaveLength(2);
  });
});

describe('SettingsService', () => {
  it('moves a corrupt settings file aside and falls back to defaults', async () => {
    await fresh();
    const file = join(dir, 'settings.json');
    await writeFile(file, '{ not json');
    const s = new SettingsService(file, nullLogger);
    const loaded = await s.load();
    expect(loaded.retrieval.resultsPerAnswer).toBe(5);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('rejects an invalid patch without changing the saved file', async () => {
    await fresh();
    const s = new SettingsService(join(dir, 'settings.json'), nullLogger);
    await s.load();
    await s.update({ ui: { theme: 'dark' } });
    await expect(s.update({ retrieval: { resultsPerAnswer: 999 } })).rejects.toThrow();
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.ui.theme).toBe('dark');
    expect(onDisk.retrieval.resultsPerAnswer).toBe(5);
  });
});
