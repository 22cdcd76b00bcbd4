/**
 * Every contract call answers with a Result instead of throwing: Electron IPC keeps only the
 * message of a thrown error, so codes and details must travel as plain data.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CANCELLED',
  'MODEL_NOT_LOADED',
  'UNSUPPORTED_FILE',
  'DUPLICATE',
  'NEEDS_PASSWORD',
  'TOO_LARGE',
  'CONFLICT',
  'OFFLINE',
  'OUT_OF_MEMORY',
  'FORBIDDEN',
  'UNAUTHORIZED',
  /** The host is at a resource limit for this caller (e.g. too many calls waiting on one socket): retry later. */
  'BUSY',
  'INTERNAL'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (e.g. zod issues); never a stack trace. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details }
});

/** Unwraps a Result, throwing an Error whose message carries the code (handy in scripts/tests). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const e = new Error(`${result.error.code}: ${result.error.message}`);
  (e as Error & { code?: ErrorCode }).code = result.error.code;
  throw e;
}
