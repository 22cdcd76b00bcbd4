import type { Handlers } from '../../../shared/contract';
import { assertCanSeeSession, canSeeSession, ownerFields } from '../access/ownership';
import type { SessionService } from './sessionService';

export function sessionsHandlers(
  sessions: SessionService
): Pick<Handlers, 'sessions.create' | 'sessions.list' | 'sessions.get' | 'sessions.update' | 'sessions.delete' | 'sessions.search' | 'sessions.retention' | 'app.stats'> {
  // Every call naming a session checks it is the caller's (or the caller is an admin) first.
  const mine = (ctx: Parameters<typeof canSeeSession>[0], id: string): void => assertCanSeeSession(ctx, sessions.ownerOf(id), id);
  return {
    'sessions.create': (input, ctx) => sessions.create({ ...ownerFields(ctx), ...input }),
    'sessions.list': async (input, ctx) => sessions.list(input?.offset ?? 0, input?.limit ?? 50, (owner) => canSeeSession(ctx, owner)),
    'sessions.get': ({ id }, ctx) => (mine(ctx, id), sessions.get(id)),
    'sessions.update': ({ id, patch }, ctx) => (mine(ctx, id), sessions.update(id, patch)),
    'sessions.delete': async ({ id }, ctx) => (mine(ctx, id), { deleted: await sessions.delete(id) }),
    'sessions.search': async ({ text, limit }, ctx) =>
      (await sessions.search(text, 10_000)).filter((h) => canSeeSession(ctx, sessions.ownerOf(h.sessionId))).slice(0, limit),
    'sessions.retention': (input) => sessions.applyRetention(Date.now(), { dryRun: input?.dryRun ?? true }),
    // app.stats lives here because every number in it today comes from the session counters.
    'app.stats': async () => ({ chat: sessions.stats(), computedAt: new Date().toISOString() })
  };
}
