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
  /** Too many calls from this caller in a short time (e.g. over the per-socket calls-per-second limit): slow down. */
  'RATE_LIMITED',
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

/** The one error type thrown on purpose (core code, `unwrap`); anything else is reported as INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Unwraps a Result, throwing an AppError with the result's code and details (the CLI prints
 * that code; scripts and tests get a plain exception).
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.details);
}
