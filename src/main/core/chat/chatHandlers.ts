import type { CallContext, Handlers } from '../../../shared/contract';
import { assertCanSeeSession, canSeeSession, ownerFields } from '../access/ownership';
import type { ActionService } from '../actions/actionService';
import type { EscalationService } from '../escalations/escalationService';
import type { ChatService } from './chatService';
import type { TurnActions } from './turnActions';

export function chatHandlers(
  chat: ChatService,
  /** The owner of a session (undefined: no such session), for the roles check. */
  ownerOf: (sessionId: string) => string | undefined,
  escalations: Pick<EscalationService, 'create'>,
  /** The assistant actions a chat model may call during a turn, as the caller (absent: none). */
  actions?: Pick<ActionService, 'propose'>
): Pick<Handlers, 'chat.send' | 'chat.stop' | 'chat.regenerate' | 'chat.editLast' | 'chat.feedback' | 'chat.active'> {
  const mine = (ctx: CallContext, id: string): void => assertCanSeeSession(ctx, ownerOf(id), id);
  // Bound to the caller: the model acts with the role of whoever asked, never more.
  const as = (ctx: CallContext): TurnActions | undefined =>
    actions && ((name, args, turn) => actions.propose(ctx, name, args, turn.sessionId, turn));
  return {
    'chat.send': async (input, ctx) => {
      if (input.sessionId) mine(ctx, input.sessionId);
      return chat.send(input, ownerFields(ctx), as(ctx));
    },
    'chat.stop': async ({ sessionId }, ctx) => (mine(ctx, sessionId), chat.stop(sessionId)),
    'chat.regenerate': ({ sessionId }, ctx) => (mine(ctx, sessionId), chat.regenerate(sessionId, as(ctx))),
    'chat.editLast': ({ sessionId, text }, ctx) => (mine(ctx, sessionId), chat.editLast(sessionId, text, as(ctx))),
    // "Escalate" on an answer is both the rating and an escalation record a supervisor handles.
    'chat.feedback': async (input, ctx) => {
      mine(ctx, input.sessionId);
      const message = await chat.feedback(input);
      if (input.rating === 'escalate') await escalations.create(ctx, { sessionId: input.sessionId, messageId: input.messageId, note: input.comment });
      return message;
    },
    'chat.active': async (_i, ctx) => chat.active().filter((t) => canSeeSession(ctx, ownerOf(t.sessionId)))
  };
}
