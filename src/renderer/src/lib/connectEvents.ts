import type { Api } from '../../../shared/contract';
import type { AppStores } from '../appStores';
import { connectChatEvents } from '../features/chat/connectChatEvents';
import { IMPORT_JOB_KINDS, queueItem } from '../features/library/importQueue';
import { announce } from './announce';

/**
 * Connects pushed core events to the stores. Called ONCE at startup (main.tsx), outside React, so
 * StrictMode double-mounts or page switches never double-subscribe or miss events while a page is
 * hidden. Returns a function that removes every subscription (used by tests).
 */
export function connectEvents(api: Api, stores: AppStores): () => void {
  const offs: Array<() => void> = [
    api.on('jobs.progress', (s) => stores.jobs.getState().apply(s)),
    api.on('jobs.finished', (s) => stores.jobs.getState().apply(s)),
    api.on('settings.changed', (s) => stores.settings.getState().set(s)),
    api.on('library.changed', (e) => stores.library.getState().onChanged(e)),
    api.on('models.state', (s) => stores.models.getState().setRuntime(s)),
    api.on('models.changed', (list) => stores.models.getState().setModels(list)),
    // The core sends each socket only the escalations of sessions it may see.
    api.on('escalations.changed', () => void stores.escalations.getState().load()),
    // Another window or tablet changed a course, topic or attempt: reload a Training page once shown.
    api.on('training.changed', () => {
      if (stores.training.getState().loaded) void stores.training.getState().load();
    }),
    // An import job ending changes document status/pages even when no library.changed follows.
    api.on('jobs.finished', (j) => {
      if (!j.kind.startsWith('library.')) return;
      stores.library.getState().onChanged({ reason: 'status', docIds: [] });
      // One announcement per finished file job (not per progress tick), e.g. "x.pdf: Damaged file: …".
      // Index maintenance (optimize) runs by itself and would only talk over what matters (e.g.
      // "Answer finished") in the one live region.
      if (!IMPORT_JOB_KINDS.includes(j.kind)) return;
      const item = queueItem(j);
      announce(`${item.file}: ${item.message}`);
    })
  ];
  // Part B's chat / sessions events (deltas, done, sessions.changed) and their announcements.
  offs.push(connectChatEvents(api, stores));
  return () => {
    for (const off of offs.splice(0)) off();
  };
}

/**
 * After the web host's socket reconnects, events sent while it was down are lost: reload what
 * the stores show from the core (only what was already loaded, so hidden pages stay lazy).
 */
export async function resyncStores(stores: AppStores): Promise<void> {
  // A new socket is a new seat on the web host: sign it back in before reloading anything.
  await stores.access.getState().resume();
  const tasks: Array<Promise<unknown>> = [stores.jobs.getState().load(), stores.settings.getState().load()];
  if (stores.library.getState().loaded) tasks.push(stores.library.getState().refresh());
  if (stores.models.getState().loaded) tasks.push(stores.models.getState().refresh());
  if (stores.status.getState().refreshedAt) tasks.push(stores.status.getState().refresh());
  if (stores.escalations.getState().loaded) tasks.push(stores.escalations.getState().load());
  if (stores.training.getState().loaded) tasks.push(stores.training.getState().load());
  // Chat asks for its list at start-up, before anyone is signed in on a web host (refused): drop
  // that refusal and ask again as the person now signed in.
  const chat = stores.chat.getState();
  const refused = chat.error?.code === 'UNAUTHORIZED';
  if (refused) stores.chat.setState({ error: null });
  if (refused || chat.sessionsLoaded) tasks.push(chat.loadSessions(), chat.refreshEnvironment());
  await Promise.all(tasks);
}
