/**
 * An in-memory `electron` module for the bootstrap tests: app lifecycle events, windows, ipcMain,
 * dialogs. Tests mock 'electron' with `electronModule` and read/drive the same `fake` state.
 */
export const fake = (() => {
  type Listener = (...args: unknown[]) => unknown;
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const windows: Array<{
    options: Record<string, unknown>;
    url?: string;
    sent: Array<[string, unknown]>;
    contents: Record<string, unknown>;
    listeners: Map<string, Array<() => void>>;
    calls: string[];
    win: { bounds: { x: number; y: number; width: number; height: number }; minimized: boolean; maximized: boolean };
  }> = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const paths: Record<string, string> = { userData: '/nonexistent/real-profile' };
  const state = { quitCalls: 0, exitCodes: [] as number[], errorBoxes: [] as Array<{ title: string; content: string }>, permissionHandler: null as null | Listener, messageBoxes: [] as Array<{ message: string; detail?: string }>, messageBoxAnswer: 1, openedExternal: [] as string[] };
  // Desktop integration (single instance, window placement, system viewer): what the app did.
  const desktop = {
    singleInstanceLock: true,
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    openedPaths: [] as string[],
    openPathAnswer: ''
  };
  return { appListeners, handlers, windows, ready, resolveReady, paths, state, desktop };
})();

export const electronModule = (() => {
  const on = (event: string, l: (...args: unknown[]) => unknown) => {
    fake.appListeners.set(event, [...(fake.appListeners.get(event) ?? []), l]);
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    private readonly record: (typeof fake.windows)[number];
    constructor(options: Record<string, unknown>) {
      const sent: Array<[string, unknown]> = [];
      this.webContents = { isDestroyed: () => false, send: (c: string, p: unknown) => sent.push([c, p]), mainFrame: null };
      const o = options as { x?: number; y?: number; width?: number; height?: number };
      const bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
      this.record = { options, sent, contents: this.webContents, listeners: new Map(), calls: [], win: { bounds, minimized: false, maximized: false } };
      fake.windows.push(this.record);
    }
    static getAllWindows = () => fake.windows;
    once(event: string, l: () => void) {
      this.on(event, l);
    }
    on(event: string, l: () => void) {
      this.record.listeners.set(event, [...(this.record.listeners.get(event) ?? []), l]);
    }
    show() {
      this.record.calls.push('show');
    }
    focus() {
      this.record.calls.push('focus');
    }
    restore() {
      this.record.calls.push('restore');
      this.record.win.minimized = false;
    }
    maximize() {
      this.record.calls.push('maximize');
      this.record.win.maximized = true;
    }
    isMinimized = () => this.record.win.minimized;
    isMaximized = () => this.record.win.maximized;
    isDestroyed = () => false;
    getNormalBounds = () => ({ ...this.record.win.bounds });
    async loadURL(url: string) {
      this.record.url = url;
    }
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => fake.desktop.singleInstanceLock,
      getPath: (name: string) => fake.paths[name],
      setPath: (name: string, value: string) => void (fake.paths[name] = value),
      getVersion: () => '9.9.9-test',
      getAppPath: () => '/opt/benchmate',
      whenReady: () => fake.ready,
      on,
      quit: () => void fake.state.quitCalls++,
      exit: (code: number) => void fake.state.exitCodes.push(code)
    },
    BrowserWindow,
    ipcMain: {
      handle: (c: string, h: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void fake.handlers.set(c, h),
      removeHandler: (c: string) => void fake.handlers.delete(c)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => void (fake.state.permissionHandler = h),
        setPermissionCheckHandler: () => {}
      }
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showErrorBox: (title: string, content: string) => void fake.state.errorBoxes.push({ title, content }),
      showMessageBox: async (...args: unknown[]) => {
        const o = args[args.length - 1] as { message: string; detail?: string };
        fake.state.messageBoxes.push({ message: o.message, detail: o.detail });
        return { response: fake.state.messageBoxAnswer };
      }
    },
    shell: { openExternal: async (url: string) => void fake.state.openedExternal.push(url), openPath: async (p: string) => (fake.desktop.openedPaths.push(p), fake.desktop.openPathAnswer) },
    screen: { getAllDisplays: () => fake.desktop.displays, getPrimaryDisplay: () => fake.desktop.displays[0] }
  };
})();
