import type { TurnStarted } from '../../../../shared/contract/chat';
import type { AppErrorData, Result } from '../../../../shared/result';
import type { ChatSliceContext } from './chatState';
import * as T from './transcript';

type Ids = { placeholder: string; localUser: string | null };

/**
 * One chat turn as the user sees it: the question and an empty streaming answer appear at once
 * (local placeholder ids), the core's reply swaps in the real ids, a refusal removes them again.
 * Deltas that beat the reply are handled by the store's onDelta (it adopts the placeholder).
 */
export function createTurnRunner({ set, get }: Pick<ChatSliceContext, 'set' | 'get'>) {
  /** Shows the question + an empty streaming answer at once, before the core has replied. */
  const beginTurn = (sessionId: string, userText: string | null): Ids => {
    let t = get().transcript;
    let localUser: string | null = null;
    if (userText !== null) {
      const u = T.localMessage(sessionId, 'user', userText);
      localUser = u.id;
      t = T.upsertLast(t, u);
    }
    const a = T.localMessage(sessionId, 'assistant', '');
    t = T.upsertLast(t, a);
    set({ transcript: t, streaming: { sessionId, messageId: a.id }, stopping: false, error: null });
    return { placeholder: a.id, localUser };
  };

  /** The core answered with real ids: swap them in (a delta may already have done so). */
  const adoptTurn = (ids: Ids, started: TurnStarted): void => {
    const s = get();
    if (s.activeId !== started.sessionId) return;
    let t = s.transcript;
    if (ids.localUser) t = T.replaceMessage(t, ids.localUser, started.userMessage);
    const ph = t.byId[ids.placeholder];
    if (ph) t = T.replaceMessage(t, ids.placeholder, { ...ph, id: started.messageId, replyTo: started.userMessage.id });
    const streaming = s.streaming?.messageId === ids.placeholder ? { sessionId: started.sessionId, messageId: started.messageId } : s.streaming;
    set({ transcript: t, streaming });
  };

  const abortTurn = (ids: Ids, error: AppErrorData): void => {
    set({
      transcript: T.removeIds(get().transcript, [ids.placeholder, ...(ids.localUser ? [ids.localUser] : [])]),
      streaming: null,
      stopping: false,
      error
    });
  };

  /** Starts a turn through `call` (chat.send / regenerate / editLast); false when the core refused it. */
  return async function startTurn(sessionId: string, userText: string | null, call: () => Promise<Result<TurnStarted>>): Promise<boolean> {
    const ids = beginTurn(sessionId, userText);
    const r = await call();
    if (!r.ok) {
      abortTurn(ids, r.error);
      return false;
    }
    adoptTurn(ids, r.value);
    return true;
  };
}
