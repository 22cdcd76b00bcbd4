import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { DocumentSummary } from '../../../../shared/contract/library';
import type { Attempt, Course, TopicProgress } from '../../../../shared/contract/training';
import type { AppErrorData, Result } from '../../../../shared/result';
import { loadTechnicianName, saveTechnicianName, type NameStorage } from './technicianName';

/**
 * The Training page: courses and their topics, the technician's open attempt (question, answer,
 * verdict with the cited passage), and progress for everyone (the admin's table and exports).
 */
export interface TrainingState {
  technician: string;
  courses: Course[];
  /** Progress rows of every technician (the admin table); the topic badges read the current one's. */
  progress: TopicProgress[];
  documents: DocumentSummary[];
  attempt: Attempt | null;
  busy: boolean;
  error: AppErrorData | null;
  lastExport: string | null;
  /** The Training page was opened once: pushed changes and reconnects reload it from then on. */
  loaded: boolean;

  load(): Promise<void>;
  setTechnician(name: string): void;
  createCourse(title: string): Promise<Course | null>;
  addTopic(courseId: string, docId: string, section: string): Promise<boolean>;
  start(topicId: string): Promise<void>;
  answer(text: string): Promise<void>;
  closeAttempt(): void;
  exportRecord(technician: string | undefined, format: 'csv' | 'pdf'): Promise<void>;
  clearError(): void;
}

export type TrainingStoreApi = StoreApi<TrainingState>;

/** How an exported record reaches the user (appStores passes the host save dialog / browser download). */
export type TrainingSavePort = (file: { fileName: string; mimeType: string; base64: string }) => Promise<{ saved: true; where: string } | { saved: false }>;

export function createTrainingStore(api: Api, storage: NameStorage | undefined, save: TrainingSavePort): TrainingStoreApi {
  return createStore<TrainingState>()((set, get) => {
    /** Runs one call with the busy flag; an error is kept for the banner and null returned. */
    async function run<T>(call: () => Promise<Result<T>>): Promise<T | null> {
      set({ busy: true, error: null });
      const r = await call();
      set({ busy: false, ...(r.ok ? {} : { error: r.error }) });
      return r.ok ? r.value : null;
    }
    const refresh = async () => {
      const [courses, progress] = await Promise.all([api.training.courses(), api.training.progress()]);
      set({ courses: courses.ok ? courses.value.items : get().courses, progress: progress.ok ? progress.value.items : get().progress });
    };
    return {
      technician: loadTechnicianName(storage),
      courses: [],
      progress: [],
      documents: [],
      attempt: null,
      busy: false,
      error: null,
      lastExport: null,
      loaded: false,
      async load() {
        set({ loaded: true });
        const docs = await api.library.list();
        if (docs.ok) set({ documents: docs.value.filter((d) => d.status === 'ready') });
        await refresh();
      },
      setTechnician(name) {
        saveTechnicianName(storage, name);
        set({ technician: name.trim() });
      },
      async createCourse(title) {
        const c = await run(() => api.training.createCourse({ title }));
        await refresh();
        return c;
      },
      async addTopic(courseId, docId, section) {
        const t = await run(() => api.training.addTopic({ courseId, docId, section }));
        await refresh();
        return t !== null;
      },
      async start(topicId) {
        const a = await run(() => api.training.start({ topicId, technician: get().technician }));
        if (a) set({ attempt: a });
        await refresh();
      },
      async answer(text) {
        const cur = get().attempt;
        if (!cur) return;
        const a = await run(() => api.training.answer({ attemptId: cur.id, answer: text }));
        if (a) set({ attempt: a });
        await refresh();
      },
      closeAttempt: () => set({ attempt: null }),
      async exportRecord(technician, format) {
        const file = await run(() => api.training.exportProgress({ technician, format }));
        if (!file) return;
        const saved = await save(file);
        set({ lastExport: saved.saved ? `${file.fileName} → ${saved.where}` : null });
      },
      clearError: () => set({ error: null })
    };
  });
}
