/**
 * An in-memory `electron` module for the bootstrap tests: app lifecycle events, windows, ipcMain,
 * dialogs. Tests mock 'electron' with `electronModule` and read/drive the same `fake` state.
 */
export const fake = (() => {
  type Listener = (...args: unknown[]) => unknown;
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const windows: Array<{ options: Record<string, unknown>; url?: string; sent: Array<[string, unknown]>; contents: Record<string, unknown> }> = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => (resolveReady = r));
  const paths: Record<string, string> = { userData: '/nonexistent/real-profile' };
  const state = { quitCalls: 0, exitCodes: [] as number[], errorBoxes: [] as Array<{ title: string; content: string }>, permissionHandler: null as null | Listener, messageBoxes: [] as Array<{ message: string; detail?: string }>, messageBoxAnswer: 1, openedExternal: [] as string[] };
  return { appListeners, handlers, windows, ready, resolveReady, paths, state };
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
      this.record = { options, sent, contents: this.webContents };
      fake.windows.push(this.record);
    }
    static getAllWindows = () => fake.windows;
    once() {}
    on() {}
    show() {}
    isMinimized = () => false;
    async loadURL(url: string) {
      this.record.url = url;
    }
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
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
    shell: { openExternal: async (url: string) => void fake.state.openedExternal.push(url) }
  };
})();
