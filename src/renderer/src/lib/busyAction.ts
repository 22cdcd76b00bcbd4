import type { AppErrorData, Result } from '../../../shared/result';

interface BusyState {
  busy: Record<string, boolean>;
  error: AppErrorData | null;
}

type SetState<S> = (fn: (s: S) => Partial<S>) => void;

/**
 * Runs one api call under a named busy flag (so its button can show progress and be disabled);
 * an error lands in the store's `error` and the call answers null.
 */
export function busyAction<S extends BusyState>(set: SetState<S>) {
  return async function run<T>(key: string, call: () => Promise<Result<T>>): Promise<T | null> {
    set((s) => ({ busy: { ...s.busy, [key]: true } }) as Partial<S>);
    const r = await call();
    set((s) => {
      const busy = { ...s.busy };
      delete busy[key];
      return (r.ok ? { busy } : { busy, error: r.error }) as Partial<S>;
    });
    return r.ok ? r.value : null;
  };
}
