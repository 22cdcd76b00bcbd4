/**
 * The real Electron main entry on the fake `electron` module, for the desktop integration of
 * issue 20: the window opens where it was left (clamped to today's displays) and remembers where
 * it is; a second launch focuses it; "open in the system viewer" reaches shell.openPath with the
 * library's stored copy only.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../src/shared/contract';
import { GRANT_DROPPED_CHANNEL } from '../../../src/main/app/ipc/registerIpc';
import { readWindowState, writeWindowState } from '../../../src/main/app/windowState';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

let dataDir: string;
const savedEnv = process.env.BENCHMATE_DATA_DIR;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'benchmate-desktop-unit-'));
  process.env.BENCHMATE_DATA_DIR = dataDir;
  // Last time the window was maximized on a second monitor that is not connected any more.
  await mkdir(dataDir, { recursive: true });
  writeWindowState(join(dataDir, 'window-state.json'), { bounds: { x: 2400, y: 200, width: 1000, height: 700 }, maximized: true });
  fake.desktop.displays = [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }];
  await import('../../../src/main/app/bootstrap');
  fake.resolveReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000 });
});

afterAll(async () => {
  for (const l of fake.appListeners.get('before-quit') ?? []) l({ preventDefault: () => {} });
  await vi.waitFor(() => expect(fake.state.quitCalls).toBeGreaterThan(0), { timeout: 10_000 });
  process.env.BENCHMATE_DATA_DIR = savedEnv;
  await rm(dataDir, { recursive: true, force: true });
});

const fire = (event: string) => fake.windows[0].listeners.get(event)?.forEach((l) => l());
const frame = () => ({ senderFrame: { url: fake.windows[0].url!, parent: null } });

describe('desktop integration (fake electron)', () => {
  it('opens where it was left, moved onto a display that exists, and maximized again', () => {
    expect(fake.windows[0].options).toMatchObject({ x: 183, y: 14, width: 1000, height: 700 });
    fire('ready-to-show');
    expect(fake.windows[0].calls).toEqual(['maximize', 'show']);
  });

  it('remembers the new position when the window closes', () => {
    fake.windows[0].win.bounds = { x: 40, y: 30, width: 1200, height: 650 };
    fake.windows[0].win.maximized = false;
    fire('close');
    expect(readWindowState(join(dataDir, 'window-state.json'))).toEqual({ bounds: { x: 40, y: 30, width: 1200, height: 650 }, maximized: false });
  });

  it('a second launch restores and focuses the existing window instead of opening another', () => {
    fake.windows[0].win.minimized = true;
    fake.windows[0].calls.length = 0;
    for (const l of fake.appListeners.get('second-instance') ?? []) l({}, ['benchmate'], '/');
    expect(fake.windows[0].calls).toEqual(['restore', 'focus']);
    expect(fake.windows).toHaveLength(1);
  });

  it('host.openDocument opens the stored copy in the system viewer; unknown ids are NOT_FOUND', { timeout: 120_000 }, async () => {
    const pdf = await writePdf(join(dataDir, '..', `${dataDir.split(/[\\/]/).pop()}-in`), 'x200.pdf', await makeManualPdf(sampleManualSpec()));
    const granted = (await fake.handlers.get(GRANT_DROPPED_CHANNEL)!(frame(), [pdf])) as { value: { paths: string[] } };
    const started = (await fake.handlers.get(ipcChannel('library.import'))!(frame(), { paths: granted.value.paths })) as { ok: boolean };
    expect(started.ok).toBe(true);
    const list = async () => ((await fake.handlers.get(ipcChannel('library.list'))!(frame(), {})) as { value: Array<{ id: string; status: string }> }).value;
    await vi.waitFor(async () => expect((await list())[0]?.status).toBe('ready'), { timeout: 100_000, interval: 200 });
    const [doc] = await list();
    const opened = await fake.handlers.get(ipcChannel('host.openDocument'))!(frame(), { docId: doc.id });
    expect(opened).toEqual({ ok: true, value: { opened: true } });
    expect(fake.desktop.openedPaths).toHaveLength(1);
    expect(fake.desktop.openedPaths[0].startsWith(resolve(dataDir, 'library'))).toBe(true);
    const unknown = (await fake.handlers.get(ipcChannel('host.openDocument'))!(frame(), { docId: 'no-such-doc' })) as { error: { code: string } };
    expect(unknown.error.code).toBe('NOT_FOUND');
    expect(fake.desktop.openedPaths).toHaveLength(1);
    await rm(join(pdf, '..'), { recursive: true, force: true });
  });
});
