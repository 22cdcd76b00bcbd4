import type { EmbeddingIndexState } from '../../../shared/contract/models';
import type { LanceStore, Table } from '../index/lanceStore';
import type { VectorRow } from '../index/schema';
import { sqlIn } from '../index/sql';
import { vectorModelKey, type VectorStore } from '../index/vectorStore';
import { AppError, throwIfAborted } from '../platform/errors';
import type { JobRunner } from '../platform/jobRunner';
import type { Logger } from '../platform/logger';
import { embeddingPrefixes, embeddingText, normalize } from './embeddingText';
import type { LoadedModel } from './modelLoader';

/** What search consumes (structurally equal to search/ports.ts VectorSource). */
export interface VectorSource {
  table: Table;
  dimension: number;
  modelId: string;
  /** Unit-length query vector (stored vectors are unit-length too: cosine = dot = -L2²/2+1). */
  embedQuery(text: string, signal?: AbortSignal): Promise<number[]>;
}

interface Target {
  loaded: LoadedModel;
  key: string;
  table: Table;
  dimension: number;
  /** Embedding calls on one context run one at a time; queries slip in between batch items. */
  queue: Promise<unknown>;
}

const BATCH = 16;

const prefixesOf = (t: Target): { query: string; document: string } =>
  embeddingPrefixes(`${t.loaded.info.name} ${t.loaded.info.fileName}`);

/**
 * Keeps a per-model vector table in step with the chunks table. A newly loaded embedding model
 * is "building" until every chunk has its vector; until then the previous model keeps
 * "serving" queries from its own complete table, and is released only after the switch — so
 * search never compares a query vector with vectors of another model.
 */
