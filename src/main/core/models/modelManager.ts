import { rm } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { EventMap } from '../../../shared/contract';
import type { ComponentHealth } from '../../../shared/contract/app';
import type { LibraryChanged } from '../../../shared/contract/library';
import type { CatalogEntry, MemoryEstimate, ModelInfo, ModelRole, ModelsState, SlotState } from '../../../shared/contract/models';
import type { LanceStore } from '../index/lanceStore';
import type { Reranker } from '../search/ports';
import { vectorModelKey, VectorStore } from '../index/vectorStore';
import type { TypedEmitter } from '../platform/emitter';
import { AppError, toErrorData } from '../platform/errors';
import type { JobRunner } from '../platform/jobRunner';
import { LatestThrottle } from '../platform/latestThrottle';
import type { Logger } from '../platform/logger';
import type { SettingsService } from '../settings/settingsService';
import { catalog } from './catalog';
import { LlamaChatEngine } from './chatEngine';
import { EmbeddingService } from './embeddings';
import { inspectGguf } from './ggufInspect';
import { LlamaRuntime } from './llamaRuntime';
import { slotHealth } from './modelHealth';
import { downloadModelFile, validateModelUri } from './modelDownloader';
import { estimateMemory, loadForRole, type LoadedModel } from './modelLoader';
import { ModelRegistry } from './modelRegistry';

export interface ModelManagerDeps {
  modelsDir: string;
  /** Explicit thread count from the host config (tests: 2); 0/undefined = settings, then physical cores. */
  threads?: number;
  settings: SettingsService;
  jobs: JobRunner;
  events: TypedEmitter<EventMap>;
  logger: Logger;
  store: LanceStore;
}

interface Slot {
  state: SlotState;
  /** Chat and ranking models; the embedding model is owned by EmbeddingService. */
  loaded?: LoadedModel;
  jobId?: string;
}

const SETTING_KEY = { chat: 'chatModelId', embedding: 'embeddingModelId', ranking: 'rerankerModelId' } as const;
const ROLES: ModelRole[] = ['chat', 'embedding', 'ranking'];

/**
 * Owns model files (registry, import, download) and the loaded models (chat engine, embedding
 * index, reranker). Every state change is pushed as `models.state`; the ids of loaded models
 * are saved in settings and reloaded in the background on the next start.
 */
export class ModelManager {
  readonly runtime: LlamaRuntime;
  readonly registry: ModelRegistry;
  readonly chatEngine = new LlamaChatEngine();
  readonly embeddings: EmbeddingService;
  readonly vectors: VectorStore;
  private readonly slots = new Map<ModelRole, Slot>(ROLES.map((role) => [role, { state: { role, modelId: null, status: 'unloaded' } }]));
  private readonly log: Logger;
  /** Progress-driven updates: at most ~10 events/s, the latest state always delivered. */
  private readonly stateEvents = new LatestThrottle(() => this.d.events.emit('models.state', this.state()));

  private constructor(private readonly d: ModelManagerDeps) {
    this.log = d.logger;
    this.runtime = new LlamaRuntime({
      gpu: () => d.settings.get().models.gpu,
      threads: () => d.threads || d.settings.get().models.threads,
      logger: d.logger
    });
    this.registry = new ModelRegistry(d.modelsDir);
    this.vectors = new VectorStore(d.store);
    this.embeddings = new EmbeddingService({ store: d.store, vectors: this.vectors, jobs: d.jobs, logger: d.logger, onState: (urgent) => (urgent ? this.stateEvents.now() : this.stateEvents.soon()) });
  }

  static async create(d: ModelManagerDeps): Promise<ModelManager> {
    const m = new ModelManager(d);
    await m.registry.load();
    await m.vectors.load();
    return m;
  }

  /**
   * New, removed or re-tagged documents, or a library job that ended (even without a change):
   * bring the vector table up to date (debounced). Wired in createCore.
   */
  onLibraryChanged(change?: LibraryChanged): void {
    // Re-indexed documents may keep their chunk ids with new text: their vectors are stale.
    if (change?.reason === 'indexed') void this.embeddings.invalidateDocs(change.docIds);
    this.embeddings.scheduleCatchUp();
  }

