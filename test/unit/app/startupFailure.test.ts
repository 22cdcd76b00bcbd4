/**
 * The real Electron main entry against the fake `electron` module, with a data folder that
 * cannot be created (its parent is a file): createCore rejects, and the app must show an error
 * dialog with the reason and the log path, then exit with code 1 — no window, no hang.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

let root: string;
const savedEnv = process.env.BENCHMATE_DATA_DIR;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'benchmate-startup-fail-'));
  await writeFile(join(root, 'not-a-folder'), 'x');
  process.env.BENCHMATE_DATA_DIR = join(root, 'not-a-folder', 'data');
  await import('../../../src/main/app/bootstrap');
  fake.resolveReady();
  await vi.waitFor(() => expect(fake.state.exitCodes).toEqual([1]), { timeout: 30_000 });
});

afterAll(async () => {
  process.env.BENCHMATE_DATA_DIR = savedEnv;
  await rm(root, { recursive: true, force: true });
});

describe('Electron start-up failure (fake electron module)', () => {
  it('shows one error dialog with the reason and where the details were written, then exits 1 without a window', async () => {
    expect(fake.windows).toEqual([]);
    expect(fake.state.errorBoxes).toHaveLength(1);
    const [box] = fake.state.errorBoxes;
    expect(box.title).toBe('Benchmate could not start');
    expect(box.content).toMatch(/ENOTDIR|not a directory/i);
    // The data folder is unusable, so the details went to the temp folder; the dialog names the file.
    const logPath = /Details were written to:\n(.+)\n/.exec(box.content)?.[1] ?? '';
    expect(logPath).toContain('benchmate-startup-error.log');
    expect(await readFile(logPath, 'utf8')).toMatch(/could not start: .*(ENOTDIR|not a directory)/i);
    expect(fake.handlers.size).toBe(0);
  });
});
