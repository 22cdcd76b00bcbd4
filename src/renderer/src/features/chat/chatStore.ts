import { createStore } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { AppErrorData, Result } from '../../../../shared/result';
import { loadChatModelLoaded, loadScopeOptions } from './chatPorts';
import { EMPTY_SCOPE, type ChatSliceContext, type ChatState, type ChatStore } from './chatState';
import { sessionListSlice } from './sessionListSlice';
import { transcriptSlice } from './transcriptSlice';

export { EMPTY_SCOPE };
export type { ChatState, ChatStore };

/**
 * The chat screen's store: the session list (sessionListSlice.ts), the open transcript and its
 * turns (transcriptSlice.ts), and here the scope / environment / error they share.
 */
export function createChatStore(api: Api): ChatStore {
  let listTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<ChatState>()((set, get) => {
    const ctx: ChatSliceContext = {
      api,
      set,
      get,
      fail: <V>(r: Result<V>): r is { ok: false; error: AppErrorData } => {
        if (r.ok) return false;
        set({ error: r.error });
        return true;
      },
      scheduleListReload() {
        if (listTimer) return;
        listTimer = setTimeout(() => {
          listTimer = null;
          void get().loadSessions();
        }, 150);
      }
    };
    return {
      ...sessionListSlice(ctx),
      ...transcriptSlice(ctx),
      scope: EMPTY_SCOPE,
      scopeOptions: { documents: [], machineModels: [], tags: [] },
      envLoaded: false,
      modelLoaded: null,
      error: null,

      async setScope(scope) {
        set({ scope });
        const id = get().activeId;
        if (!id) return; // remembered for the session created by the next send
        const r = await api.sessions.update({ id, patch: { scope } });
        if (ctx.fail(r)) return;
        set((s) => ({ sessions: s.sessions.map((x) => (x.id === id ? r.value : x)) }));
      },

      async refreshEnvironment() {
        const [scopeOptions, modelLoaded] = await Promise.all([loadScopeOptions(api), loadChatModelLoaded(api)]);
        set({ scopeOptions, modelLoaded, envLoaded: true });
      },

      clearError() {
        set({ error: null });
      }
    };
  });
}