  list(): ModelInfo[] {
    return this.registry.list();
  }

  async import(path: string, mode: 'copy' | 'reference'): Promise<ModelInfo> {
    const inspection = await inspectGguf(path, await this.runtime.llama());
    const info = await this.registry.add(path, inspection, mode === 'copy' ? 'copied' : 'referenced', mode === 'copy');
    this.emitList();
    return info;
  }

  async remove(id: string): Promise<boolean> {
    const info = this.registry.get(id);
    if (!info) return false;
    for (const role of ROLES) if (this.slots.get(role)!.state.modelId === id) await this.unload(role);
    await this.embeddings.forget(id);
    await this.vectors.drop(vectorModelKey(info.id, info.fingerprint)).catch(() => {});
    await this.registry.remove(id);
    this.emitList();
    return true;
  }

  download(input: { uri: string; fileName?: string; sha256?: string }): { jobId: string; done: Promise<ModelInfo> } {
    validateModelUri(input.uri);
    return this.d.jobs.start({
      kind: 'models.download',
      title: `Downloading ${input.fileName ?? input.uri}`,
      run: async (ctx) => {
        ctx.progress({ phase: 'download', done: 0, total: null });
        const path = await downloadModelFile({
          ...input,
          dir: this.d.modelsDir,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress({ done: p.downloaded, total: p.total || null }),
          checkTarget: (path) => {
            const owner = this.registry.list().find((m) => resolve(m.path) === resolve(path));
            if (owner) throw new AppError('DUPLICATE', `${basename(path)} is already installed as "${owner.id}"; remove it first or pick another file name.`, { id: owner.id });
          }
        });
        ctx.progress({ phase: 'verify' });
        try {
          const info = await this.registry.add(path, await inspectGguf(path, await this.runtime.llama()), 'downloaded', false);
          this.emitList();
          return info;
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'DUPLICATE')) await rm(path, { force: true });
          throw e;
        }
      },
      summarize: (info) => ({ modelId: info.id })
    });
  }

  catalog(): CatalogEntry[] {
    return catalog(this.registry.list());
  }

  async estimate(id: string, contextSize?: number): Promise<MemoryEstimate> {
    const info = this.registry.require(id);
    return estimateMemory(await this.runtime.llama(), info, info.kind, contextSize);
  }

  /** Starts loading `id` into its role as a job; a load already running for the role is cancelled. */
  load(input: { id: string; role?: ModelRole; contextSize?: number }): { jobId: string; done: Promise<void> } {
    const info = this.registry.require(input.id);
    const role = input.role ?? info.kind;
    const slot = this.slots.get(role)!;
    if (slot.jobId) this.tryCancel(slot.jobId);
    const started = this.d.jobs.start({
      kind: 'models.load',
      title: `Loading ${info.name}`,
      run: (ctx) => this.runLoad(slot, info, role, input.contextSize, ctx),
      summarize: () => ({ modelId: info.id, role })
    });
    slot.jobId = started.jobId;
    started.done
      .catch((e) => {
        if (slot.jobId !== started.jobId) return;
        const data = toErrorData(e);
        slot.state = data.code === 'CANCELLED' ? { role, modelId: null, status: 'unloaded' } : { role, modelId: info.id, status: 'error', error: { code: data.code, message: data.message } };
        this.stateEvents.now();
      })
      .finally(() => {
        if (slot.jobId === started.jobId) slot.jobId = undefined;
      });
    return started;
  }

  private async runLoad(slot: Slot, info: ModelInfo, role: ModelRole, contextSize: number | undefined, ctx: { signal: AbortSignal; progress(p: { phase?: string; done?: number; total?: number | null }): void }): Promise<void> {
    slot.state = { role, modelId: info.id, status: 'loading', progress: 0 };
    this.stateEvents.now();
    // Weak laptops cannot hold two chat models: free the old one first. The embedding role keeps
    // its old model serving until the new vectors are complete (EmbeddingService).
    if (role !== 'embedding') await this.release(role);
    const settingsCtx = this.d.settings.get().models.contextSize;
    const loaded = await loadForRole(info, role, {
      llama: await this.runtime.llama(),
      threads: this.runtime.threads(),
      contextSize: contextSize ?? (role === 'chat' && settingsCtx > 0 ? settingsCtx : undefined),
      signal: ctx.signal,
      onProgress: (p) => {
        slot.state = { ...slot.state, progress: p };
        ctx.progress({ phase: 'load', done: Math.round(p * 100), total: 100 });
        this.stateEvents.soon();
      }
    });
    if (ctx.signal.aborted) {
      await loaded.dispose();
      throw new AppError('CANCELLED', 'Loading cancelled.');
    }
    if (role === 'chat') await this.chatEngine.attach(info.id, loaded.model, loaded.chat!);
    if (role === 'embedding') await this.embeddings.adopt(loaded);
    else slot.loaded = loaded;
    slot.state = { role, modelId: info.id, status: 'loaded', contextSize: loaded.contextSize, gpu: this.runtime.gpu() };
    await this.d.settings.update({ models: { [SETTING_KEY[role]]: info.id } });
    this.stateEvents.now();
  }

  async unload(role: ModelRole): Promise<boolean> {
    const slot = this.slots.get(role)!;
    if (slot.jobId) this.tryCancel(slot.jobId);
    const was = slot.state.status !== 'unloaded';
    await this.release(role);
    slot.state = { role, modelId: null, status: 'unloaded' };
    if (this.d.settings.get().models[SETTING_KEY[role]] !== null) await this.d.settings.update({ models: { [SETTING_KEY[role]]: null } });
    this.stateEvents.now();
    return was;
  }

  private async release(role: ModelRole): Promise<void> {
    const slot = this.slots.get(role)!;
    if (role === 'chat') await this.chatEngine.detach();
    if (role === 'embedding') await this.embeddings.release();
    const loaded = slot.loaded;
    slot.loaded = undefined;
    await loaded?.dispose().catch((e) => this.log.warn('model dispose failed', { error: e }));
  }

  /** Reloads the models remembered in settings, in the background (never blocks startup). */
  restoreFromSettings(): void {
    const s = this.d.settings.get().models;
    for (const role of ROLES) {
      const id = s[SETTING_KEY[role]];
      if (id && this.registry.get(id)) {
        this.load({ id, role }).done.catch((e) => {
          if (toErrorData(e).code !== 'CANCELLED') this.log.warn('restoring model failed', { role, id, error: e });
        });
      }
    }
  }

  reranker(): Reranker | null {
    const slot = this.slots.get('ranking')!;
    const ctx = slot.loaded?.ranking;
    if (!ctx || !slot.loaded) return null;
    return { modelId: slot.loaded.info.id, rank: (query, docs) => ctx.rankAll(query, docs) };
  }

  state(): ModelsState {
    return {
      slots: ROLES.map((r) => ({ ...this.slots.get(r)!.state })),
      embeddings: this.embeddings.state(),
      threads: this.runtime.threads(),
      gpu: this.runtime.gpu()
    };
  }

  health(): ComponentHealth[] {
    const one = (role: ModelRole, name: string): ComponentHealth => {
      const s = this.slots.get(role)!.state;
      const label = s.modelId ? (this.registry.get(s.modelId)?.name ?? s.modelId) : '';
      return slotHealth(name, s, label, this.runtime.threads(), role === 'embedding' ? this.embeddings.state() : null);
    };
    return [one('chat', 'chatModel'), one('embedding', 'embeddingModel')];
  }

  async dispose(): Promise<void> {
    this.stateEvents.dispose();
    for (const role of ROLES) await this.release(role).catch(() => {});
    await this.runtime.dispose();
  }

  private tryCancel(jobId: string): void {
    try {
      this.d.jobs.cancel(jobId);
    } catch {
      /* already gone */
    }
  }

  private emitList(): void {
    this.d.events.emit('models.changed', this.registry.list());
  }
}
