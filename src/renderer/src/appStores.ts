import type { Api } from '../../shared/contract';
import { createJobsStore } from './lib/jobsStore';
import { createSettingsStore } from './features/settings/settingsStore';
import { createStatusStore } from './features/status/statusStore';

/**
 * Every feature store, created ONCE at startup from the one api (main.tsx). Each feature owns a
 * `create<Feature>Store(api)` creator; add yours here with one line (part B: chat, sessions, viewer),
 * and its pushed-event wiring in lib/connectEvents.ts.
 */
export function createAppStores(api: Api) {
  return {
    jobs: createJobsStore(api),
    settings: createSettingsStore(api),
    status: createStatusStore(api)
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
