/** Minimal in-memory stand-ins for ipcMain / ipcRenderer / webContents, wired to each other. */
import type { FrameLike, IpcMainLike } from '../../../src/main/app/ipc/registerIpc';
import type { IpcRendererLike } from '../../../src/preload/ipcTransport';
import type { Logger } from '../../../src/main/core/platform/logger';

type Handler = (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does when a renderer calls ipcRenderer.invoke from `frame`. */
  async invokeFrom(frame: FrameLike | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: frame }, ...args);
  }
}

/** A renderer whose invokes arrive at `main` from `frame`, and whose `on` receives webContents.send. */
export class FakeIpcRenderer implements IpcRendererLike {
  private readonly listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();
  constructor(
    private readonly main: FakeIpcMain,
    private readonly frame: FrameLike
  ) {}
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    // Structured clone, like real IPC: nothing but data crosses.
    return this.main.invokeFrom(this.frame, channel, ...args.map((a) => structuredClone(a))).then((r) => structuredClone(r));
  }
  on(channel: string, listener: (e: unknown, p: unknown) => void): void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
  }
  removeListener(channel: string, listener: (e: unknown, p: unknown) => void): void {
    this.listeners.get(channel)?.delete(listener);
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
  /** webContents.send side. */
  deliver(channel: string, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'secret' }, structuredClone(payload));
  }
}

export interface LogEntry {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}
export function memoryLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (): Logger & { entries: LogEntry[] } => ({
    entries,
    debug: (msg, fields) => entries.push({ level: 'debug', msg, fields }),
    info: (msg, fields) => entries.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => entries.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => entries.push({ level: 'error', msg, fields }),
    child: () => make()
  });
  return make();
}
