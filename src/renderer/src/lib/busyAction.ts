import type { AppErrorData, Result } from '../../../shared/result';

interface BusyState {
  busy: Record<string, boolean>;
  error: AppErrorData | null;
}

type SetState<S> = (fn: (s: S) => Partial<S>) => void;

/**
 * Runs one api call under a named busy flag (so its button can show progress and be disabled);
 * an error lands in the store's `error` and the call answers null.
 *
 * The flag is cleared however the call ends: a call that throws instead of answering a Result
 * (an IPC invoke rejected during a window reload, a bug in a caller's closure) used to leave its
 * button spinning for good — the "stuck Import button". Calls under the same key are counted, so
 * the first of two overlapping imports to finish does not clear the flag of the one still running.
 */
export function busyAction<S extends BusyState>(set: SetState<S>) {
  const running = new Map<string, number>();
  return async function run<T>(key: string, call: () => Promise<Result<T>>): Promise<T | null> {
    running.set(key, (running.get(key) ?? 0) + 1);
    set((s) => ({ busy: { ...s.busy, [key]: true } }) as Partial<S>);
    let r: Result<T>;
    try {
      r = await call();
    } catch (e) {
      r = { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
    set((s) => {
      const busy = { ...s.busy };
      if (left <= 0) delete busy[key];
      return (r.ok ? { busy } : { busy, error: r.error }) as Partial<S>;
    });
    return r.ok ? r.value : null;
  };
}
