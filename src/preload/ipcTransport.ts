import type { EventName, MethodName } from '../shared/contract';
import type { Invoke, Subscribe } from '../shared/contract/client';
import type { Result } from '../shared/result';

/** The slice of ipcRenderer the preload uses (a fake in unit tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * invoke: one call per method on its derived channel; a rejected invoke (e.g. main reloading)
 * still resolves to a Result. subscribe: strips the IpcRendererEvent (it carries `sender`,
 * which must not leak to the page) and returns an unsubscribe.
 */
export function createIpcTransport(
  ipc: IpcRendererLike,
  channel: (m: MethodName) => string,
  eventChannel: (e: EventName) => string
): { invoke: Invoke; subscribe: Subscribe } {
  const invoke: Invoke = async (method, input) => {
    try {
      return (await ipc.invoke(channel(method), input)) as Result<unknown>;
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  };
  const subscribe: Subscribe = (event, listener) => {
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload);
    ipc.on(eventChannel(event), wrapped);
    return () => {
      ipc.removeListener(eventChannel(event), wrapped);
    };
  };
  return { invoke, subscribe };
}
