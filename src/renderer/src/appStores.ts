import type { Api } from '../../shared/contract';
import { createJobsStore } from './lib/jobsStore';
import { createLibraryStore } from './features/library/libraryStore';
import { createModelsStore } from './features/models/modelsStore';
import { createChatStore } from './features/chat/chatStore';
import { createSessionsStore } from './features/sessions/sessionsStore';
import { createViewerStore } from './features/viewer/viewerStore';
import { createSettingsStore } from './features/settings/settingsStore';
import { createStatusStore } from './features/status/statusStore';
import { createBackupStore } from './features/backup/backupStore';
import { createTrainingStore } from './features/training/trainingStore';
import { saveWithHostOrDownload } from './lib/hostFiles';

/**
 * Every feature store, created ONCE at startup from the one api (main.tsx). Each feature owns a
 * `create<Feature>Store(api)` creator; add yours here with one line,
 * and its pushed-event wiring in lib/connectEvents.ts.
 */
export function createAppStores(api: Api) {
  return {
    jobs: createJobsStore(api, typeof localStorage === 'undefined' ? undefined : localStorage),
    library: createLibraryStore(api),
    models: createModelsStore(api),
    settings: createSettingsStore(api),
    status: createStatusStore(api),
    // Part B (chat, sessions, citation viewer).
    chat: createChatStore(api),
    sessions: createSessionsStore(api),
    viewer: createViewerStore(api),
    backup: createBackupStore(api),
    training: createTrainingStore(api, typeof localStorage === 'undefined' ? undefined : localStorage, (file) => saveWithHostOrDownload(api, file))
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
