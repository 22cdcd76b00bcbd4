/**
 * Row shapes of the LanceDB tables under <userData>/index/. This is the seam between the
 * library (writer), search (reader), embeddings (vector tables keyed by model) and chat.
 * Filter columns (machineModels, tags, language) are denormalised onto chunks so search can
 * prefilter with a LanceDB `where` without a join; `library.update` rewrites them.
 */

export type DocumentStatus =
  | 'importing' // rows being written; never visible to search
  | 'ready'
  | 'needs_ocr' // imported, but some/all pages have no text layer
  | 'needs_password'
  | 'failed';

export interface DocumentRow {
  id: string; // stable document id (derived from sha256)
  sha256: string;
  title: string;
  fileName: string; // original file name as imported
  storedPath: string; // content-addressed copy under <userData>/library/
  bytes: number;
  pageCount: number;
  machineModels: string[];
  tags: string[];
  language: string; // BCP-47-ish, '' when unknown
  revision: string;
  notes: string;
  status: DocumentStatus;
  statusDetail: string; // human-readable reason for non-ready statuses
  importedAt: string; // ISO
  updatedAt: string; // ISO
  /** JSON: per-document ingestion quality report. */
  qualityJson: string;
  /** JSON: string[] of page labels by physical page (index 0 = page 1). */
  pageLabelsJson: string;
  /** JSON: outline tree [{title, page, children}] */
  outlineJson: string;
}

export interface PageRow {
  id: string; // `${docId}:${page}`
  docId: string;
  page: number; // 1-based physical page
  pageLabel: string; // printed label, falls back to String(page)
  sectionPath: string; // outline path, ' > ' joined, '' when none
  text: string; // full extracted page text (chunk offsets point into this)
}

export interface ChunkRow {
  id: string; // `${docId}:${page}:${ordinal}`
  docId: string;
  docTitle: string;
  page: number; // 1-based physical page where the chunk starts
  pageEnd: number; // last physical page the chunk covers (== page unless it spans a break)
  pageLabel: string;
  sectionPath: string;
  ordinal: number; // order within the document
  text: string; // chunk text exactly as page.text.slice(charStart, charEnd) (of `page`)
  charStart: number;
  charEnd: number;
  /** Header + text, indexed by the natural-language full-text index (`text` carries the identifier index). */
  searchText: string;
  machineModels: string[];
  tags: string[];
  language: string;
}

/**
 * A chunk's id: its document, page and ordinal (order within the document). Search relies on
 * this form to place a chunk id on its page without reading the row (search/chunkLocator.ts).
 */
export const chunkIdOf = (docId: string, page: number, ordinal: number): string => `${docId}:${page}:${ordinal}`;

/** The page and ordinal in a chunk id of `docId` (see chunkIdOf); undefined for any other id. */
export function chunkIdParts(id: string, docId: string): { page: number; ordinal: number } | undefined {
  if (!id.startsWith(`${docId}:`)) return undefined;
  const m = /^(\d+):(\d+)$/.exec(id.slice(docId.length + 1));
  return m ? { page: Number(m[1]), ordinal: Number(m[2]) } : undefined;
}

/** Per-embedding-model vector table rows: `vectors_<modelKey>`; never mixes models. */
export interface VectorRow {
  chunkId: string;
  docId: string;
  vector: number[];
  machineModels: string[];
  tags: string[];
  language: string;
}

export const TABLES = {
  documents: 'documents',
  pages: 'pages',
  chunks: 'chunks',
  /** Table name for one embedding model's vectors; the key is a sanitised model id. */
  vectors: (modelKey: string) => `vectors_${modelKey.replace(/[^A-Za-z0-9_]/g, '_')}`
} as const;
