import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../shared/contract';
import type { JobSnapshot } from '../../../shared/contract/jobs';
import type { AppErrorData } from '../../../shared/result';

/**
 * All jobs the core reports (imports, downloads, model loads...). Pages select the kinds they
 * care about. Fed by `jobs.list` at startup and by jobs.progress / jobs.finished events.
 */
export interface JobsState {
  byId: Record<string, JobSnapshot>;
  /** Insertion order (oldest first), so queues do not reshuffle as progress arrives. */
  order: string[];
  /** Finished jobs the user cleared from view. */
  dismissed: Record<string, true>;
  error: AppErrorData | null;
  load(): Promise<void>;
  apply(snapshot: JobSnapshot): void;
  cancel(jobId: string): Promise<boolean>;
  dismiss(jobId: string): void;
}

export type JobsStore = StoreApi<JobsState>;

export const isActive = (j: JobSnapshot): boolean => j.status === 'queued' || j.status === 'running';

export function createJobsStore(api: Api): JobsStore {
  return createStore<JobsState>((set, get) => ({
    byId: {},
    order: [],
    dismissed: {},
    error: null,
    async load() {
      const r = await api.jobs.list();
      if (!r.ok) return set({ error: r.error });
      for (const j of r.value) get().apply(j);
      set({ error: null });
    },
    apply(snapshot) {
      set((s) => {
        const prev = s.byId[snapshot.jobId];
        // A late progress event must not resurrect a job that already finished.
        if (prev && !isActive(prev) && isActive(snapshot)) return s;
        return {
          byId: { ...s.byId, [snapshot.jobId]: snapshot },
          order: prev ? s.order : [...s.order, snapshot.jobId]
        };
      });
    },
    async cancel(jobId) {
      const r = await api.jobs.cancel({ jobId });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      return r.value.cancelled;
    },
    dismiss(jobId) {
      set((s) => ({ dismissed: { ...s.dismissed, [jobId]: true } }));
    }
  }));
}

/** Jobs of some kinds, in order, without dismissed ones. Use with useShallow or memoize. */
export function jobsOfKind(s: Pick<JobsState, 'byId' | 'order' | 'dismissed'>, kinds: string[]): JobSnapshot[] {
  return s.order.map((id) => s.byId[id]).filter((j) => j && kinds.includes(j.kind) && !s.dismissed[j.jobId]);
}
