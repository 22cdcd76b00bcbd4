import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { AccessStatus } from '../../../../shared/contract/access';
import type { AppErrorData } from '../../../../shared/result';

/** Where the web page keeps its resume token (per tab; gone when the tab closes). */
const RESUME_KEY = 'benchmate.resume';

export interface AccessState {
  status: AccessStatus | null;
  error: AppErrorData | null;
  busy: boolean;
  load(): Promise<void>;
  signIn(profileId: string, secret: string): Promise<boolean>;
  /** After the socket reconnected: sign the new socket in again (web host). */
  resume(): Promise<void>;
  signOut(): Promise<void>;
  unlock(pin: string): Promise<boolean>;
  lock(): Promise<void>;
  clearError(): void;
}

export type AccessStore = StoreApi<AccessState>;

/** Signed in and may see the app (open mode counts: every caller is the first admin there). */
export const selectSignedIn = (s: AccessState): boolean => !!s.status?.me;
/** Admin actions are available now (admin profile, lock open). */
export const selectIsAdmin = (s: AccessState): boolean => !!s.status?.me?.adminUnlocked;

export function createAccessStore(api: Api, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined): AccessStore {
  return createStore<AccessState>((set, get) => {
    const settle = async (p: Promise<{ ok: true; value: AccessStatus } | { ok: false; error: AppErrorData }>): Promise<boolean> => {
      set({ busy: true, error: null });
      const r = await p;
      set(r.ok ? { status: r.value, busy: false } : { error: r.error, busy: false });
      return r.ok;
    };
    return {
      status: null,
      error: null,
      busy: false,
      async load() {
        const r = await api.access.status();
        if (r.ok) set({ status: r.value });
        else set({ error: r.error });
      },
      async signIn(profileId, secret) {
        set({ busy: true, error: null });
        const r = await api.access.signIn({ profileId, secret });
        if (!r.ok) {
          set({ error: r.error, busy: false });
          return false;
        }
        const { resumeToken, ...status } = r.value;
        storage?.setItem(RESUME_KEY, resumeToken);
        set({ status, busy: false });
        return true;
      },
      async resume() {
        const token = storage?.getItem(RESUME_KEY);
        if (token) {
          const r = await api.access.resume({ token });
          if (!r.ok) storage?.removeItem(RESUME_KEY);
        }
        await get().load();
      },
      async signOut() {
        storage?.removeItem(RESUME_KEY);
        await settle(api.access.signOut());
      },
      unlock: (pin) => settle(api.access.unlock({ pin })),
      async lock() {
        await settle(api.access.lock());
      },
      clearError: () => set({ error: null })
    };
  });
}
