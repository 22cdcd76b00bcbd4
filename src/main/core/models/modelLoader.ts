import { totalmem } from 'node:os';
import type { Llama, LlamaContext, LlamaEmbeddingContext, LlamaModel, LlamaRankingContext } from 'node-llama-cpp';
import { loadLlamaModule } from './llamaModule';
import type { MemoryEstimate, ModelInfo, ModelRole } from '../../../shared/contract/models';
import { AppError, isAbortError } from '../platform/errors';
import { inspectGguf } from './ggufInspect';

/** Chat sessions kept warm at once (each holds its own KV cache of `contextSize` tokens). */
export const CHAT_SEQUENCES = 3;
/** Auto context: never below this (system + passages + a short history), never above MAX. */
const AUTO_CONTEXT_MIN = 2048;
const AUTO_CONTEXT_MAX = 8192;
const EMBEDDING_CONTEXT_MAX = 512;
const SMALL_ENCODER_PARAMS = 50_000_000;

export interface LoadedModel {
  info: ModelInfo;
  role: ModelRole;
  model: LlamaModel;
  chat?: LlamaContext;
  embedding?: LlamaEmbeddingContext;
  ranking?: LlamaRankingContext;
  contextSize: number;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  llama: Llama;
  threads: number;
  /** Explicit context size (request or settings); undefined = auto within memory. */
  contextSize?: number;
  signal?: AbortSignal;
  onProgress?(fraction: number): void;
}

const ROLE_KINDS: Record<ModelRole, ModelInfo['kind'][]> = { chat: ['chat'], embedding: ['embedding'], ranking: ['ranking'] };

function autoChatContext(info: ModelInfo): number {
  const train = info.contextLength ?? 4096;
  return Math.min(train, AUTO_CONTEXT_MAX);
}

export const clampContext = (info: ModelInfo, n: number | undefined): number | undefined =>
  n === undefined ? undefined : Math.max(256, Math.min(n, info.contextLength ?? n));

/** RAM/VRAM needed for the weights plus the KV cache of every sequence at `contextSize`. */
export async function estimateMemory(llama: Llama, info: ModelInfo, role: ModelRole, contextSize?: number): Promise<MemoryEstimate> {
  const { GgufInsights, readGgufFileInfo } = await loadLlamaModule();
  const fileInfo = await readGgufFileInfo(info.path, { logWarnings: false }).catch(() => {
    throw new AppError('NOT_FOUND', `Model file not found or unreadable: ${info.path}`);
  });
  const insights = await GgufInsights.from(fileInfo, llama);
  // Never beyond the trained context: useless for quality, and llama.cpp's estimate simulates it.
  const ctx = clampContext(info, contextSize) ?? (role === 'chat' ? autoChatContext(info) : Math.min(info.contextLength ?? 512, EMBEDDING_CONTEXT_MAX));
  const gpuLayers = llama.gpu === false ? 0 : insights.totalLayers;
  const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers });
  const context = await insights.estimateContextResourceRequirementsV2({
    contextSize: ctx,
    modelGpuLayers: gpuLayers,
    sequences: role === 'chat' ? CHAT_SEQUENCES : 1,
    isEmbeddingContext: role !== 'chat'
  });
  const ramBytes = model.cpuRam + context.cpuRam;
  const total = totalmem();
  return {
    modelId: info.id,
    contextSize: ctx,
    ramBytes,
    vramBytes: model.gpuVram + context.gpuVram,
    totalRamBytes: total,
    // Leave a quarter of RAM to the OS, Electron and the index.
    fits: ramBytes <= total * 0.75
  };
}

const OOM_PATTERN = /out of memory|failed to allocate|cannot allocate|bad_alloc|not enough memory|too large/i;

