import { AppError, type AppErrorData } from '../../../shared/result';

// Defined next to Result so `unwrap` (shared by every host) throws the same type.
export { AppError };

/** The error a cancelled operation rejects with (recognised by isAbortError). */
export function abortError(): Error {
  const e = new Error('Cancelled.');
  e.name = 'AbortError';
  return e;
}

export const isAbortError = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR');

/** Normalises anything thrown into error data safe to send to a renderer. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  if (isAbortError(e)) return { code: 'CANCELLED', message: 'Cancelled.' };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: message || 'Unexpected error.' };
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
}

/**
 * A caller-supplied value as it may appear in an error message: a short prefix only, so a
 * megabyte id or method name is never sent back (nor written to the log) whole.
 */
export function echo(value: string, max = 80): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} chars)`;
}

/** Longest error message a call returns; longer ones (e.g. many zod issues) are cut. */
export const MAX_ERROR_MESSAGE = 2000;
