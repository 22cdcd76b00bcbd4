/**
 * An in-memory stand-in for the core behind the REAL typed client (createApiClient): sessions,
 * chat turns driven step by step by the test, export rendering and the host save dialog.
 * The stores under test talk to it exactly as they talk to Electron IPC or the web host.
 */
import { createApiClient } from '../../../../src/shared/contract/client';
import type { Api, EventName } from '../../../../src/shared/contract';
import type { ChatMessage, ChatScope, ChatSource, SessionSummary } from '../../../../src/shared/contract/sessions';
import { AppError, type ErrorCode, type Result } from '../../../../src/shared/result';

interface Turn {
  sessionId: string;
  messageId: string;
  text: string;
}

type Handler = (input: never) => unknown;

export interface FakeCore {
  api: Api;
  calls: Array<{ method: string; input: unknown }>;
  sessions: Map<string, SessionSummary & { messages: ChatMessage[] }>;
  /** The turn being "generated" (set by send/regenerate/editLast). */
  turn: Turn | null;
  emit(event: string, payload: unknown): void;
  delta(text: string): void;
  done(extra?: Partial<ChatMessage>): ChatMessage;
  fail(message: string, code?: ErrorCode): void;
  /** Extra handlers (e.g. library.*) merged over the built-ins. */
  handlers: Record<string, Handler>;
  builtin(method: string): Handler;
}

export function source(n: number, over: Partial<ChatSource> = {}): ChatSource {
  return {
    n,
    docId: `doc${n}`,
    docTitle: `Manual ${n}`,
    revision: 'B',
    page: 10 + n,
    pageLabel: `${n}-${10 + n}`,
    sectionPath: 'Faults > E-204',
    quote: `quote ${n}`,
    highlight: { charStart: 5, charEnd: 25 },
    ...over
  };
}

