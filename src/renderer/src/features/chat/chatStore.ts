import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { ChatMessage, ChatScope, FeedbackRating, SessionSummary } from '../../../../shared/contract/sessions';
import type { AppErrorData, Result } from '../../../../shared/result';
import { loadChatModelLoaded, loadScopeOptions, type ScopeOptions } from './chatPorts';
import * as T from './transcript';
import { createTurnRunner } from './turnRunner';

export const EMPTY_SCOPE: ChatScope = { machineModels: [], documentIds: [], tags: [] };

export interface ChatState {
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  /** Sidebar filter text; `hitIds` = sessions whose messages match it (from sessions.search). */
  filter: string;
  hitIds: string[] | null;
  activeId: string | null;
  transcript: T.Transcript;
  /** The answer being streamed (only one turn at a time per window). */
  streaming: { sessionId: string; messageId: string } | null;
  stopping: boolean;
  /** Scope for the open session (or for the next new one). */
  scope: ChatScope;
  scopeOptions: ScopeOptions;
  /** False until the library / model state was read once (avoids a flash of the wrong empty state). */
  envLoaded: boolean;
  modelLoaded: boolean | null;
  error: AppErrorData | null;

  loadSessions(): Promise<void>;
  setFilter(text: string): Promise<void>;
  open(sessionId: string): Promise<void>;
  newChat(): void;
  send(text: string): Promise<boolean>;
  stop(): Promise<void>;
  regenerate(): Promise<void>;
  editLast(text: string): Promise<boolean>;
  rename(id: string, title: string): Promise<void>;
  /** Machine / serial / technician for the service report. */
  updateDetails(id: string, patch: { machine: string; serialNumber: string; technician: string }): Promise<boolean>;
  togglePin(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  setScope(scope: ChatScope): Promise<void>;
  feedback(messageId: string, rating: FeedbackRating, comment?: string): Promise<boolean>;
  refreshEnvironment(): Promise<void>;
  clearError(): void;

  // Event sinks (wired by connectChatEvents).
  onDelta(e: { sessionId: string; messageId: string; delta: string }): void;
  onDone(e: { sessionId: string; message: ChatMessage }): void;
  onError(e: { sessionId: string; messageId: string; error: { code: string; message: string } }): void;
  onSessionsChanged(e: { sessionId: string; reason: string }): void;
}

export type ChatStore = StoreApi<ChatState>;

export function createChatStore(api: Api): ChatStore {
  let openToken = 0;
  let listTimer: ReturnType<typeof setTimeout> | null = null;

  const fail = <V>(r: Result<V>): r is { ok: false; error: AppErrorData } => {
    if (r.ok) return false;
    store.setState({ error: r.error });
    return true;
  };

  const runTurn = createTurnRunner(() => store);

  const scheduleListReload = (): void => {
    if (listTimer) return;
    listTimer = setTimeout(() => {
      listTimer = null;
      void store.getState().loadSessions();
    }, 150);
  };

  const store = createStore<ChatState>()((set, get) => ({
    sessions: [],
    sessionsLoaded: false,
    filter: '',
    hitIds: null,
    activeId: null,
    transcript: T.emptyTranscript(),
    streaming: null,
    stopping: false,
    scope: EMPTY_SCOPE,
    scopeOptions: { documents: [], machineModels: [], tags: [] },
    envLoaded: false,
    modelLoaded: null,
    error: null,

    async loadSessions() {
      const r = await api.sessions.list({ limit: 500 });
      if (fail(r)) return;
      set({ sessions: r.value.items, sessionsLoaded: true });
    },

    async setFilter(text) {
      set({ filter: text });
      const q = text.trim();
      if (q.length < 2) {
        set({ hitIds: null });
        return;
      }
      const r = await api.sessions.search({ text: q, limit: 200 });
      if (get().filter !== text) return; // a newer keystroke won
      set({ hitIds: r.ok ? [...new Set(r.value.map((h) => h.sessionId))] : null });
    },

    async open(sessionId) {
      const token = ++openToken;
      const keepStreaming = get().streaming?.sessionId === sessionId;
      set({ activeId: sessionId, error: null, ...(keepStreaming ? {} : { transcript: T.emptyTranscript() }) });
      const r = await api.sessions.get({ id: sessionId });
      if (token !== openToken) return;
      if (!r.ok && r.error.code === 'NOT_FOUND') {
        // A stale link (deleted chat): fall back to a new chat and say why.
        get().newChat();
        set({ error: { code: 'NOT_FOUND', message: 'That chat no longer exists; it may have been deleted.' } });
        return;
      }
      if (fail(r)) return;
      const detail = r.value;
      // A turn still streaming for this session is not stored yet: keep showing it.
      const live = get().streaming?.sessionId === sessionId ? get().transcript : null;
      let t = T.fromMessages(detail.messages);
      if (live) for (const id of live.order) if (!t.byId[id]) t = T.upsertLast(t, live.byId[id]);
      set({ transcript: t, scope: { ...EMPTY_SCOPE, ...detail.scope } });
    },

    newChat() {
      openToken++;
      set({ activeId: null, transcript: T.emptyTranscript(), scope: get().activeId ? EMPTY_SCOPE : get().scope, error: null });
    },

    async send(text) {
      const q = text.trim();
      if (!q || get().streaming) return false;
      let sessionId = get().activeId;
      if (!sessionId) {
        // Create the session first so every event of the turn carries a session we already show.
        const c = await api.sessions.create({ scope: get().scope });
        if (fail(c)) return false;
        sessionId = c.value.id;
        openToken++;
        set((s) => ({ activeId: c.value.id, sessions: [c.value, ...s.sessions.filter((x) => x.id !== c.value.id)] }));
      }
      const id = sessionId;
      return runTurn(id, q, () => api.chat.send({ sessionId: id, text: q, scope: get().scope }));
    },

    async stop() {
      const st = get().streaming;
      if (!st) return;
      set({ stopping: true });
      const r = await api.chat.stop({ sessionId: st.sessionId });
      // If nothing was running any more, no chat.done will come: finish locally.
      if (!r.ok || !r.value.stopped) {
        const m = get().transcript.byId[st.messageId];
        set({
          streaming: null,
          stopping: false,
          transcript: m ? T.replaceMessage(get().transcript, m.id, { ...m, streaming: false, stopReason: 'abort' }) : get().transcript
        });
      }
    },

    async regenerate() {
      const { activeId, streaming, transcript } = get();
      const last = T.lastOf(transcript);
      if (!activeId || streaming || !last || last.role !== 'assistant') return;
      set({ transcript: T.removeIds(transcript, [last.id]) });
      const ok = await runTurn(activeId, null, () => api.chat.regenerate({ sessionId: activeId }));
      if (!ok) set({ transcript: T.upsertLast(get().transcript, last) }); // put the old answer back
    },

    async editLast(text) {
      const { activeId, streaming, transcript } = get();
      const q = text.trim();
      const lastUser = T.lastOf(transcript, 'user');
      if (!activeId || streaming || !lastUser || !q) return false;
      const after = transcript.order.slice(transcript.order.indexOf(lastUser.id));
      const removed = after.map((id) => transcript.byId[id]);
      set({ transcript: T.removeIds(transcript, after) });
      const ok = await runTurn(activeId, q, () => api.chat.editLast({ sessionId: activeId, text: q }));
      if (!ok) {
        let t = get().transcript;
        for (const m of removed) t = T.upsertLast(t, m);
        set({ transcript: t });
      }
      return ok;
    },

    async rename(id, title) {
      const t = title.trim();
      if (!t) return;
      const r = await api.sessions.update({ id, patch: { title: t } });
      if (fail(r)) return;
      set((s) => ({ sessions: s.sessions.map((x) => (x.id === id ? r.value : x)) }));
    },

    async updateDetails(id, patch) {
      const r = await api.sessions.update({ id, patch });
      if (fail(r)) return false;
      set((s) => ({ sessions: s.sessions.map((x) => (x.id === id ? r.value : x)) }));
      return true;
    },

    async togglePin(id) {
      const cur = get().sessions.find((x) => x.id === id);
      if (!cur) return;
      const r = await api.sessions.update({ id, patch: { pinned: !cur.pinned } });
      if (fail(r)) return;
      await get().loadSessions(); // pinned sessions sort first
    },

    async remove(id) {
      const r = await api.sessions.delete({ id });
      if (fail(r)) return;
      set((s) => ({ sessions: s.sessions.filter((x) => x.id !== id) }));
      if (get().activeId === id) get().newChat();
    },

    async setScope(scope) {
      set({ scope });
      const id = get().activeId;
      if (!id) return; // remembered for the session created by the next send
      const r = await api.sessions.update({ id, patch: { scope } });
      if (fail(r)) return;
      set((s) => ({ sessions: s.sessions.map((x) => (x.id === id ? r.value : x)) }));
    },

    async feedback(messageId, rating, comment = '') {
      const id = get().activeId;
      if (!id) return false;
      const r = await api.chat.feedback({ sessionId: id, messageId, rating, comment });
      if (fail(r)) return false;
      set((s) => ({ transcript: T.replaceMessage(s.transcript, messageId, r.value) }));
      return true;
    },

    async refreshEnvironment() {
      const [scopeOptions, modelLoaded] = await Promise.all([loadScopeOptions(api), loadChatModelLoaded(api)]);
      set({ scopeOptions, modelLoaded, envLoaded: true });
    },

    clearError() {
      set({ error: null });
    },

    onDelta(e) {
      const s = get();
      if (s.activeId !== e.sessionId) return;
      let t = s.transcript;
      if (!t.byId[e.messageId]) {
        // The delta beat the send() reply: adopt the placeholder now (id swap, once per turn).
        const ph = s.streaming && T.isLocalId(s.streaming.messageId) ? t.byId[s.streaming.messageId] : undefined;
        if (!ph) return;
        t = T.replaceMessage(t, ph.id, { ...ph, id: e.messageId });
        set({ streaming: { sessionId: e.sessionId, messageId: e.messageId } });
      }
      set({ transcript: T.appendDelta(t, e.messageId, e.delta) });
    },

    onDone(e) {
      const s = get();
      const mine = s.streaming?.sessionId === e.sessionId;
      if (s.activeId === e.sessionId) {
        const target = s.transcript.byId[e.message.id]
          ? e.message.id
          : mine && s.streaming && T.isLocalId(s.streaming.messageId)
            ? s.streaming.messageId
            : e.message.id;
        set({ transcript: T.replaceMessage(s.transcript, target, { ...e.message, streaming: false }) });
      }
      if (mine) set({ streaming: null, stopping: false });
      scheduleListReload();
    },

    onError(e) {
      const s = get();
      if (s.activeId === e.sessionId) {
        const m = s.transcript.byId[e.messageId] ?? (s.streaming ? s.transcript.byId[s.streaming.messageId] : undefined);
        if (m) set({ transcript: T.replaceMessage(s.transcript, m.id, { ...m, streaming: false, failure: e.error.message }) });
      }
      if (s.streaming?.sessionId === e.sessionId) set({ streaming: null, stopping: false });
      set({ error: { code: 'INTERNAL', message: e.error.message } });
    },

    onSessionsChanged(e) {
      if (e.reason === 'deleted' && get().activeId === e.sessionId && !get().streaming) get().newChat();
      scheduleListReload();
    }
  }));
  return store;
}
