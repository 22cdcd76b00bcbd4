import type { CallContext } from '../../../shared/contract';
import { AppError } from '../platform/errors';

/**
 * Sessions belong to the profile that created them: a technician sees only their own, an admin
 * (lock open) sees all. Someone else's session answers NOT_FOUND, not FORBIDDEN, so ids of other
 * people's sessions cannot be probed.
 */
export function canSeeSession(ctx: CallContext, ownerId: string | undefined): boolean {
  return ctx.admin || (!!ctx.profile && (ownerId ?? '') === ctx.profile.id);
}

export function assertCanSeeSession(ctx: CallContext, ownerId: string | undefined, sessionId: string): void {
  if (ownerId === undefined || !canSeeSession(ctx, ownerId)) throw new AppError('NOT_FOUND', `No session ${sessionId}.`);
}

/** Owner fields for a session a caller creates (the CLI's sessions belong to "local": admins see them). */
export function ownerFields(ctx: CallContext): { ownerId: string; technician?: string } {
  if (!ctx.profile) return { ownerId: '' };
  return ctx.transport === 'local' ? { ownerId: ctx.profile.id } : { ownerId: ctx.profile.id, technician: ctx.profile.name };
}

/** Events about one session (chat streaming, session and escalation changes) go only to who may see it. */
export function eventVisible(ctx: CallContext, event: string, payload: unknown, ownerOf: (sessionId: string) => string | undefined): boolean {
  if (ctx.admin) return true;
  const sessionId = (payload as { sessionId?: unknown } | null)?.sessionId;
  if (typeof sessionId !== 'string' || !/^(chat|sessions|escalations)\./.test(event)) return true;
  return canSeeSession(ctx, ownerOf(sessionId));
}
