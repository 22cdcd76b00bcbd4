import { totalmem } from 'node:os';
import type { CatalogEntry, ModelInfo } from '../../../shared/contract/models';
import { physicalCores } from './llamaRuntime';

/** minCores: below this many physical cores the model answers too slowly on CPU to recommend. */
type Entry = Omit<CatalogEntry, 'recommended' | 'installed'> & { fileHint: string; minCores: number };

/**
 * A short, opinionated list shown in the Models screen. Nothing is downloaded unless the admin
 * asks; sizes are approximate. Per kind, the largest entry that fits this machine's RAM and
 * cores is marked recommended (bigger chat models answer better but must leave RAM for the app
 * and answer at a usable speed on the CPU).
 */
const ENTRIES: Entry[] = [
  { id: 'qwen2.5-0.5b-instruct-q8_0', minCores: 1, name: 'Qwen2.5 0.5B Instruct (Q8_0)', kind: 'chat', uri: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q8_0', approxBytes: 676e6, minRamGb: 4, description: 'Smallest usable chat model; fast on any laptop, short answers.', fileHint: 'qwen2.5-0.5b-instruct' },
  { id: 'qwen2.5-1.5b-instruct-q4_k_m', minCores: 2, name: 'Qwen2.5 1.5B Instruct (Q4_K_M)', kind: 'chat', uri: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M', approxBytes: 1.12e9, minRamGb: 8, description: 'Good balance for 8 GB laptops.', fileHint: 'qwen2.5-1.5b-instruct' },
  { id: 'llama-3.2-3b-instruct-q4_k_m', minCores: 4, name: 'Llama 3.2 3B Instruct (Q4_K_M)', kind: 'chat', uri: 'hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', approxBytes: 2.02e9, minRamGb: 12, description: 'Better reasoning over long manuals; needs 12 GB+.', fileHint: 'llama-3.2-3b-instruct' },
  { id: 'qwen2.5-7b-instruct-q4_k_m', minCores: 6, name: 'Qwen2.5 7B Instruct (Q4_K_M)', kind: 'chat', uri: 'hf:bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M', approxBytes: 4.68e9, minRamGb: 16, description: 'Best answers; for 16 GB+ machines (a GPU helps a lot).', fileHint: 'qwen2.5-7b-instruct' },
  { id: 'bge-small-en-v1.5-q8_0', minCores: 1, name: 'BGE small en v1.5 (Q8_0)', kind: 'embedding', uri: 'hf:CompendiumLabs/bge-small-en-v1.5-gguf/bge-small-en-v1.5-q8_0.gguf', approxBytes: 36e6, minRamGb: 2, description: 'Fast English embeddings (384 dims) for semantic search.', fileHint: 'bge-small-en' },
  { id: 'nomic-embed-text-v1.5-q8_0', minCores: 2, name: 'Nomic Embed Text v1.5 (Q8_0)', kind: 'embedding', uri: 'hf:nomic-ai/nomic-embed-text-v1.5-GGUF:Q8_0', approxBytes: 146e6, minRamGb: 8, description: 'Stronger embeddings, longer chunks (768 dims).', fileHint: 'nomic-embed-text' },
  { id: 'bge-reranker-v2-m3-q8_0', minCores: 4, name: 'BGE reranker v2 m3 (Q8_0)', kind: 'ranking', uri: 'hf:gpustack/bge-reranker-v2-m3-GGUF:Q8_0', approxBytes: 636e6, minRamGb: 12, description: 'Optional reranker: reorders the top passages for precision.', fileHint: 'bge-reranker' }
];

export function catalog(installed: ModelInfo[], totalRamBytes = totalmem(), cores = physicalCores()): CatalogEntry[] {
  const ramGb = totalRamBytes / 1024 ** 3;
  const best = new Map<string, string>();
  // Entries are ordered small → large: the last one that fits RAM and CPU wins.
  for (const e of ENTRIES) if (e.minRamGb <= ramGb && e.minCores <= cores) best.set(e.kind, e.id);
  return ENTRIES.map(({ fileHint, minCores: _minCores, ...e }) => ({
    ...e,
    recommended: best.get(e.kind) === e.id,
    installed: installed.some((m) => m.fileName.toLowerCase().includes(fileHint) || m.id === e.id)
  }));
}
