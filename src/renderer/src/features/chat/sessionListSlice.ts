import type { ChatSliceContext, SessionListState } from './chatState';

/** The sidebar's session list: load, filter by message text, rename, pin, delete. */
export function sessionListSlice({ api, set, get, fail, scheduleListReload }: ChatSliceContext): SessionListState {
  return {
    sessions: [],
    sessionsLoaded: false,
    filter: '',
    hitIds: null,

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

    onSessionsChanged(e) {
      if (e.reason === 'deleted' && get().activeId === e.sessionId && !get().streaming) get().newChat();
      scheduleListReload();
    }
  };
}
