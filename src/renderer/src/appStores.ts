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
import { hostKind } from './lib/api';
import { createAccessStore } from './features/access/accessStore';
import { createEscalationsStore } from './features/escalations/escalationsStore';
import { createActionsStore } from './features/actions/actionsStore';
import { toast } from './components/Toast';
import { navigate } from './lib/router';
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
    // Only the desktop app can hand a PDF to the system viewer (host.openDocument).
    viewer: createViewerStore(api, { systemViewer: typeof window !== 'undefined' && hostKind() === 'electron' }),
    backup: createBackupStore(api),
    access: createAccessStore(api, typeof sessionStorage === 'undefined' ? undefined : sessionStorage),
    escalations: createEscalationsStore(api),
    actions: createActionsStore(api, {
      notify: (message, kind) => void toast(message, kind),
      openPage: (docId, page) => navigate('viewer', [], { doc: docId, page })
    }),
    training: createTrainingStore(api, typeof localStorage === 'undefined' ? undefined : localStorage, (file) => saveWithHostOrDownload(api, file))
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
