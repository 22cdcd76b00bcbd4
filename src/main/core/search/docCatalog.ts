import type { Table } from '../index/lanceStore';

/**
 * The documents table as search needs it: file names/titles for results, and the ids of
 * documents that are not fully indexed (importing, failed, …) so their chunks stay invisible.
 * Cached per table version: a status change or import commits a new version.
 */
export interface DocInfo {
  id: string;
  title: string;
  fileName: string;
  status: string;
}

export interface CatalogSnapshot {
  byId: Map<string, DocInfo>;
  /** Documents whose chunks must not be returned. */
  hidden: string[];
}

const SEARCHABLE = new Set(['ready', 'needs_ocr']);

export class DocCatalog {
  private cached: { version: number; snap: CatalogSnapshot } | undefined;

  constructor(private readonly table: () => Table) {}

  async get(): Promise<CatalogSnapshot> {
    const t = this.table();
    const version = await t.version();
    if (this.cached?.version === version) return this.cached.snap;
    const rows = (await t.query().select(['id', 'title', 'fileName', 'status']).toArray()) as DocInfo[];
    const byId = new Map(rows.map((r) => [String(r.id), { id: String(r.id), title: String(r.title), fileName: String(r.fileName), status: String(r.status) }]));
    const hidden = [...byId.values()].filter((d) => !SEARCHABLE.has(d.status)).map((d) => d.id);
    const snap = { byId, hidden };
    this.cached = { version, snap };
    return snap;
  }
}
