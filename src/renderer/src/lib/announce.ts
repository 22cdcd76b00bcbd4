import { createStore } from 'zustand/vanilla';

/**
 * Screen-reader announcements through one polite and one assertive aria-live region
 * (rendered once by <LiveRegion/> in the shell). Use for milestones, e.g. "Answer started" /
 * "Answer finished", never per streamed token.
 */
interface AnnounceState {
  polite: string;
  assertive: string;
}

export const announcements = createStore<AnnounceState>(() => ({ polite: '', assertive: '' }));

let toggle = false;

export function announce(message: string, politeness: 'polite' | 'assertive' = 'polite'): void {
  // Screen readers ignore a region whose text did not change; a zero-width space alternates it.
  toggle = !toggle;
  const text = toggle ? message : `${message}\u200b`;
  announcements.setState(politeness === 'polite' ? { polite: text } : { assertive: text });
}
