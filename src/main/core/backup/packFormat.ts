/**
 * Knowledge pack layout (a .tar; archive.ts adds pack.json first and the manifest last):
 *
 *   docs/<docId>/document.json            the document row (without the machine-local storedPath)
 *   docs/<docId>/pages.jsonl              one page row per line
 *   docs/<docId>/chunks.jsonl             one chunk row per line (FTS-ready: searchText, filters)
 *   docs/<docId>/vectors/<modelKey>.jsonl {chunkId, vector} per line, one file per embedding model
 *   docs/<docId>/file.pdf                 the stored PDF (last: its arrival completes the document)
 */
import type { ChunkRow, DocumentRow, PageRow } from '../index/schema';
import type { ArchiveHead } from './archive';
import type { SchemaVersions } from './versions';

export interface PackDocHead {
  id: string;
  sha256: string;
  title: string;
  revision: string;
  machineModels: string[];
  tags: string[];
  pageCount: number;
  chunks: number;
}

export interface PackEmbedding {
  key: string;
  modelId: string;
  fingerprint: string;
  dimension: number;
}

export interface PackHead extends ArchiveHead {
  schemas: SchemaVersions;
  documents: PackDocHead[];
  embeddings: PackEmbedding[];
}

export type PackDocumentRow = Omit<DocumentRow, 'storedPath'>;

export const packPaths = {
  document: (id: string) => `docs/${id}/document.json`,
  pages: (id: string) => `docs/${id}/pages.jsonl`,
  chunks: (id: string) => `docs/${id}/chunks.jsonl`,
  vectors: (id: string, key: string) => `docs/${id}/vectors/${key}.jsonl`,
  pdf: (id: string) => `docs/${id}/file.pdf`
};

/** Splits `docs/<id>/<rest>` into its parts; undefined for anything else. */
export function parsePackPath(path: string): { docId: string; part: 'document' | 'pages' | 'chunks' | 'pdf' | 'vectors'; key?: string } | undefined {
  const m = /^docs\/([^/]+)\/(document\.json|pages\.jsonl|chunks\.jsonl|file\.pdf|vectors\/([^/]+)\.jsonl)$/.exec(path);
  if (!m) return undefined;
  const part = m[2] === 'document.json' ? 'document' : m[2] === 'pages.jsonl' ? 'pages' : m[2] === 'chunks.jsonl' ? 'chunks' : m[2] === 'file.pdf' ? 'pdf' : 'vectors';
  return { docId: m[1], part, key: m[3] };
}

export const jsonl = (rows: readonly unknown[]): Buffer => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));

export function parseJsonl<T>(buf: Buffer): T[] {
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as T);
}

export interface PackDocContent {
  doc?: PackDocumentRow;
  pages?: PageRow[];
  chunks?: ChunkRow[];
  vectors: Map<string, Array<{ chunkId: string; vector: number[] }>>;
}

/** Same document in another revision: same title and the same machine models (order ignored). */
export function sameDocument(a: { title: string; machineModels: readonly string[] }, b: { title: string; machineModels: readonly string[] }): boolean {
  const norm = (m: readonly string[]) => [...m].map((x) => x.toLowerCase()).sort().join('\u0001');
  return a.title.trim().toLowerCase() === b.title.trim().toLowerCase() && norm(a.machineModels) === norm(b.machineModels);
}
