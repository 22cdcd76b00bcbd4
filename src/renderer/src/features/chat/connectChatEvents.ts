import type { Api } from '../../../../shared/contract';
import { announce } from '../../lib/announce';
import type { SessionsStore } from '../sessions/sessionsStore';
import type { ViewerStore } from '../viewer/viewerStore';
import { chatLoadedFromState } from './chatPorts';
import type { ChatStore } from './chatStore';
import { createDeltaBatcher } from './deltaBatcher';

export interface ChatFeatureStores {
  chat: ChatStore;
  sessions: SessionsStore;
  viewer: ViewerStore;
}

/**
 * Subscribes the chat / sessions stores to core events. Called ONCE at startup by the shell's
 * connectEvents; returns an unsubscribe. Screen-reader announcements happen here, at turn
 * boundaries only (never per token).
 */
export interface ChatEventOptions {
  /** Max rate at which streamed tokens reach the store (ms between updates); 0 = every token. */
  deltaIntervalMs?: number;
}

export function connectChatEvents(api: Api, stores: ChatFeatureStores, options: ChatEventOptions = {}): () => void {
  const { chat, sessions } = stores;
  const batcher = createDeltaBatcher((d) => chat.getState().onDelta(d), options.deltaIntervalMs ?? 50);
  const announced = new Set<string>();
  const offs = [
    api.on('chat.delta', (e) => {
      if (!announced.has(e.messageId) && chat.getState().activeId === e.sessionId) {
        announced.add(e.messageId);
        announce('Answer started');
      }
      batcher.push(e);
    }),
    api.on('chat.done', (e) => {
      batcher.flush();
      chat.getState().onDone(e);
      if (chat.getState().activeId === e.sessionId) {
        const m = e.message;
        const n = m.sources.length;
        const what =
          m.mode === 'not_found'
            ? 'Not found in the manuals'
            : m.stopReason === 'abort'
              ? 'Answer stopped'
              : `Answer finished${n ? `, ${n} source${n === 1 ? '' : 's'}` : ''}`;
        announce(what);
      }
      announced.delete(e.message.id);
      if (sessions.getState().loaded) void sessions.getState().load();
    }),
    api.on('chat.error', (e) => {
      batcher.flush();
      chat.getState().onError(e);
      if (e.error.code === 'CANCELLED') announce('Answer stopped');
      else announce(`Answer failed: ${e.error.message}`, 'assertive');
    }),
    api.on('sessions.changed', (e) => {
      chat.getState().onSessionsChanged(e);
      if (sessions.getState().loaded && e.reason !== 'message') void sessions.getState().load();
    }),
    // Scope choices and the search-only banner follow the library and the loaded model.
    api.on('library.changed', () => void chat.getState().refreshEnvironment()),
    api.on('models.state', (st) => {
      const loaded = chatLoadedFromState(st);
      if (loaded !== chat.getState().modelLoaded) chat.setState({ modelLoaded: loaded });
    })
  ];
  void chat.getState().loadSessions();
  void chat.getState().refreshEnvironment();
  return () => {
    offs.forEach((off) => off());
    batcher.dispose();
  };
}
