import type { Handlers } from '../../../shared/contract';
import type { SessionService } from './sessionService';

export function sessionsHandlers(
  sessions: SessionService
): Pick<Handlers, 'sessions.create' | 'sessions.list' | 'sessions.get' | 'sessions.update' | 'sessions.delete' | 'sessions.search' | 'sessions.retention' | 'app.stats'> {
  return {
    'sessions.create': (input) => sessions.create(input ?? {}),
    'sessions.list': async (input) => sessions.list(input?.offset ?? 0, input?.limit ?? 50),
    'sessions.get': ({ id }) => sessions.get(id),
    'sessions.update': ({ id, patch }) => sessions.update(id, patch),
    'sessions.delete': async ({ id }) => ({ deleted: await sessions.delete(id) }),
    'sessions.search': ({ text, limit }) => sessions.search(text, limit),
    'sessions.retention': (input) => sessions.applyRetention(Date.now(), { dryRun: input?.dryRun ?? true }),
    // app.stats lives here because every number in it today comes from the session counters.
    'app.stats': async () => ({ chat: sessions.stats(), computedAt: new Date().toISOString() })
  };
}
