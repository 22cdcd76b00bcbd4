import type { Api } from '../../../shared/contract';
import type { AppStores } from '../appStores';

/**
 * Connects pushed core events to the stores. Called ONCE at startup (main.tsx), outside React, so
 * StrictMode double-mounts or page switches never double-subscribe or miss events while a page is
 * hidden. Returns a function that removes every subscription (used by tests).
 */
export function connectEvents(api: Api, stores: AppStores): () => void {
  const offs: Array<() => void> = [
    api.on('jobs.progress', (s) => stores.jobs.getState().apply(s)),
    api.on('jobs.finished', (s) => stores.jobs.getState().apply(s)),
    api.on('settings.changed', (s) => stores.settings.getState().set(s))
  ];
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
