import type { Table } from '../index/lanceStore';

/**
 * What search needs from the embeddings feature: the vector table of the active embedding model
 * (rows shaped like VectorRow in index/schema.ts) and a query embedder. `null` = no embedding
 * model configured, and the vector lane is simply absent.
 */
export interface VectorSource {
  table: Table;
  dimension: number;
  modelId: string;
  embedQuery(text: string, signal?: AbortSignal): Promise<number[] | Float32Array>;
  /** ANN knobs: partitions probed, re-ranking factor, or exact (flat) search as a baseline. */
  searchOptions?: { nprobes?: number; refineFactor?: number; exact?: boolean };
}

/** Optional cross-encoder reranker (e.g. a node-llama-cpp ranking context); scores higher = better. */
export interface Reranker {
  modelId: string;
  rank(query: string, documents: string[], signal?: AbortSignal): Promise<number[]>;
}

export interface RetrievalSettings {
  rrfK: number;
  evidenceThreshold: number;
}
