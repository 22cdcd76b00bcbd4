import type { Api } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';

/**
 * Calls chat needs from other features' contracts (library for the scope picker, models for the
 * search-only banner). Kept in one adapter so a change of their shapes touches one file.
 */
export interface ScopeDocument {
  id: string;
  title: string;
  machineModels: string[];
  tags: string[];
}

export interface ScopeOptions {
  documents: ScopeDocument[];
  machineModels: string[];
  tags: string[];
}

interface LooseLibrary {
  list?(input?: unknown): Promise<Result<unknown>>;
}

const uniqSorted = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))].sort((a, b) => a.localeCompare(b));

function docsFrom(value: unknown): ScopeDocument[] {
  const arr = Array.isArray(value) ? value : Array.isArray((value as { items?: unknown })?.items) ? (value as { items: unknown[] }).items : [];
  return arr
    .map((d) => d as Partial<ScopeDocument> & { status?: string })
    .filter((d) => typeof d.id === 'string' && (!d.status || d.status === 'ready' || d.status === 'needs_ocr'))
    .map((d) => ({ id: d.id as string, title: String(d.title ?? d.id), machineModels: d.machineModels ?? [], tags: d.tags ?? [] }));
}

export async function loadScopeOptions(api: Api): Promise<ScopeOptions> {
  const lib = (api as unknown as { library?: LooseLibrary }).library;
  if (!lib?.list) return { documents: [], machineModels: [], tags: [] };
  const r = await lib.list({});
  const documents = r.ok ? docsFrom(r.value) : [];
  return {
    documents: documents.sort((a, b) => a.title.localeCompare(b.title)),
    machineModels: uniqSorted(documents.flatMap((d) => d.machineModels)),
    tags: uniqSorted(documents.flatMap((d) => d.tags))
  };
}

interface LooseModels {
  state?(input?: unknown): Promise<Result<unknown>>;
}

/** Whether a chat model is loaded (models.state → chat slot); null when unknown. */
export async function loadChatModelLoaded(api: Api): Promise<boolean | null> {
  const models = (api as unknown as { models?: LooseModels }).models;
  if (!models?.state) return null;
  const r = await models.state();
  if (!r.ok) return null;
  return chatLoadedFromState(r.value);
}

export function chatLoadedFromState(state: unknown): boolean | null {
  const slots = (state as { slots?: Array<{ role?: string; status?: string }> })?.slots;
  if (!Array.isArray(slots)) return null;
  return slots.some((s) => s.role === 'chat' && s.status === 'loaded');
}
