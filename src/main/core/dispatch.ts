import { methodDef, type Handlers, type MethodName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { echo, MAX_ERROR_MESSAGE, toErrorData } from './platform/errors';
import type { Logger } from './platform/logger';

/**
 * The single entry point every transport uses (Electron IPC, WebSocket, CLI): validates the
 * method name and input with the contract's zod schema, calls the handler, and always resolves
 * to a Result — a bad input or a bug becomes an error value, never a crash or a lost message.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  logger: Logger
): Promise<Result<unknown>> {
  const def = methodDef(name);
  const handler = (handlers as unknown as Record<string, ((input: unknown) => Promise<unknown>) | undefined>)[name];
  if (!def || !handler) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${echo(String(name))}".` } };
  const parsed = def.input.safeParse(rawInput ?? undefined);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: echo(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '), MAX_ERROR_MESSAGE),
        details: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => echo(String(p))), message: echo(i.message, 500) }))
      }
    };
  }
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    const data = toErrorData(e);
    data.message = echo(data.message, MAX_ERROR_MESSAGE);
    if (data.code === 'INTERNAL') logger.error('handler failed', { method: name as MethodName, error: e });
    return { ok: false, error: data };
  }
}
