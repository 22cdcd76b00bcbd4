import { useEffect, useState, type RefObject } from 'react';
import { useRoute } from '../../lib/router';
import type { ViewerStore } from './viewerStore';

/**
 * #/viewer?doc=..&page=..[&title=..][&hl=start-end] opens a document directly (Library links,
 * test search results); `hl` highlights that range of the page text like a citation.
 */
export function useViewerDeepLink(store: ViewerStore, enabled: boolean): void {
  const route = useRoute();
  const qDoc = enabled ? route.query.doc : undefined;
  const qPage = Number(route.query.page ?? 1) || 1;
  const qHl = route.query.hl;
  useEffect(() => {
    if (!qDoc) return;
    const m = /^(\d+)-(\d+)$/.exec(qHl ?? '');
    const highlight = m ? { charStart: Number(m[1]), charEnd: Number(m[2]) } : undefined;
    const cur = store.getState();
    if (cur.isOpen && cur.docId === qDoc && cur.citation?.page === qPage && cur.citation?.highlight?.charStart === highlight?.charStart) return;
    void store.getState().open({ docId: qDoc, docTitle: route.query.title ?? '', page: qPage, highlight });
  }, [qDoc, qPage, qHl, store, route.query.title]);
}

/** The element's inner size, followed as the window or a panel resizes (fit width / fit page use it). */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 600, height: 800 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: Math.max(320, Math.floor(el.clientWidth)), height: Math.max(240, Math.floor(el.clientHeight)) }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * Esc closes the docked viewer also when focus has left it for the page body (Tab past its last
 * control, or a click on empty space): the panel's own key handler no longer sees the key then.
 * Focus anywhere else (a dialog, a menu, the composer) keeps Esc for that element.
 */
export function useEscapeFromBody(store: ViewerStore, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const active = document.activeElement;
      if (active && active !== document.body && active !== document.documentElement) return;
      store.getState().close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, enabled]);
}
