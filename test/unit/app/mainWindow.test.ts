import { localAdminCtx } from '../../helpers/callContext';
import { describe, expect, it } from 'vitest';
import {
  hardenContents,
  hardenSession,
  isExternalLinkAllowed,
  appIconPath,
  mainWindowOptions,
  secureWebPreferences
} from '../../../src/main/app/mainWindow';
import { dataDirOverride, resolveUserData } from '../../../src/main/app/paths';
import { dialogHandlers } from '../../../src/main/app/dialogs';

const APP_URL = 'file:///opt/benchmate/out/renderer/index.html';

describe('window options', () => {
  it('are locked down: isolation, sandbox, no node, no webview', () => {
    const o = mainWindowOptions('/x/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/x/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick'
    });
    expect(secureWebPreferences('/x/preload/index.cjs')).toEqual(o.webPreferences);
  });

  it('use the packaged icon beside app.asar, or resources/ in development', () => {
    expect(appIconPath(true, '/opt/Benchmate/resources', '/opt/Benchmate/resources/app.asar')).toBe('/opt/Benchmate/resources/icon.png');
    expect(appIconPath(false, '/usr/lib/electron/resources', '/home/me/benchmate')).toBe('/home/me/benchmate/resources/icon.png');
    expect(mainWindowOptions('/x/preload/index.cjs', '/i.png').icon).toBe('/i.png');
    expect(mainWindowOptions('/x/preload/index.cjs').icon).toBeUndefined();
  });
});

function fakeContents() {
  const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string; disposition?: string }) => { action: 'deny' }) | undefined;
  return {
    contents: {
      on(event: string, l: (e: { preventDefault(): void }, url?: string) => void) {
        listeners.set(event, l);
      },
      setWindowOpenHandler(h: (d: { url: string; disposition?: string }) => { action: 'deny' }) {
        openHandler = h;
      }
    },
    /** Fires an event; returns true when the handler prevented it. */
    fire(event: string, url?: string): boolean {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string, disposition = 'foreground-tab') => openHandler!({ url, disposition })
  };
}

describe('navigation and window-open policy', () => {
  it('blocks navigation away from the app but allows in-app hash changes / reloads', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, () => APP_URL, { confirm: async () => true, open: () => {} });
    expect(f.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-redirect', 'http://127.0.0.1:9/x')).toBe(true);
    expect(f.fire('will-navigate', `${APP_URL}#/library`)).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window; http(s) links open externally only after the user confirms', async () => {
    const f = fakeContents();
    const asked: string[] = [];
    const opened: string[] = [];
    let answer = true;
    hardenContents(f.contents as never, () => APP_URL, {
      confirm: async (u) => (asked.push(u), answer),
      open: (u) => void opened.push(u)
    });
    for (const url of ['https://vendor.example/manual', 'http://plain.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'not a url']) {
      expect(f.open(url)).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setImmediate(r));
    expect(asked).toEqual(['https://vendor.example/manual', 'http://plain.example/']);
    expect(opened).toEqual(['https://vendor.example/manual', 'http://plain.example/']);
    // The user says no: nothing opens.
    answer = false;
    expect(f.open('https://other.example/')).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(asked).toHaveLength(3);
    expect(opened).toHaveLength(2);
    expect(isExternalLinkAllowed('ftp://x/')).toBe(false);
  });

  it('drops middle-click / aux-click and save-as opens without asking', async () => {
    const f = fakeContents();
    const asked: string[] = [];
    hardenContents(f.contents as never, () => APP_URL, { confirm: async (u) => (asked.push(u), true), open: () => {} });
    for (const d of ['background-tab', 'save-to-disk', 'other']) expect(f.open('https://vendor.example/', d)).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(asked).toEqual([]);
    f.open('https://vendor.example/', 'foreground-tab');
    await new Promise((r) => setImmediate(r));
    expect(asked).toEqual(['https://vendor.example/']);
  });

  it('denies all permission requests and checks', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    hardenSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) request!(null, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false]);
    expect(check!(null, 'media')).toBe(false);
  });
});

describe('paths', () => {
  it('uses --data-dir, then BENCHMATE_DATA_DIR, else app.getPath, and points Electron at the override', () => {
    const calls: string[] = [];
    const app = { getPath: () => '/home/u/.config/Benchmate', setPath: (_n: 'userData', v: string) => void calls.push(v) };
    expect(resolveUserData(app, ['electron', '.', '--data-dir', '/tmp/a'], { BENCHMATE_DATA_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(resolveUserData(app, ['electron', '--data-dir=/tmp/c'], {})).toBe('/tmp/c');
    expect(resolveUserData(app, ['electron'], { BENCHMATE_DATA_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(calls).toEqual(['/tmp/a', '/tmp/c', '/tmp/b']);
    expect(resolveUserData(app, ['electron'], {})).toBe('/home/u/.config/Benchmate');
    expect(calls).toHaveLength(3);
    expect(dataDirOverride(['--data-dir'], {})).toBeUndefined();
  });
});

describe('desktop dialogs', () => {
  it('map the native dialog answers to the contract shapes and write saved bytes', async () => {
    const writes: Array<[string, string]> = [];
    let cancel = false;
    const h = dialogHandlers(
      {
        showOpenDialog: async (o) => ({ canceled: cancel, filePaths: o.properties.includes('multiSelections') ? ['/a.pdf', '/b.pdf'] : ['/a.pdf'] }),
        showSaveDialog: async (o) => ({ canceled: cancel, filePath: `/out/${o.defaultPath}` })
      },
      async (p, d) => void writes.push([p, d.toString('utf8')])
    );
    expect(await h['host.pickFiles']({ multiple: true }, localAdminCtx)).toEqual({ paths: ['/a.pdf', '/b.pdf'] });
    expect(await h['host.pickFiles']({ multiple: false }, localAdminCtx)).toEqual({ paths: ['/a.pdf'] });
    expect(await h['host.saveFile']({ suggestedName: 'report.md', base64: Buffer.from('# hi').toString('base64') }, localAdminCtx)).toEqual({ path: '/out/report.md' });
    expect(writes).toEqual([['/out/report.md', '# hi']]);
    cancel = true;
    expect(await h['host.pickFiles']({ multiple: true }, localAdminCtx)).toEqual({ paths: [] });
    expect(await h['host.saveFile']({ suggestedName: 'r.md', base64: '' }, localAdminCtx)).toEqual({ path: null });
    expect(writes).toHaveLength(1);
  });
});
