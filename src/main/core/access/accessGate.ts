import type { CallContext } from '../../../shared/contract';
import type { Requirement } from '../../../shared/contract/roles';
import type { AppErrorData, Result } from '../../../shared/result';
import { auditTarget, type AuditLog } from '../audit/auditLog';
import type { AccessService, Seat } from './accessService';

/** What the dispatcher asks before and after every call (see dispatch.ts). */
export interface AccessGate {
  authorize(method: string, need: Requirement): { ok: true; ctx: CallContext } | { ok: false; error: AppErrorData };
  /** Runs after the handler: appends admin actions (and sign-ins) to the audit log. */
  completed(ctx: CallContext, method: string, need: Requirement, input: unknown, result: Result<unknown>): Promise<void>;
}

/** Sign-ins are audited too (who got in, and failed attempts) though anyone may try one. */
const AUDITED_PUBLIC = new Set(['access.signIn', 'access.unlock']);

export function gateFor(access: AccessService, audit: AuditLog, seat: Seat): AccessGate {
  return {
    authorize: (method, need) => access.authorize(seat, method, need),
    async completed(ctx, method, need, input, result) {
      if (need !== 'admin' && !AUDITED_PUBLIC.has(method)) return;
      // Sign-in: the actor is whoever the seat is now (after success), the target the profile tried.
      const after = access.context(seat).profile ?? ctx.profile;
      await recordAudit(audit, { ...ctx, profile: after }, method, auditTarget(input), result.ok ? 'ok' : result.error.code);
    }
  };
}

export function recordAudit(audit: AuditLog, ctx: CallContext, action: string, target: unknown, result: string): Promise<void> {
  return audit.append({
    at: new Date().toISOString(),
    actor: ctx.profile ? { profileId: ctx.profile.id, name: ctx.profile.name, role: ctx.profile.role } : { profileId: '', name: '(not signed in)', role: 'none' },
    transport: ctx.transport,
    action,
    ...(target === undefined ? {} : { target }),
    result
  });
}
