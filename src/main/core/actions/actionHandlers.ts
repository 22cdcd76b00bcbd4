import type { Handlers } from '../../../shared/contract';
import type { ActionService, ProposalOrigin } from './actionService';

const origin = (w: { sessionId?: string; messageId?: string }): ProposalOrigin | undefined =>
  w.sessionId && w.messageId ? { sessionId: w.sessionId, messageId: w.messageId } : undefined;

export function actionHandlers(actions: ActionService): Pick<Handlers, 'actions.list' | 'actions.propose' | 'actions.confirm' | 'actions.cancel'> {
  return {
    'actions.list': async () => actions.list(),
    'actions.propose': ({ name, args, sessionId }, ctx) => actions.propose(ctx, name, args, sessionId),
    'actions.confirm': ({ proposalId, ...where }, ctx) => actions.confirm(ctx, proposalId, origin(where)),
    'actions.cancel': async ({ proposalId, ...where }, ctx) => ({ cancelled: await actions.cancel(ctx, proposalId, origin(where)) })
  };
}
