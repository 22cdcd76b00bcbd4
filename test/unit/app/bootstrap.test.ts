/**
 * Boots the real Electron main entry (src/main/app/bootstrap.ts) against an in-memory fake of the
 * `electron` module: checks the wiring end to end — data-dir override, secure window with the
 * CJS preload, one IPC handler per contract method answering the window's main frame, events
 * forwarded to the window, and the core disposed on quit. Runs without an Electron binary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, ipcEventChannel, methodNames } from '../../../src/shared/contract';
import { fake } from './fakeElectron';

// The whole `electron` module, faked in memory (shared with the start-up failure test).
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

let dataDir: string;
const savedEnv = process.env.BENCHMATE_DATA_DIR;
const savedRendererUrl = process.env.ELECTRON_RENDERER_URL;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'benchmate-electron-unit-'));
  process.env.BENCHMATE_DATA_DIR = dataDir;
  delete process.env.ELECTRON_RENDERER_URL;
  await import('../../../src/main/app/bootstrap');
  fake.resolveReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000 });
});

afterAll(async () => {
  for (const l of fake.appListeners.get('before-quit') ?? []) l({ preventDefault: () => {} });
  await vi.waitFor(() => expect(fake.state.quitCalls).toBeGreaterThan(0), { timeout: 10_000 });
  process.env.BENCHMATE_DATA_DIR = savedEnv;
  if (savedRendererUrl !== undefined) process.env.ELECTRON_RENDERER_URL = savedRendererUrl;
  await rm(dataDir, { recursive: true, force: true });
});

describe('Electron bootstrap (fake electron module)', () => {
  it('points userData at the override and opens one hardened window on the built renderer', () => {
    expect(fake.paths.userData).toBe(dataDir);
    const [win] = fake.windows;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(fake.state.permissionHandler).not.toBeNull();
  });

  it('answers every contract method over IPC for the main frame only', async () => {
    // Plus the preload's dropped-files channel (grants for dropped files, see pathGrants.ts).
    expect([...fake.handlers.keys()].sort()).toEqual([...methodNames.map(ipcChannel), 'benchmate:grant-dropped'].sort());
    const url = fake.windows[0].url!;
    const info = (await fake.handlers.get(ipcChannel('app.info'))!({ senderFrame: { url: `${url}#/status`, parent: null } })) as {
      ok: boolean;
      value: { host: string; version: string; paths: { userData: string } };
    };
    expect(info.ok).toBe(true);
    expect(info.value).toMatchObject({ host: 'electron', version: '9.9.9-test', paths: { userData: dataDir } });
    const iframe = (await fake.handlers.get(ipcChannel('app.info'))!({ senderFrame: { url, parent: { url, parent: null } } })) as {
      error: { code: string };
    };
    expect(iframe.error.code).toBe('FORBIDDEN');
    // host.pickFiles is implemented natively here (the fake dialog reports a cancel), not the headless NOT_FOUND stub.
    const picked = (await fake.handlers.get(ipcChannel('host.pickFiles'))!({ senderFrame: { url, parent: null } }, {})) as unknown;
    expect(picked).toEqual({ ok: true, value: { paths: [] } });
    // The window cannot name a file it was not granted.
    const raw = (await fake.handlers.get(ipcChannel('library.import'))!({ senderFrame: { url, parent: null } }, { paths: ['/etc/passwd'] })) as {
      error: { code: string };
    };
    expect(raw.error.code).toBe('FORBIDDEN');
  });

  it('forwards core events to the window', async () => {
    const url = fake.windows[0].url!;
    await fake.handlers.get(ipcChannel('settings.update'))!({ senderFrame: { url, parent: null } }, { ui: { theme: 'dark' } });
    const sent = fake.windows[0].sent.filter(([c]) => c === ipcEventChannel('settings.changed'));
    expect(sent).toHaveLength(1);
    expect((sent[0][1] as { ui: { theme: string } }).ui.theme).toBe('dark');
  });

  it('a link clicked in any web contents opens in the browser only after the confirm dialog says yes', async () => {
    let openHandler: ((d: { url: string; disposition: string }) => unknown) | undefined;
    const contents = { on: () => {}, setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) };
    for (const l of fake.appListeners.get('web-contents-created') ?? []) l({}, contents);
    fake.state.messageBoxAnswer = 1; // Cancel
    expect(openHandler!({ url: 'https://vendor.example/a', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.state.messageBoxes).toHaveLength(1));
    expect(fake.state.messageBoxes[0].detail).toBe('https://vendor.example/a');
    fake.state.messageBoxAnswer = 0; // Open in browser
    openHandler!({ url: 'https://vendor.example/b', disposition: 'foreground-tab' });
    await vi.waitFor(() => expect(fake.state.openedExternal).toEqual(['https://vendor.example/b']));
    openHandler!({ url: 'https://vendor.example/c', disposition: 'background-tab' }); // middle-click
    openHandler!({ url: 'file:///etc/passwd', disposition: 'foreground-tab' });
    await new Promise((r) => setImmediate(r));
    expect(fake.state.messageBoxes).toHaveLength(2);
    expect(fake.state.openedExternal).toEqual(['https://vendor.example/b']);
  });
});
