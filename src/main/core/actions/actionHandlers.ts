import type { Handlers } from '../../../shared/contract';
import type { ActionService } from './actionService';

export function actionHandlers(actions: ActionService): Pick<Handlers, 'actions.list' | 'actions.propose' | 'actions.confirm' | 'actions.cancel'> {
  return {
    'actions.list': async () => actions.list(),
    'actions.propose': ({ name, args, sessionId }, ctx) => actions.propose(ctx, name, args, sessionId),
    'actions.confirm': ({ proposalId }, ctx) => actions.confirm(ctx, proposalId),
    'actions.cancel': async ({ proposalId }, ctx) => ({ cancelled: await actions.cancel(ctx, proposalId) })
  };
}
