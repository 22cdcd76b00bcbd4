import type { KeyboardEvent } from 'react';
import type { ViewerState } from './viewerStore';

/**
 * The viewer's keys: Esc closes the docked panel; PageUp/PageDown and ←/→ turn pages; W / F fit
 * width / page; + / − zoom. Typing in a field, or a chord with Ctrl/Cmd/Alt, is left alone.
 */
export function onViewerKey(e: KeyboardEvent, s: ViewerState, isPanel: boolean, close: () => void): void {
  if (e.key === 'Escape' && isPanel) {
    e.stopPropagation();
    close();
  } else if (isField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  else if (e.key === 'PageDown' || e.key === 'ArrowRight') s.next();
  else if (e.key === 'PageUp' || e.key === 'ArrowLeft') s.prev();
  else if (VIEWER_KEYS[e.key]) {
    e.preventDefault();
    VIEWER_KEYS[e.key](s);
  }
}

/** Keyboard shortcuts (also named in the toolbar buttons' titles). */
const VIEWER_KEYS: Record<string, (s: ViewerState) => void> = {
  w: (s) => s.setFit('width'),
  f: (s) => s.setFit('page'),
  '+': (s) => s.zoomIn(),
  '=': (s) => s.zoomIn(),
  '-': (s) => s.zoomOut()
};

const isField = (t: EventTarget | null): boolean => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement;