/** Maps llama.cpp failures to error codes the UI can explain. */
function loadError(e: unknown, info: ModelInfo): AppError {
  if (e instanceof AppError) return e;
  if (isAbortError(e)) return new AppError('CANCELLED', 'Loading cancelled.');
  const msg = e instanceof Error ? e.message : String(e);
  if (OOM_PATTERN.test(msg)) return new AppError('OUT_OF_MEMORY', `Not enough memory to load "${info.name}": ${msg}`);
  if (/unknown model architecture|unsupported/i.test(msg)) return new AppError('UNSUPPORTED_FILE', `llama.cpp cannot run "${info.name}": ${msg}`);
  return new AppError('INTERNAL', `Failed to load "${info.name}": ${msg}`);
}

/**
 * Validates, estimates and loads a model for one role. The estimate runs first so an 8 GB model
 * on a 8 GB laptop fails fast with OUT_OF_MEMORY instead of swapping the machine to a halt.
 */
export async function loadForRole(info: ModelInfo, role: ModelRole, o: LoadOptions): Promise<LoadedModel> {
  if (!ROLE_KINDS[role].includes(info.kind)) {
    throw new AppError('UNSUPPORTED_FILE', `"${info.name}" is a ${info.kind} model and cannot be used as the ${role} model.`);
  }
  const current = await inspectGguf(info.path, o.llama);
  if (current.fingerprint !== info.fingerprint) {
    throw new AppError('CONFLICT', `The file of "${info.name}" changed since it was added; remove and import it again.`);
  }
  o = { ...o, contextSize: clampContext(info, o.contextSize) };
  const est = await estimateMemory(o.llama, info, role, o.contextSize);
  if (!est.fits) {
    const gb = (n: number): string => (n / 1024 ** 3).toFixed(1);
    throw new AppError('OUT_OF_MEMORY', `"${info.name}" needs about ${gb(est.ramBytes)} GB of RAM at context ${est.contextSize}; this computer has ${gb(est.totalRamBytes)} GB. Pick a smaller model or context.`);
  }
  let model: LlamaModel | undefined;
  try {
    model = await o.llama.loadModel({
      modelPath: info.path,
      gpuLayers: o.llama.gpu === false ? 0 : 'auto',
      loadSignal: o.signal,
      onLoadProgress: (p) => o.onProgress?.(p)
    });
    const threads = o.threads;
    if (role === 'chat') {
      const chat = await model.createContext({
        contextSize: o.contextSize ?? { min: Math.min(AUTO_CONTEXT_MIN, info.contextLength ?? AUTO_CONTEXT_MIN), max: autoChatContext(info) },
        sequences: CHAT_SEQUENCES,
        threads,
        createSignal: o.signal
      });
      const m = model;
      return { info, role, model, chat, contextSize: chat.contextSize, dispose: async () => { await chat.dispose(); await m.dispose(); } };
    }
    const size = Math.min(o.contextSize ?? EMBEDDING_CONTEXT_MAX, model.trainContextSize || EMBEDDING_CONTEXT_MAX);
    const m = model;
    // Small encoders finish a chunk in a millisecond or two on one core; more threads only add
    // barrier waits, which explode when the CPU is busy (measured: 1.4 ms vs 240 ms per chunk
    // for a 2M-param model on a loaded 2-core machine). Keep multi-threading for big encoders.
    const encoderThreads = (info.parameters ?? Infinity) < SMALL_ENCODER_PARAMS ? 1 : threads;
    if (role === 'embedding') {
      const embedding = await model.createEmbeddingContext({ contextSize: size, threads: encoderThreads, createSignal: o.signal });
      return { info, role, model, embedding, contextSize: size, dispose: async () => { await embedding.dispose(); await m.dispose(); } };
    }
    const ranking = await model.createRankingContext({ contextSize: size, threads: encoderThreads, createSignal: o.signal });
    return { info, role, model, ranking, contextSize: size, dispose: async () => { await ranking.dispose(); await m.dispose(); } };
  } catch (e) {
    await model?.dispose().catch(() => {});
    throw loadError(e, info);
  }
}
