import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract';
import type { AppStores } from '../appStores';

interface AppContextValue {
  api: Api;
  stores: AppStores;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ api, stores, children }: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ api, stores }}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('AppProvider is missing (see main.tsx)');
  return ctx;
}

/** The typed contract client (window.api in Electron, WebSocket client in the web host). */
export const useApi = (): Api => useAppContext().api;

/** The store instances created once at startup in main.tsx. Select with `useStore(stores.x, selector)`. */
export const useAppStores = (): AppStores => useAppContext().stores;
