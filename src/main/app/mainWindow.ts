/**
 * Secure window setup, written as plain functions over small interfaces so the options and
 * the navigation/permission policy are unit-tested without an Electron binary.
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click (auxclick) on a link would ask for a new window; Blink never fires it now.
    disableBlinkFeatures: 'Auxclick'
  };
}

/**
 * The window/taskbar icon on Linux and Windows (macOS takes the bundle's icns). Packaged, it is an
 * extraResource next to app.asar (electron-builder.cjs); in development it is read from resources/.
 */
export function appIconPath(isPackaged: boolean, resourcesPath: string, appPath: string): string {
  return isPackaged ? join(resourcesPath, 'icon.png') : join(appPath, 'resources', 'icon.png');
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    title: 'Benchmate',
    show: false, // shown on 'ready-to-show' to avoid a white flash
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath)
  };
}

/** Only web links (http/https) may leave the app, and only to the system browser after a confirm. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * How a window-open request may reach the system browser: a plain click on a target=_blank link
 * ('foreground-tab') or window.open ('default' / 'new-window' from script). Middle-click and
 * other aux clicks ('background-tab'), save-as and anything else are refused outright: a
 * malicious PDF link should not open pages behind the user's back.
 */
export const EXTERNAL_DISPOSITIONS: ReadonlySet<string> = new Set(['foreground-tab', 'default', 'new-window']);

/** The renderer may reload itself but never navigate elsewhere (a link click, a malicious PDF…). */
export function isSameDocument(target: string, appUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(appUrl);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}
export interface WindowOpenDetails {
  url: string;
  disposition?: string;
}
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
}
export interface HardenableSession {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
}

/** What leaving the app needs from Electron: ask the user, then hand the URL to the system browser. */
export interface ExternalOpener {
  confirm(url: string): Promise<boolean>;
  open(url: string): Promise<void> | void;
}

/**
 * Blocks navigation, webviews and every new window. An http(s) link clicked in the app opens in
 * the system browser only after the user confirms (a link in a manual could lead anywhere);
 * middle-click / aux opens and every other scheme are dropped.
 */
export function hardenContents(contents: HardenableContents, appUrl: () => string, external: ExternalOpener): void {
  const block = (e: PreventableEvent, url: string): void => {
    if (!isSameDocument(url, appUrl())) e.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url, disposition }) => {
    if (isExternalLinkAllowed(url) && EXTERNAL_DISPOSITIONS.has(disposition ?? 'default')) {
      void external
        .confirm(url)
        .then((yes) => (yes ? external.open(url) : undefined))
        .catch(() => undefined);
    }
    return { action: 'deny' };
  });
}

/** Benchmate needs no camera, microphone, notifications, geolocation… deny every request. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
