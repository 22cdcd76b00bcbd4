import { contract, type Api, type EventName, type MethodName, type Namespace } from './index';
import type { Result } from '../result';

export type Invoke = (method: MethodName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the typed `api` object from any transport. Used by the preload (IPC), the renderer's
 * WebSocket client and tests, so all three expose the exact same shape.
 */
export function createApiClient(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const ns of Object.keys(contract) as Namespace[]) {
    const group: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const key of Object.keys(contract[ns])) {
      const name = `${ns}.${key}` as MethodName;
      group[key] = (input?: unknown) => invoke(name, input);
    }
    api[ns] = Object.freeze(group);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return Object.freeze(api) as unknown as Api;
}
