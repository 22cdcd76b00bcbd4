import type { SearchFilters } from '../../../shared/contract/search';
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
  machineModels: string[];
  tags: string[];
  language: string;
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
    const rows = (await t.query().select(['id', 'title', 'fileName', 'status', 'machineModels', 'tags', 'language']).toArray()) as Array<
      Record<string, unknown>
    >;
    const list = (v: unknown): string[] => (v && typeof v === 'object' ? Array.from(v as Iterable<unknown>, String) : []);
    const byId = new Map(
      rows.map((r) => [
        String(r.id),
        {
          id: String(r.id),
          title: String(r.title),
          fileName: String(r.fileName),
          status: String(r.status),
          machineModels: list(r.machineModels),
          tags: list(r.tags),
          language: String(r.language ?? '')
        }
      ])
    );
    const hidden = [...byId.values()].filter((d) => !SEARCHABLE.has(d.status)).map((d) => d.id);
    const snap = { byId, hidden };
    this.cached = { version, snap };
    return snap;
  }
}

/**
 * Document ids passing `filters` (same semantics as filters.ts), for tables that carry only
 * docId (pages). Undefined = no restriction at all.
 */
export function allowedDocIds(snap: CatalogSnapshot, filters: SearchFilters): string[] | undefined {
  const f = filters;
  const restricted = !!(f.documentIds?.length || f.machineModels?.length || f.tags?.length || f.language);
  if (!restricted && snap.hidden.length === 0) return undefined;
  const hidden = new Set(snap.hidden);
  const lang = f.language?.toLowerCase();
  return [...snap.byId.values()]
    .filter((d) => !hidden.has(d.id))
    .filter((d) => !f.documentIds?.length || f.documentIds.includes(d.id))
    .filter((d) => !f.machineModels?.length || d.machineModels.some((m) => f.machineModels!.includes(m)))
    .filter((d) => !f.tags?.length || d.tags.some((t) => f.tags!.includes(t)))
    .filter((d) => !lang || d.language.toLowerCase() === lang || d.language.toLowerCase().startsWith(`${lang}-`))
    .map((d) => d.id);
}
