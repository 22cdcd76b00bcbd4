import { z } from 'zod';
import { method } from './define';
import { errorData, idString } from './common';
import { chatMessage, chatScope, feedbackRating } from './sessions';

/**
 * Grounded chat. `send`/`regenerate`/`editLast` return ids at once; the answer streams as
 * `chat.delta` events (raw model text, citation markers as the model wrote them) and ends with
 * exactly one `chat.done` (the stored message: final text with renumbered citations and its
 * sources — the renderer should replace the streamed text with it) or one `chat.error`.
 */

const turnStarted = z.object({
  sessionId: z.string(),
  /** Id the streamed assistant message will have (chat.delta/chat.done carry it). */
  messageId: z.string(),
  /** The stored user message (for send/editLast; the existing one for regenerate). */
  userMessage: chatMessage
});
export type TurnStarted = z.infer<typeof turnStarted>;

export const chatMethods = {
  send: method(
    z
      .object({
        /** Omit to start a new session. */
        sessionId: idString.optional(),
        text: z.string().trim().min(1).max(4000),
        /** Replaces the session's scope (persisted) before retrieving. */
        scope: chatScope.optional()
      })
      .strict(),
    turnStarted,
    'Ask a question; the answer streams as chat.delta then chat.done (or chat.error).'
  ),
  stop: method(
    z.object({ sessionId: idString }).strict(),
    z.object({ stopped: z.boolean() }),
    'Stop the answer being generated; the partial answer is stored (stopReason "abort").'
  ),
  regenerate: method(
    z.object({ sessionId: idString }).strict(),
    turnStarted,
    'Replace the last answer with a new one for the same question.'
  ),
  editLast: method(
    z.object({ sessionId: idString, text: z.string().trim().min(1).max(4000) }).strict(),
    turnStarted,
    'Edit the last question and resend it (the old question and its answer are removed).'
  ),
  active: method(
    z.undefined().or(z.object({}).strict()).optional(),
    z.array(z.object({ sessionId: z.string(), messageId: z.string(), userMessageId: z.string(), text: z.string().describe('streamed so far') })),
    'Answers being written right now, with the text streamed so far (to resync a reloaded window).'
  ),
  feedback: method(
    z
      .object({
        sessionId: idString,
        messageId: idString,
        rating: feedbackRating,
        comment: z.string().max(4000).default('')
      })
      .strict(),
    chatMessage,
    'Rate an answer helpful / not helpful / escalate, with an optional comment.'
  )
};

export const chatEvents = {
  'chat.delta': z.object({ sessionId: z.string(), messageId: z.string(), delta: z.string() }),
  'chat.done': z.object({ sessionId: z.string(), message: chatMessage }),
  'chat.error': z.object({
    sessionId: z.string(),
    messageId: z.string(),
    error: errorData
  })
};
