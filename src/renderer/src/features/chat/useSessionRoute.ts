import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { navigate, routeHref, useRoute } from '../../lib/router';
import type { ChatStore } from './chatStore';

/**
 * Keeps the open chat and the address in step: `#/chat/<id>` opens that session (from the
 * sidebar, the Sessions page or a reload), and the open session is written back into the address
 * (replace, not push) so a reload reopens it. When the open session goes away (deleted), it is
 * dropped from the address too. Returns the session id the address names, if any.
 */
export function useSessionRoute(chat: ChatStore): string | undefined {
  const route = useRoute();
  const activeId = useStore(chat, (s) => s.activeId);
  const routeId = route.name === 'chat' ? route.params[0] : undefined;

  useEffect(() => {
    if (routeId && routeId !== chat.getState().activeId) void chat.getState().open(routeId);
  }, [routeId, chat]);

  const prevActive = useRef(activeId);
  useEffect(() => {
    if (route.name === 'chat' && activeId && routeId !== activeId) {
      window.history.replaceState(null, '', routeHref('chat', [activeId]));
    } else if (!activeId && prevActive.current && routeId === prevActive.current) {
      navigate('chat');
    }
    prevActive.current = activeId;
  }, [activeId, routeId, route.name]);

  return routeId;
}
