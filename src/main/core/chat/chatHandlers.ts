import type { Handlers } from '../../../shared/contract';
import type { ChatService } from './chatService';

export function chatHandlers(
  chat: ChatService
): Pick<Handlers, 'chat.send' | 'chat.stop' | 'chat.regenerate' | 'chat.editLast' | 'chat.feedback' | 'chat.active'> {
  return {
    'chat.send': (input) => chat.send(input),
    'chat.stop': async ({ sessionId }) => chat.stop(sessionId),
    'chat.regenerate': ({ sessionId }) => chat.regenerate(sessionId),
    'chat.editLast': ({ sessionId, text }) => chat.editLast(sessionId, text),
    'chat.feedback': (input) => chat.feedback(input),
    'chat.active': async () => chat.active()
  };
}
