import { ipcEventChannel, type EventMap, type EventName } from '../../../shared/contract';
import type { TypedEmitter } from '../../core/platform/emitter';

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Pushes every core event to the window on its derived channel; returns an unsubscribe. */
export function forwardEvents(events: TypedEmitter<EventMap>, target: () => WebContentsLike | null): () => void {
  return events.onAny((event, payload) => {
    const wc = target();
    if (!wc || wc.isDestroyed()) return;
    wc.send(ipcEventChannel(event as EventName), payload);
  });
}