export class EmbeddingService {
  private serving: Target | null = null;
  private building: Target | null = null;
  private running: { jobId: string; target: Target } | null = null;
  private rerun = false;
  private counts = { embedded: 0, total: 0 };
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly p: { store: LanceStore; vectors: VectorStore; jobs: JobRunner; logger: Logger; onState(urgent?: boolean): void; debounceMs?: number }
  ) {}

  state(): EmbeddingIndexState {
    const serving = this.serving?.loaded.info.id ?? null;
    const meta = this.serving ? this.p.vectors.getMeta(this.serving.key) : undefined;
    return {
      servingModelId: serving,
      buildingModelId: this.building?.loaded.info.id ?? null,
      embedded: this.counts.embedded,
      total: this.counts.total,
      complete: !this.building && !!meta?.complete,
      jobId: this.running?.jobId ?? null
    };
  }

  /** The active complete vector table, else the one being built (best available), else null. */
  vectorSource(): VectorSource | null {
    const t = this.serving ?? this.building;
    if (!t) return null;
    const { query } = prefixesOf(t);
    return { table: t.table, dimension: t.dimension, modelId: t.loaded.info.id, embedQuery: (text, signal) => this.embed(t, query + text, signal) };
  }

  /** Takes ownership of a freshly loaded embedding model and starts (re)embedding for it. */
  async adopt(loaded: LoadedModel): Promise<{ jobId: string | null }> {
    const probe = await loaded.embedding!.getEmbeddingFor('dimension probe');
    const dimension = probe.vector.length;
    const key = vectorModelKey(loaded.info.id, loaded.info.fingerprint);
    const table = await this.p.vectors.open(key, loaded.info.id, loaded.info.fingerprint, dimension);
    const target: Target = { loaded, key, table, dimension, queue: Promise.resolve() };
    await this.dropBuilding();
    if (this.serving?.key === key) {
      // Same model reloaded (e.g. other settings): swap in place, after stopping its catch-up.
      const old = this.serving;
      await this.stopRunning(old);
      this.serving = target;
      await old.loaded.dispose().catch(() => {});
    } else {
      this.building = target;
    }
    this.p.onState(true);
    return { jobId: this.startBuild() };
  }

  /** A model is being removed: stop using it wherever it is (serving or building). */
  async forget(modelId: string): Promise<void> {
    if (this.building?.loaded.info.id === modelId) await this.dropBuilding();
    const s = this.serving;
    if (s?.loaded.info.id === modelId) {
      // The model being built (if any) becomes the best available source.
      this.serving = null;
      await this.stopRunning(s);
      await s.queue.catch(() => {});
      await s.loaded.dispose().catch(() => {});
    }
    this.p.onState(true);
  }

  /** Unloads everything (the embedding role was unloaded). */
  async release(): Promise<void> {
    await this.dropBuilding();
    const s = this.serving;
    this.serving = null;
    if (s) {
      await this.stopRunning(s);
      await s.queue.catch(() => {});
      await s.loaded.dispose().catch(() => {});
    }
    this.counts = { embedded: 0, total: 0 };
    this.p.onState(true);
  }

  /** Embed whatever is missing now; returns the running job's id. */
  reembed(): { jobId: string } {
    const jobId = this.startBuild();
    if (!jobId) throw new AppError('MODEL_NOT_LOADED', 'No embedding model is loaded.');
    return { jobId };
  }

  /** Drops the vectors of re-indexed documents from every open table (they are re-embedded by the catch-up). */
  async invalidateDocs(docIds: string[]): Promise<void> {
    if (!docIds.length) return;
    for (const t of new Set([this.serving, this.building])) {
      if (t) await this.p.vectors.deleteWhere(t.table, sqlIn('docId', docIds)).catch((e) => this.p.logger.warn('vector invalidation failed', { error: e }));
    }
  }

  /** Library changed: embed new chunks / drop removed ones soon (debounced across a batch import). */
  scheduleCatchUp(): void {
    if (!this.serving && !this.building) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startBuild();
    }, this.p.debounceMs ?? 500);
    this.timer.unref?.();
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.release();
  }

  private embed(t: Target, text: string, signal?: AbortSignal): Promise<number[]> {
    const run = t.queue.then(async () => {
      throwIfAborted(signal);
      const ctx = t.loaded.embedding!;
      // Truncate to the context window: long chunks lose their tail, never the request.
      const tokens = t.loaded.model.tokenize(text).slice(0, Math.max(8, t.loaded.contextSize - 4));
      const e = await ctx.getEmbeddingFor(tokens);
      return normalize(e.vector);
    });
    t.queue = run.catch(() => {});
    return run;
  }

  private async stopRunning(target: Target): Promise<void> {
    if (this.running?.target !== target) return;
    const id = this.running.jobId;
    try {
      this.p.jobs.cancel(id);
    } catch {
      /* finished */
    }
    await this.p.jobs.wait(id).catch(() => {});
  }

  private async dropBuilding(): Promise<void> {
    const b = this.building;
    this.building = null;
    if (b) await this.stopRunning(b);
    if (b) {
      await b.queue.catch(() => {});
      await b.loaded.dispose().catch(() => {});
    }
  }

  private startBuild(): string | null {
    const target = this.building ?? this.serving;
    if (!target) return null;
    if (this.running) {
      if (this.running.target === target) {
        this.rerun = true;
        return this.running.jobId;
      }
    }
    const { jobId, done } = this.p.jobs.start({
      kind: 'embeddings.build',
      title: `Embedding chunks with ${target.loaded.info.name}`,
      run: (ctx) => this.build(target, ctx),
      summarize: (r) => r
    });
    this.running = { jobId, target };
    void done
      .then(async () => {
        if (this.building === target) {
          const old = this.serving;
          this.serving = target;
          this.building = null;
          if (old && old !== target) {
            await old.queue.catch(() => {});
            await old.loaded.dispose().catch(() => {});
          }
        }
      })
      .catch((e) => this.p.logger.warn('embedding build ended', { error: e }))
      .finally(() => {
        if (this.running?.jobId === jobId) this.running = null;
        this.p.onState(true);
        if (this.rerun) {
          this.rerun = false;
          this.startBuild();
        }
      });
    this.p.onState();
    return jobId;
  }

  private async build(t: Target, ctx: { signal: AbortSignal; progress(p: { phase?: string; done?: number; total?: number | null }): void }): Promise<{ embedded: number; total: number; added: number; removed: number }> {
    ctx.progress({ phase: 'scan' });
    const chunks = (await this.p.store
      .chunks()
      .query()
      .select(['id', 'docId', 'docTitle', 'sectionPath', 'text', 'machineModels', 'tags', 'language'])
      .toArray()) as Array<Record<string, unknown>>;
    const rows = chunks.map((c) => ({
      id: String(c.id),
      docId: String(c.docId),
      docTitle: String(c.docTitle ?? ''),
      sectionPath: String(c.sectionPath ?? ''),
      text: String(c.text ?? ''),
      machineModels: Array.from((c.machineModels ?? []) as Iterable<unknown>, String),
      tags: Array.from((c.tags ?? []) as Iterable<unknown>, String),
      language: String(c.language ?? '')
    }));
    const existing = await this.p.vectors.rowsByChunk(t.table);
    const ids = new Set(rows.map((r) => r.id));
    const stale = [...existing.keys()].filter((id) => !ids.has(id));
    for (let i = 0; i < stale.length; i += 500) await this.p.vectors.deleteWhere(t.table, sqlIn('chunkId', stale.slice(i, i + 500)));
    // Filter columns are denormalised: follow tag/model edits without re-embedding.
    const changedDocs = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const e = existing.get(r.id);
      if (e && (e.language !== r.language || e.tags.join('\u0001') !== r.tags.join('\u0001') || e.machineModels.join('\u0001') !== r.machineModels.join('\u0001'))) changedDocs.set(r.docId, r);
    }
    for (const [docId, r] of changedDocs) await this.p.vectors.updateFilters(t.table, docId, r);

    const missing = rows.filter((r) => !existing.has(r.id));
    const docPrefix = prefixesOf(t).document;
    const total = rows.length;
    let embedded = total - missing.length;
    this.counts = { embedded, total };
    ctx.progress({ phase: 'embed', done: embedded, total });
    for (let i = 0; i < missing.length; i += BATCH) {
      throwIfAborted(ctx.signal);
      const batch = missing.slice(i, i + BATCH);
      const out: VectorRow[] = [];
      for (const r of batch) {
        const vector = await this.embed(t, docPrefix + embeddingText(r), ctx.signal);
        out.push({ chunkId: r.id, docId: r.docId, vector, machineModels: r.machineModels, tags: r.tags, language: r.language });
      }
      // Written per batch: a cancelled or crashed build resumes from here (existing ids are skipped).
      await this.p.vectors.add(t.table, out);
      embedded += out.length;
      this.counts = { embedded, total };
      ctx.progress({ done: embedded, total });
      this.p.onState();
    }
    ctx.progress({ phase: 'index' });
    await this.p.vectors.maybeIndex(t.table);
    const info = t.loaded.info;
    await this.p.vectors.setMeta(t.key, { modelId: info.id, fingerprint: info.fingerprint, dimension: t.dimension, complete: true, embedded, updatedAt: new Date().toISOString() });
    return { embedded, total, added: missing.length, removed: stale.length };
  }
}
