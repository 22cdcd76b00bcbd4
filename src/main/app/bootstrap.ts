/**
 * Electron main entry (built to out/main/index.js). Wires the platform-free core to Electron:
 * userData from paths.ts, a hardened window, IPC for the contract, events forwarded to the window.
 */
import { app, BrowserWindow, dialog, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pathsFor } from '../core/config';
import { createCore, type Core } from '../core/createCore';
import { createWindowCall } from './windowCall';
import { appIconPath, hardenContents, hardenSession, mainWindowOptions } from './mainWindow';
import { resolveUserData } from './paths';
import { disposeBounded, recordStartupFailure } from './lifecycle';
import { forwardEvents } from './ipc/forwardEvents';
import { createSenderCheck } from './ipc/registerIpc';
import { registerElectronIpc } from './ipc/wireIpc';
import { openDocumentHandler } from './openDocument';
import { keepWindowState, placeWindow, readWindowState } from './windowState';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const preloadPath = join(here, '../preload/index.cjs');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = (): string => devServerUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let quitting = false;
/** <userData>/window-state.json: the main window's last size and position (windowState.ts). */
let stateFile = '';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const userData = resolveUserData(app, process.argv, process.env);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Any webContents created later (devtools aside) gets the same navigation lockdown.
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, appUrl, { confirm: confirmExternal, open: (url) => shell.openExternal(url) }));
  app.whenReady().then(() => start(userData)).catch((e: unknown) => startupFailed(e, userData));
}

async function start(userData: string): Promise<void> {
  hardenSession(session.defaultSession);
  stateFile = join(userData, 'window-state.json');
  core = await createCore({ paths: pathsFor(userData), host: 'electron', version: app.getVersion(), logEcho: !app.isPackaged });
  const c = core;
  // Native dialogs replace the core's headless stubs; the window names files only through the
  // grants they issue (pathGrants.ts); input is still zod-validated by dispatch.
  const dialogs = {
    showOpenDialog: (o: Parameters<typeof dialog.showOpenDialog>[0]) => (mainWindow ? dialog.showOpenDialog(mainWindow, o) : dialog.showOpenDialog(o)),
    showSaveDialog: (o: Parameters<typeof dialog.showSaveDialog>[0]) => (mainWindow ? dialog.showSaveDialog(mainWindow, o) : dialog.showSaveDialog(o))
  };
  const openDocument = openDocumentHandler({
    storedPath: async (id) => (await c.library.get(id)).storedPath,
    libraryDir: c.config.paths.library,
    openPath: (p) => shell.openPath(p)
  });
  const { call, grants } = createWindowCall(c, dialogs, undefined, openDocument);
  registerElectronIpc({
    call,
    grantDropped: (paths) => paths.map((p) => grants.grant(p)),
    isTrustedSender: createSenderCheck(appUrl),
    logger: c.logger.child('ipc')
  });
  forwardEvents(c.events, () => mainWindow?.webContents ?? null);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** Asks before a link leaves the app for the system browser (see hardenContents). */
async function confirmExternal(url: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: url.length > 300 ? `${url.slice(0, 300)}…` : url
  };
  const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  return answer.response === 0;
}

function createWindow(): void {
  const options = mainWindowOptions(preloadPath, appIconPath(app.isPackaged, process.resourcesPath, app.getAppPath()));
  // Where the window was last time, if that is still on a screen (windowState.ts).
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const place = placeWindow(readWindowState(stateFile), displays, screen.getPrimaryDisplay().workArea, { width: options.width!, height: options.height! }, { width: options.minWidth!, height: options.minHeight! });
  // The isolation flags are repeated here, at the call site, so static scanners (electronegativity)
  // see them; secureWebPreferences holds the full set and is unit-tested.
  const win = new BrowserWindow({
    ...options,
    ...place.bounds,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick'
    }
  });
  mainWindow = win;
  keepWindowState(win, stateFile, (e) => core?.logger.warn('saving the window position failed', { error: e }));
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(appUrl());
}

/** createCore rejected (data folder locked or unwritable, index unreadable): say why, then quit. */
async function startupFailed(e: unknown, userData: string): Promise<void> {
  const failure = await recordStartupFailure(e, pathsFor(userData).logs);
  dialog.showErrorBox(failure.title, failure.content);
  quitting = true;
  const c = core;
  core = null;
  if (c) await disposeBounded(() => c.dispose(), c.logger);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Dispose the core (jobs cancelled, index and logs closed) before the process exits.
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  const c = core;
  core = null;
  void disposeBounded(() => c.dispose(), c.logger).finally(() => app.quit());
});
