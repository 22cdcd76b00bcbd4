import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LanceStore } from '../../../src/main/core/index/lanceStore';
import type { ChunkRow, DocumentRow, PageRow } from '../../../src/main/core/index/schema';

/**
 * Writes documents and chunks straight into a real LanceStore in a temp folder, for search tests
 * that need exact control over the rows (filters, dedupe, evidence). PDF-level behaviour is
 * covered by the integration tests through the real library import.
 */
export interface SeedDoc {
  id: string;
  title?: string;
  fileName?: string;
  status?: DocumentRow['status'];
  machineModels?: string[];
  tags?: string[];
  language?: string;
  /** Chunk texts by physical page; several entries per page = several chunks. */
  pages: Array<{ page: number; texts: string[]; sectionPath?: string }>;
}

export function documentRow(d: SeedDoc): DocumentRow {
  const now = new Date().toISOString();
  return {
    id: d.id,
    sha256: d.id,
    title: d.title ?? d.id,
    fileName: d.fileName ?? `${d.id}.pdf`,
    storedPath: '',
    bytes: 0,
    pageCount: Math.max(1, ...d.pages.map((p) => p.page)),
    machineModels: d.machineModels ?? [],
    tags: d.tags ?? [],
    language: d.language ?? 'en',
    revision: '',
    notes: '',
    status: d.status ?? 'ready',
    statusDetail: '',
    importedAt: now,
    updatedAt: now,
    qualityJson: '{}',
    pageLabelsJson: '[]',
    outlineJson: '[]'
  };
}

export function chunkRows(d: SeedDoc): ChunkRow[] {
  const rows: ChunkRow[] = [];
  let ordinal = 0;
  for (const p of d.pages) {
    let offset = 0;
    for (const text of p.texts) {
      const section = p.sectionPath ?? '';
      rows.push({
        id: `${d.id}:${p.page}:${ordinal}`,
        docId: d.id,
        docTitle: d.title ?? d.id,
        page: p.page,
        pageEnd: p.page,
        pageLabel: String(p.page),
        sectionPath: section,
        ordinal: ordinal++,
        text,
        charStart: offset,
        charEnd: offset + text.length,
        searchText: `${d.title ?? d.id} ${section}\n${text}`,
        machineModels: d.machineModels ?? [],
        tags: d.tags ?? [],
        language: d.language ?? 'en'
      });
      offset += text.length + 1;
    }
  }
  return rows;
}

export function pageRows(d: SeedDoc): PageRow[] {
  return d.pages.map((p) => ({
    id: `${d.id}:${p.page}`,
    docId: d.id,
    page: p.page,
    pageLabel: String(p.page),
    sectionPath: p.sectionPath ?? '',
    text: p.texts.join('\n')
  }));
}

export async function seedIndex(docs: SeedDoc[]): Promise<{ store: LanceStore; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'benchmate-search-'));
  const store = await LanceStore.open(join(dir, 'index'));
  if (docs.length) {
    await store.documents().add(docs.map(documentRow) as unknown as Record<string, unknown>[]);
    await store.pages().add(docs.flatMap(pageRows) as unknown as Record<string, unknown>[]);
    await store.chunks().add(docs.flatMap(chunkRows) as unknown as Record<string, unknown>[]);
    await store.optimize();
  }
  return {
    store,
    async cleanup() {
      await store.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
