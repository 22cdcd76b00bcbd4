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

/** Where cleared rows are remembered, so a reload does not bring them back (window.localStorage). */
export interface DismissedStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const DISMISSED_KEY = 'benchmate.dismissedJobs';
/** Job ids are never reused; the newest few hundred are enough to cover what the core still lists. */
const DISMISSED_KEPT = 500;

function readDismissed(storage: DismissedStorage | undefined): Record<string, true> {
  try {
    const ids: unknown = JSON.parse(storage?.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(ids) ? Object.fromEntries(ids.filter((x) => typeof x === 'string').map((id) => [id, true as const])) : {};
  } catch {
    return {};
  }
}

export function createJobsStore(api: Api, storage?: DismissedStorage): JobsStore {
  const persist = (dismissed: Record<string, true>) => {
    try {
      storage?.setItem(DISMISSED_KEY, JSON.stringify(Object.keys(dismissed).slice(-DISMISSED_KEPT)));
    } catch {
      // Storage full or blocked: clearing still works for this run.
    }
  };
  return createStore<JobsState>((set, get) => ({
    byId: {},
    order: [],
    dismissed: readDismissed(storage),
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
      persist(get().dismissed);
    }
  }));
}

/** Jobs of some kinds, in order, without dismissed ones. Use with useShallow or memoize. */
export function jobsOfKind(s: Pick<JobsState, 'byId' | 'order' | 'dismissed'>, kinds: string[]): JobSnapshot[] {
  return s.order.map((id) => s.byId[id]).filter((j) => j && kinds.includes(j.kind) && !s.dismissed[j.jobId]);
}
