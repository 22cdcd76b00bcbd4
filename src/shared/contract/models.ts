import { z } from 'zod';
import { method } from './define';
import { idInput, idString, isoDate, jobStarted, nameString, noInput, pathString } from './common';

/** What a GGUF is good for, decided from its metadata (architecture, pooling, ranking head, template). */
export const modelKind = z.enum(['chat', 'embedding', 'ranking']);
export type ModelKind = z.infer<typeof modelKind>;

/** A model file known to Benchmate (copied into the models folder, referenced in place, or downloaded). */
export const modelInfo = z.object({
  id: z.string().describe('Stable id: sanitised file stem (deduplicated with -2, -3 ...)'),
  name: z.string().describe('general.name from the file, else the file name'),
  kind: modelKind,
  architecture: z.string(),
  fileName: z.string(),
  path: z.string(),
  source: z.enum(['copied', 'referenced', 'downloaded']),
  bytes: z.number(),
  /** size + head/tail hash: cheap identity so vectors of a replaced file are never reused. */
  fingerprint: z.string(),
  contextLength: z.number().nullable().describe('Trained context length'),
  embeddingLength: z.number().nullable(),
  parameters: z.number().nullable(),
  quantization: z.string().nullable(),
  hasChatTemplate: z.boolean(),
  addedAt: isoDate,
  warnings: z.array(z.string())
});
export type ModelInfo = z.infer<typeof modelInfo>;

export const modelRole = z.enum(['chat', 'embedding', 'ranking']);
export type ModelRole = z.infer<typeof modelRole>;

export const slotState = z.object({
  role: modelRole,
  modelId: z.string().nullable(),
  status: z.enum(['unloaded', 'loading', 'loaded', 'error']),
  /** Load progress 0..1 while loading. */
  progress: z.number().optional(),
  contextSize: z.number().optional(),
  gpu: z.string().optional().describe("'cpu' or the GPU backend in use"),
  error: z.object({ code: z.string(), message: z.string() }).optional()
});
export type SlotState = z.infer<typeof slotState>;

export const embeddingIndexState = z.object({
  /** Model whose vectors answer queries now (may lag behind the loaded model while re-embedding). */
  servingModelId: z.string().nullable(),
  buildingModelId: z.string().nullable(),
  embedded: z.number(),
  total: z.number(),
  complete: z.boolean(),
  jobId: z.string().nullable()
});
export type EmbeddingIndexState = z.infer<typeof embeddingIndexState>;

export const modelsState = z.object({
  slots: z.array(slotState),
  embeddings: embeddingIndexState,
  threads: z.number(),
  gpu: z.string().describe("'cpu' | 'cuda' | 'vulkan' | 'metal' | 'unknown' (not initialised yet)")
});
export type ModelsState = z.infer<typeof modelsState>;

export const catalogEntry = z.object({
  id: z.string(),
  name: z.string(),
  kind: modelKind,
  uri: z.string().describe('hf: URI or https URL'),
  approxBytes: z.number(),
  minRamGb: z.number(),
  description: z.string(),
  recommended: z.boolean().describe('Fits this machine (RAM) and is the suggested pick for its kind'),
  installed: z.boolean()
});
export type CatalogEntry = z.infer<typeof catalogEntry>;

export const memoryEstimate = z.object({
  modelId: z.string(),
  contextSize: z.number(),
  ramBytes: z.number(),
  vramBytes: z.number(),
  totalRamBytes: z.number(),
  fits: z.boolean()
});
export type MemoryEstimate = z.infer<typeof memoryEstimate>;

export const modelsMethods = {
  list: method(noInput, z.array(modelInfo), 'Model files known to Benchmate.'),
  import: method(
    z.object({ path: pathString, mode: z.enum(['copy', 'reference']).default('copy') }).strict(),
    modelInfo,
    'Validate a local GGUF (header, architecture, size) and add it, copied into the models folder or referenced in place.'
  ),
  remove: method(idInput, z.object({ removed: z.boolean() }), 'Forget a model (unloads it; deletes the file only when it lives in the models folder).'),
  download: method(
    z.object({ uri: z.string().min(1).max(2048), fileName: nameString.optional(), sha256: z.string().length(64).regex(/^[a-fA-F0-9]{64}$/).optional() }).strict(),
    jobStarted,
    'Download a GGUF from an https URL or hf: URI as a job (progress, resumable, checksum when given). OFFLINE when unreachable.'
  ),
  catalog: method(noInput, z.array(catalogEntry), 'Built-in list of recommended models for this machine (download on request).'),
  estimate: method(
    z.object({ id: idString, contextSize: z.number().int().positive().optional() }).strict(),
    memoryEstimate,
    'Memory a model would need at a context size (auto when omitted).'
  ),
  load: method(
    z.object({ id: idString, role: modelRole.optional(), contextSize: z.number().int().positive().optional() }).strict(),
    jobStarted,
    'Load a model into its role (chat / embedding / ranking) as a job; remembered for the next start.'
  ),
  unload: method(z.object({ role: modelRole }).strict(), z.object({ unloaded: z.boolean() }), 'Unload the model of a role.'),
  state: method(noInput, modelsState, 'Loaded models, load progress, embedding index state.'),
  reembed: method(noInput, jobStarted, 'Embed chunks missing from the active embedding model vector table (normally automatic).')
};

export const modelsEvents = {
  'models.state': modelsState,
  'models.changed': z.array(modelInfo)
};
