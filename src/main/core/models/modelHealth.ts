import type { ComponentHealth } from '../../../shared/contract/app';
import type { EmbeddingIndexState, SlotState } from '../../../shared/contract/models';

/**
 * One model slot as a Status-page row. An embedding model that is loaded but has no complete
 * vector table yet is "degraded": search still runs, but without the semantic lane.
 */
export function slotHealth(name: string, s: SlotState, label: string, threads: number, emb: EmbeddingIndexState | null): ComponentHealth {
  if (s.status === 'loaded') {
    const idx = emb && !emb.complete ? `, embedding ${emb.embedded}/${emb.total}` : '';
    return { name, status: emb && !emb.servingModelId ? 'degraded' : 'ok', detail: `${label} (context ${s.contextSize}, ${threads} threads, ${s.gpu ?? 'cpu'}${idx})` };
  }
  if (s.status === 'loading') return { name, status: 'degraded', detail: `Loading ${label} ${Math.round((s.progress ?? 0) * 100)}%` };
  if (s.status === 'error') return { name, status: 'error', detail: `${label}: ${s.error?.message ?? 'failed to load'}` };
  return { name, status: 'off', detail: `No ${s.role} model loaded` };
}
