import type { ChatSliceContext, TranscriptState } from './chatState';
import { EMPTY_SCOPE } from './chatState';
import * as T from './transcript';
import { createTurnRunner } from './turnRunner';

/** The open session's transcript and its turns: open, send / stop / regenerate / edit, stream. */
export function transcriptSlice(ctx: ChatSliceContext): TranscriptState {
  const { api, set, get, fail, scheduleListReload } = ctx;
  // Bumped by every navigation: a slow sessions.get for a chat the user already left is dropped.
  let openToken = 0;
  const startTurn = createTurnRunner(ctx);

  return {
    activeId: null,
    transcript: T.emptyTranscript(),
    streaming: null,
    stopping: false,
    damagedEntries: 0,

    async open(sessionId) {
      const token = ++openToken;
      const keepStreaming = get().streaming?.sessionId === sessionId;
      set({ activeId: sessionId, error: null, damagedEntries: 0, ...(keepStreaming ? {} : { transcript: T.emptyTranscript() }) });
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
      set({ transcript: t, scope: { ...EMPTY_SCOPE, ...detail.scope }, damagedEntries: detail.damagedEntries ?? 0 });
    },

    newChat() {
      openToken++;
      set({ activeId: null, transcript: T.emptyTranscript(), scope: get().activeId ? EMPTY_SCOPE : get().scope, error: null, damagedEntries: 0 });
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
      return startTurn(id, q, () => api.chat.send({ sessionId: id, text: q, scope: get().scope }));
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
      const ok = await startTurn(activeId, null, () => api.chat.regenerate({ sessionId: activeId }));
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
      const ok = await startTurn(activeId, q, () => api.chat.editLast({ sessionId: activeId, text: q }));
      if (!ok) {
        let t = get().transcript;
        for (const m of removed) t = T.upsertLast(t, m);
        set({ transcript: t });
      }
      return ok;
    },

    async feedback(messageId, rating, comment = '') {
      const id = get().activeId;
      if (!id) return false;
      const r = await api.chat.feedback({ sessionId: id, messageId, rating, comment });
      if (fail(r)) return false;
      set((s) => ({ transcript: T.replaceMessage(s.transcript, messageId, r.value) }));
      return true;
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
      // A cancelled turn (the core shutting down mid-answer) reads as stopped, not as a failure.
      const stopped = e.error.code === 'CANCELLED';
      if (s.activeId === e.sessionId) {
        const m = s.transcript.byId[e.messageId] ?? (s.streaming ? s.transcript.byId[s.streaming.messageId] : undefined);
        const ended = stopped ? { stopReason: 'abort' as const } : { failure: e.error.message };
        if (m) set({ transcript: T.replaceMessage(s.transcript, m.id, { ...m, streaming: false, ...ended }) });
      }
      if (s.streaming?.sessionId === e.sessionId) set({ streaming: null, stopping: false });
      if (!stopped) set({ error: e.error });
    }
  };
}
