import type { CallContext, Handlers } from '../../../shared/contract';
import { assertCanSeeSession, canSeeSession, ownerFields } from '../access/ownership';
import type { EscalationService } from '../escalations/escalationService';
import type { ChatService } from './chatService';

export function chatHandlers(
  chat: ChatService,
  /** The owner of a session (undefined: no such session), for the roles check. */
  ownerOf: (sessionId: string) => string | undefined,
  escalations: Pick<EscalationService, 'create'>
): Pick<Handlers, 'chat.send' | 'chat.stop' | 'chat.regenerate' | 'chat.editLast' | 'chat.feedback' | 'chat.active'> {
  const mine = (ctx: CallContext, id: string): void => assertCanSeeSession(ctx, ownerOf(id), id);
  return {
    'chat.send': async (input, ctx) => {
      if (input.sessionId) mine(ctx, input.sessionId);
      return chat.send(input, ownerFields(ctx));
    },
    'chat.stop': async ({ sessionId }, ctx) => (mine(ctx, sessionId), chat.stop(sessionId)),
    'chat.regenerate': ({ sessionId }, ctx) => (mine(ctx, sessionId), chat.regenerate(sessionId)),
    'chat.editLast': ({ sessionId, text }, ctx) => (mine(ctx, sessionId), chat.editLast(sessionId, text)),
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
