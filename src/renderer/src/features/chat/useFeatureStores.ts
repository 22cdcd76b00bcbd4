import { useAppStores } from '../../lib/appContext';
import type { ChatFeatureStores } from './connectChatEvents';

/**
 * Part B's stores (chat, sessions, viewer) from the shell's one store set (appStores.ts creates
 * them once at startup). Typed here so these screens do not depend on the shell's full store type.
 */
export function useFeatureStores(): ChatFeatureStores {
  const stores = useAppStores() as unknown as Partial<ChatFeatureStores>;
  if (!stores.chat || !stores.sessions || !stores.viewer) {
    throw new Error('chat/sessions/viewer stores are missing from createAppStores (appStores.ts)');
  }
  return stores as ChatFeatureStores;
}
