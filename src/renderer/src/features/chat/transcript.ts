import type { ChatMessage } from '../../../../shared/contract/sessions';

/**
 * The transcript of the open session, kept as `order` (ids) + `byId` (messages). A streamed token
 * replaces ONLY the streaming message's object: `order` and every other message keep their identity,
 * so the list and the memoised rows of earlier messages do not re-render per token.
 */
export interface UiMessage extends ChatMessage {
  /** True while tokens are still arriving. */
  streaming?: boolean;
  /** Set when the turn failed (chat.error). */
  failure?: string;
}

export interface Transcript {
  order: string[];
  byId: Record<string, UiMessage>;
}

export const emptyTranscript = (): Transcript => ({ order: [], byId: {} });

export function fromMessages(messages: ChatMessage[]): Transcript {
  const byId: Record<string, UiMessage> = {};
  for (const m of messages) byId[m.id] = m;
  return { order: messages.map((m) => m.id), byId };
}

/** Appends (or replaces, when the id exists) a message at the end. */
export function upsertLast(t: Transcript, m: UiMessage): Transcript {
  const exists = t.order.includes(m.id);
  return { order: exists ? t.order : [...t.order, m.id], byId: { ...t.byId, [m.id]: m } };
}

/** Adds a streamed delta to one message; nothing else changes identity. */
export function appendDelta(t: Transcript, id: string, delta: string): Transcript {
  const m = t.byId[id];
  if (!m) return t;
  return { order: t.order, byId: { ...t.byId, [id]: { ...m, text: m.text + delta } } };
}

export function replaceMessage(t: Transcript, id: string, m: UiMessage): Transcript {
  if (!t.byId[id]) return upsertLast(t, m);
  const byId = { ...t.byId, [m.id]: m };
  if (m.id !== id) delete byId[id];
  return { order: m.id === id ? t.order : t.order.map((x) => (x === id ? m.id : x)), byId };
}

export function removeIds(t: Transcript, ids: string[]): Transcript {
  if (!ids.some((id) => t.byId[id])) return t;
  const byId = { ...t.byId };
  for (const id of ids) delete byId[id];
  return { order: t.order.filter((x) => !ids.includes(x)), byId };
}

export const lastOf = (t: Transcript, role?: 'user' | 'assistant'): UiMessage | undefined => {
  for (let i = t.order.length - 1; i >= 0; i--) {
    const m = t.byId[t.order[i]];
    if (m && (!role || m.role === role)) return m;
  }
  return undefined;
};

let localSeq = 0;
/** A placeholder message shown before the core has answered with real ids. */
export function localMessage(sessionId: string, role: 'user' | 'assistant', text: string): UiMessage {
  localSeq++;
  return {
    id: `local:${role}:${localSeq}`,
    sessionId,
    role,
    text,
    createdAt: new Date().toISOString(),
    sources: [],
    related: [],
    streaming: role === 'assistant' ? true : undefined
  };
}

export const isLocalId = (id: string): boolean => id.startsWith('local:');
