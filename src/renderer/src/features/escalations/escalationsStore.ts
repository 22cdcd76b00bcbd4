import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { Escalation, EscalationCounts } from '../../../../shared/contract/escalations';
import type { AppErrorData } from '../../../../shared/result';

export interface EscalationsState {
  /** What this caller may see: every escalation for an admin, their own for a technician. */
  items: Escalation[];
  counts: EscalationCounts | null;
  loaded: boolean;
  error: AppErrorData | null;
  load(): Promise<void>;
  acknowledge(id: string): Promise<boolean>;
  resolve(id: string, resolution: string): Promise<boolean>;
}

export type EscalationsStore = StoreApi<EscalationsState>;

/** The escalation of one answer (the newest), for the chat transcript. */
export const selectForMessage =
  (messageId: string) =>
  (s: EscalationsState): Escalation | undefined =>
    s.items.find((e) => e.messageId === messageId);

export function createEscalationsStore(api: Api): EscalationsStore {
  return createStore<EscalationsState>((set, get) => ({
    items: [],
    counts: null,
    loaded: false,
    error: null,
    async load() {
      const [list, counts] = await Promise.all([api.escalations.list(), api.escalations.counts()]);
      set({
        items: list.ok ? list.value : get().items,
        counts: counts.ok ? counts.value : get().counts,
        loaded: true,
        error: !list.ok ? list.error : !counts.ok ? counts.error : null
      });
    },
    async acknowledge(id) {
      const r = await api.escalations.acknowledge({ id });
      if (!r.ok) set({ error: r.error });
      await get().load();
      return r.ok;
    },
    async resolve(id, resolution) {
      const r = await api.escalations.resolve({ id, resolution });
      if (!r.ok) set({ error: r.error });
      await get().load();
      return r.ok;
    }
  }));
}
