import type { Api, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../../src/shared/contract';
import { createApiClient } from '../../../../src/shared/contract/client';
import { AppError, type AppErrorData, type Result } from '../../../../src/shared/result';

/**
 * A fake core for renderer store tests: the REAL typed client (createApiClient) over in-memory
 * handlers, so stores are exercised through the exact Api type the app uses. Handlers may throw
 * `new AppError(code, msg)` (the app's own error type) to answer with a Result error; unhandled methods answer NOT_FOUND.
 */
export type FakeHandlers = Partial<{
  [M in MethodName]: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
}>;

export interface FakeApi {
  api: Api;
  /** Every call in order, for asserting what the store sent. */
  calls: Array<{ method: MethodName; input: unknown }>;
  callsTo(method: MethodName): unknown[];
  /** Push an event as the core would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
  /** Replace or add handlers mid-test. */
  handlers: FakeHandlers;
}

export function createFakeApi(handlers: FakeHandlers = {}): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const fake: FakeApi = {
    handlers,
    calls,
    callsTo: (m) => calls.filter((c) => c.method === m).map((c) => c.input),
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    api: undefined as unknown as Api
  };
  fake.api = createApiClient(
    async (method, input): Promise<Result<unknown>> => {
      calls.push({ method, input });
      const h = (fake.handlers as Record<string, ((i: unknown) => unknown) | undefined>)[method];
      if (!h) return { ok: false, error: { code: 'NOT_FOUND', message: `fake: no handler for ${method}` } };
      try {
        return { ok: true, value: await h(input) };
      } catch (e) {
        const error: AppErrorData =
          e instanceof AppError ? e.toData() : { code: 'INTERNAL', message: String(e) };
        return { ok: false, error };
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }
  );
  return fake;
}

/** Resolves after pending promise callbacks (store actions awaiting the fake) have run. */
export const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
