import type { Api } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

type AnyFn = (input?: unknown) => Promise<Result<unknown>>;

/**
 * Calls a method that may not exist in this build's contract (e.g. `app.stats` before the chat
 * feature adds it). Returns null when absent, so a screen can show "not available" instead of crashing.
 */
export function optionalMethod(api: Api, name: string): AnyFn | null {
  const [ns, key] = name.split('.', 2);
  const group = (api as unknown as Record<string, Record<string, AnyFn> | undefined>)[ns];
  const fn = group?.[key];
  return typeof fn === 'function' ? fn : null;
}

export async function callOptional(api: Api, name: string, input?: unknown): Promise<Result<unknown> | null> {
  const fn = optionalMethod(api, name);
  return fn ? fn(input) : null;
}
