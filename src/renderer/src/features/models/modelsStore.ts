import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { CatalogEntry, MemoryEstimate, ModelInfo, ModelRole, ModelsState, SlotState } from '../../../../shared/contract/models';
import type { AppErrorData } from '../../../../shared/result';
import { busyAction } from '../../lib/busyAction';

export interface ModelsStoreState {
  models: ModelInfo[];
  runtime: ModelsState | null;
  catalog: CatalogEntry[];
  estimates: Record<string, MemoryEstimate>;
  loaded: boolean;
  /** Keys of actions in flight, e.g. 'import', 'load:<id>', 'remove:<id>'. */
  busy: Record<string, true>;
  error: AppErrorData | null;
  refresh(): Promise<void>;
  importModel(path: string, mode?: 'copy' | 'reference'): Promise<ModelInfo | null>;
  download(uri: string, fileName?: string): Promise<string | null>;
  loadModel(id: string, role?: ModelRole, contextSize?: number): Promise<string | null>;
  unload(role: ModelRole): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  estimate(id: string, contextSize?: number): Promise<MemoryEstimate | null>;
  clearError(): void;
  /** From events. */
  setModels(models: ModelInfo[]): void;
  setRuntime(runtime: ModelsState): void;
}

export type ModelsStore = StoreApi<ModelsStoreState>;

export function createModelsStore(api: Api): ModelsStore {
  return createStore<ModelsStoreState>((set, get) => {
    const run = busyAction<ModelsStoreState>(set);

    return {
      models: [],
      runtime: null,
      catalog: [],
      estimates: {},
      loaded: false,
      busy: {},
      error: null,
      async refresh() {
        const [list, state, catalog] = await Promise.all([api.models.list(), api.models.state(), api.models.catalog()]);
        set((s) => ({
          models: list.ok ? list.value : s.models,
          runtime: state.ok ? state.value : s.runtime,
          // The catalog is optional garnish: an error there must not hide the installed models.
          catalog: catalog.ok ? catalog.value : s.catalog,
          loaded: true,
          error: (!list.ok && list.error) || (!state.ok && state.error) || null
        }));
      },
      async importModel(path, mode = 'copy') {
        const m = await run('import', () => api.models.import({ path, mode }));
        if (m) set((s) => ({ models: [...s.models.filter((x) => x.id !== m.id), m] }));
        return m;
      },
      async download(uri, fileName) {
        const r = await run(`download:${uri}`, () => api.models.download(fileName ? { uri, fileName } : { uri }));
        return r?.jobId ?? null;
      },
      async loadModel(id, role, contextSize) {
        const r = await run(`load:${id}`, () => api.models.load({ id, ...(role ? { role } : {}), ...(contextSize ? { contextSize } : {}) }));
        return r?.jobId ?? null;
      },
      async unload(role) {
        const r = await run(`unload:${role}`, () => api.models.unload({ role }));
        if (r) void api.models.state().then((s) => s.ok && get().setRuntime(s.value));
        return r?.unloaded ?? false;
      },
      async remove(id) {
        const r = await run(`remove:${id}`, () => api.models.remove({ id }));
        if (r?.removed) set((s) => ({ models: s.models.filter((m) => m.id !== id) }));
        return r?.removed ?? false;
      },
      async estimate(id, contextSize) {
        const e = await run(`estimate:${id}`, () => api.models.estimate(contextSize ? { id, contextSize } : { id }));
        if (e) set((s) => ({ estimates: { ...s.estimates, [id]: e } }));
        return e;
      },
      clearError() {
        set({ error: null });
      },
      setModels(models) {
        set({ models });
      },
      setRuntime(runtime) {
        set({ runtime });
      }
    };
  });
}

/** The slot a model currently occupies (loaded or loading), if any. */
export function slotOf(runtime: ModelsState | null, modelId: string): SlotState | undefined {
  return runtime?.slots.find((s) => s.modelId === modelId && s.status !== 'unloaded');
}

export const roleLabel = (r: ModelRole): string => (r === 'chat' ? 'Chat' : r === 'embedding' ? 'Embedding (search)' : 'Re-ranking');
