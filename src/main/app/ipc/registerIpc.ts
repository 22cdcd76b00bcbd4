import { ipcChannel, methodNames, type MethodName } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { Logger } from '../../core/platform/logger';

/** The slice of `ipcMain` registerIpc uses — a plain fake in unit tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface FrameLike {
  url: string;
  /** Main frame has no parent; iframes (e.g. a PDF viewer) must never reach the core. */
  parent: FrameLike | null;
}

export type Call = (method: MethodName, input: unknown) => Promise<Result<unknown>>;

export interface RegisterIpcDeps {
  ipcMain: IpcMainLike;
  /** Validates with zod and calls the handler (core.call, or dispatch with host overrides). */
  call: Call;
  /** True only for our own window's main frame showing our own page. */
  isTrustedSender(frame: FrameLike | null): boolean;
  logger: Logger;
  /**
   * Files dropped on the window: the preload reads their paths with webUtils.getPathForFile (only
   * real dropped/picked File objects have one) and sends them here; the answer is grants.
   */
  grantDropped?(paths: string[]): string[];
}

/** Channel of the preload's dropped-files call (not a contract method: the page never names paths). */
export const GRANT_DROPPED_CHANNEL = 'benchmate:grant-dropped';

/**
 * One ipcMain.handle per contract method, channels derived from the contract. Every answer is a
 * Result: an untrusted sender gets FORBIDDEN, bad input INVALID_INPUT (from the dispatcher), and
 * even a bug in `call` itself becomes INTERNAL with the stack logged here in main only.
 * Returns a function that removes the handlers.
 */
export function registerIpc(deps: RegisterIpcDeps): () => void {
  const channels: string[] = [];
  for (const name of methodNames) {
    const channel = ipcChannel(name);
    deps.ipcMain.handle(channel, async (event, input) => {
      if (!deps.isTrustedSender(event.senderFrame)) {
        deps.logger.warn('ipc call from an untrusted frame refused', { method: name, url: event.senderFrame?.url });
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the Benchmate window.' } } satisfies Result<never>;
      }
      try {
        return await deps.call(name, input);
      } catch (e) {
        deps.logger.error('ipc call failed', { method: name, error: e });
        return { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error in the main process.' } } satisfies Result<never>;
      }
    });
    channels.push(channel);
  }
  const grantDropped = deps.grantDropped;
  if (grantDropped) {
    deps.ipcMain.handle(GRANT_DROPPED_CHANNEL, async (event, paths) => {
      if (!deps.isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the Benchmate window.' } } satisfies Result<never>;
      }
      const ok = Array.isArray(paths) && paths.length <= 1000 && paths.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 4096);
      if (!ok) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Expected the paths of dropped files.' } } satisfies Result<never>;
      return { ok: true, value: { paths: grantDropped(paths as string[]) } } satisfies Result<{ paths: string[] }>;
    });
    channels.push(GRANT_DROPPED_CHANNEL);
  }
  return () => {
    for (const c of channels) deps.ipcMain.removeHandler(c);
  };
}

/**
 * Sender check: the frame must be a main frame (no parent) and show the app's own page — the
 * file:// index.html in production or the dev server URL under `npm run dev`.
 */
export function createSenderCheck(appUrl: () => string): (frame: FrameLike | null) => boolean {
  return (frame) => {
    if (!frame || frame.parent) return false;
    try {
      const a = new URL(frame.url);
      const b = new URL(appUrl());
      return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
    } catch {
      return false;
    }
  };
}