export function createFakeCore(): FakeCore {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let seq = 0;
  const id = (p: string) => `${p}${++seq}`;
  const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
  const sessions = new Map<string, SessionSummary & { messages: ChatMessage[] }>();
  const scope0: ChatScope = { machineModels: [], documentIds: [], tags: [] };

  const fake: FakeCore = {
    api: undefined as unknown as Api,
    calls: [],
    sessions,
    turn: null,
    handlers: {},
    builtin: (m) => builtins[m],
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    delta(text) {
      if (!fake.turn) throw new Error('no turn');
      fake.turn.text += text;
      fake.emit('chat.delta', { sessionId: fake.turn.sessionId, messageId: fake.turn.messageId, delta: text });
    },
    done(extra = {}) {
      const t = fake.turn;
      if (!t) throw new Error('no turn');
      fake.turn = null;
      const s = sessions.get(t.sessionId)!;
      const m: ChatMessage = {
        id: t.messageId,
        sessionId: t.sessionId,
        role: 'assistant',
        text: t.text,
        createdAt: now(),
        mode: 'answer',
        sources: [],
        related: [],
        stopReason: 'eos',
        ...extra
      };
      s.messages.push(m);
      s.messageCount = s.messages.length;
      fake.emit('chat.done', { sessionId: t.sessionId, message: m });
      return m;
    },
    fail(message, code = 'INTERNAL') {
      const t = fake.turn!;
      fake.turn = null;
      fake.emit('chat.error', { sessionId: t.sessionId, messageId: t.messageId, error: { code, message } });
    }
  };

  const summary = (s: SessionSummary & { messages: ChatMessage[] }): SessionSummary => {
    const { messages: _m, ...rest } = s;
    return { ...rest, messageCount: s.messages.length };
  };
  const must = (sid: string) => {
    const s = sessions.get(sid);
    if (!s) throw new AppError('NOT_FOUND', `no session ${sid}`);
    return s;
  };
  const startTurn = (sessionId: string, text: string | null) => {
    const s = must(sessionId);
    let user = [...s.messages].reverse().find((m) => m.role === 'user')!;
    if (text !== null) {
      user = { id: id('u'), sessionId, role: 'user', text, createdAt: now(), sources: [], related: [] };
      s.messages.push(user);
      if (!s.title) s.title = text.slice(0, 60);
    }
    fake.turn = { sessionId, messageId: id('a'), text: '' };
    return { sessionId, messageId: fake.turn.messageId, userMessage: user };
  };

  const builtins: Record<string, Handler> = {
    'sessions.create': (i: { scope?: ChatScope } | undefined) => {
      const s = {
        id: id('s'),
        title: '',
        scope: { ...scope0, ...(i?.scope ?? {}) },
        machine: '',
        serialNumber: '',
        technician: '',
        pinned: false,
        ownerId: '',
        createdAt: now(),
        updatedAt: now(),
        modelId: null,
        messageCount: 0,
        lastQuestion: '',
        messages: []
      };
      sessions.set(s.id, s);
      return summary(s);
    },
    'sessions.list': () => {
      const items = [...sessions.values()].map(summary).sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt.localeCompare(a.updatedAt));
      return { items, total: items.length };
    },
    'sessions.get': (i: { id: string }) => ({ ...summary(must(i.id)), messages: must(i.id).messages }),
    'sessions.update': (i: { id: string; patch: Partial<SessionSummary> }) => {
      const s = must(i.id);
      Object.assign(s, i.patch);
      return summary(s);
    },
    'sessions.delete': (i: { id: string }) => ({ deleted: sessions.delete(i.id) }),
    'sessions.search': (i: { text: string }) => {
      const words = i.text.toLowerCase().split(/\s+/).filter(Boolean);
      return [...sessions.values()].flatMap((s) =>
        s.messages
          .filter((m) => words.every((w) => m.text.toLowerCase().includes(w)))
          .map((m) => ({ sessionId: s.id, sessionTitle: s.title, messageId: m.id, role: m.role, snippet: m.text.slice(0, 80), createdAt: m.createdAt }))
      );
    },
    'chat.send': (i: { sessionId: string; text: string }) => startTurn(i.sessionId, i.text),
    'chat.regenerate': (i: { sessionId: string }) => {
      const s = must(i.sessionId);
      if (s.messages.at(-1)?.role === 'assistant') s.messages.pop();
      return startTurn(i.sessionId, null);
    },
    'chat.editLast': (i: { sessionId: string; text: string }) => {
      const s = must(i.sessionId);
      const k = s.messages.map((m) => m.role).lastIndexOf('user');
      s.messages.splice(k);
      return startTurn(i.sessionId, i.text);
    },
    'chat.stop': (i: { sessionId: string }) => {
      if (!fake.turn || fake.turn.sessionId !== i.sessionId) return { stopped: false };
      queueMicrotask(() => fake.turn && fake.done({ stopReason: 'abort' }));
      return { stopped: true };
    },
    'chat.feedback': (i: { sessionId: string; messageId: string; rating: 'helpful'; comment: string }) => {
      const m = must(i.sessionId).messages.find((x) => x.id === i.messageId);
      if (!m) throw new AppError('NOT_FOUND', 'no message');
      m.feedback = { rating: i.rating, comment: i.comment, at: now() };
      return m;
    },
    'export.render': (i: { sessionIds: string[]; format: string }) => {
      i.sessionIds.forEach(must);
      return { fileName: `benchmate-report.${i.format}`, mimeType: 'application/octet-stream', base64: btoa(`report:${i.sessionIds.join(',')}`), contentSha256: 'abc' };
    },
    'host.saveFile': () => {
      throw new AppError('NOT_FOUND', 'web host has no native dialogs');
    }
  };

  const invoke = async (method: string, input: unknown): Promise<Result<unknown>> => {
    fake.calls.push({ method, input });
    const h = fake.handlers[method] ?? builtins[method];
    if (!h) return { ok: false, error: { code: 'NOT_FOUND', message: `no handler for ${method}` } };
    try {
      return { ok: true, value: await h(input as never) };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      throw e;
    }
  };
  const subscribe = (event: EventName, l: (p: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(l);
    listeners.set(event, set);
    return () => set.delete(l);
  };
  fake.api = createApiClient(invoke as never, subscribe as never);
  return fake;
}

/** Lets queued promise callbacks (store continuations) run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
