import type { Core } from '../../core/createCore';
import { AppError } from '../../core/platform/errors';
import type { ErrorCode } from '../../../shared/result';

/** core.call that throws an AppError carrying the result's code (so the CLI prints the real code). */
export async function callCore<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const r = await core.call(method, input);
  if (!r.ok) throw new AppError(r.error.code as ErrorCode, r.error.message, r.error.details);
  return r.value as T;
}
