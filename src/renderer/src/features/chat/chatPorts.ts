import type { Api } from '../../../../shared/contract';
import type { ModelsState } from '../../../../shared/contract/models';

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

const uniqSorted = (xs: string[]): string[] => [...new Set(xs.filter(Boolean))].sort((a, b) => a.localeCompare(b));

/**
 * Documents that can be searched: ready, or a partly scanned one with some text indexed. Failed,
 * locked and all-scan documents (nothing to search until OCR ran) are not offered.
 */
export async function loadScopeOptions(api: Api): Promise<ScopeOptions> {
  const r = await api.library.list({});
  const documents: ScopeDocument[] = r.ok
    ? r.value
        .filter((d) => d.status === 'ready' || (d.status === 'needs_ocr' && (d.quality?.chunkCount ?? 0) > 0))
        .map((d) => ({ id: d.id, title: d.title, machineModels: d.machineModels, tags: d.tags }))
    : [];
  return {
    documents: documents.sort((a, b) => a.title.localeCompare(b.title)),
    machineModels: uniqSorted(documents.flatMap((d) => d.machineModels)),
    tags: uniqSorted(documents.flatMap((d) => d.tags))
  };
}

/** Whether a chat model is loaded (models.state → chat slot); null when unknown. */
export async function loadChatModelLoaded(api: Api): Promise<boolean | null> {
  const r = await api.models.state();
  return r.ok ? chatLoadedFromState(r.value) : null;
}

export function chatLoadedFromState(state: ModelsState): boolean {
  return state.slots.some((s) => s.role === 'chat' && s.status === 'loaded');
}
