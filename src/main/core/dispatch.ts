import { methodDef, type Handlers, type MethodName } from '../../shared/contract';
import { requirementOf } from '../../shared/contract/roles';
import type { Result } from '../../shared/result';
import type { AccessGate } from './access/accessGate';
import { echo, MAX_ERROR_MESSAGE, toErrorData } from './platform/errors';
import type { Logger } from './platform/logger';

/**
 * The single entry point every transport uses (Electron IPC, WebSocket, CLI): validates the
 * method name, checks the caller against the role the contract declares for it (roles.ts), validates
 * the input with the contract's zod schema, calls the handler with the caller's context, audits
 * admin actions, and always resolves to a Result — a bad input or a bug becomes an error value,
 * never a crash or a lost message. `gate` is required: no transport can call a handler unchecked.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  logger: Logger,
  gate: AccessGate
): Promise<Result<unknown>> {
  const def = methodDef(name);
  const handler = (handlers as unknown as Record<string, ((input: unknown, ctx: unknown) => Promise<unknown>) | undefined>)[name];
  if (!def || !handler) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${echo(String(name))}".` } };
  const need = requirementOf(name);
  // Unreachable while roles.ts type-checks; refusing is the safe answer if it ever is not.
  if (!need) return { ok: false, error: { code: 'FORBIDDEN', message: `No role is declared for "${echo(name)}".` } };
  const auth = gate.authorize(name, need);
  if (!auth.ok) return { ok: false, error: auth.error };
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
  let result: Result<unknown>;
  try {
    result = { ok: true, value: await handler(parsed.data, auth.ctx) };
  } catch (e) {
    const data = toErrorData(e);
    data.message = echo(data.message, MAX_ERROR_MESSAGE);
    if (data.code === 'INTERNAL') logger.error('handler failed', { method: name as MethodName, error: e });
    result = { ok: false, error: data };
  }
  try {
    await gate.completed(auth.ctx, name, need, parsed.data, result);
  } catch (e) {
    // The action already happened: report it, but the caller still gets its answer.
    logger.error('audit append failed', { method: name as MethodName, error: e });
  }
  return result;
}
