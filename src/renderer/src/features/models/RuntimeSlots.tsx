import { useStore } from 'zustand';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStores } from '../../lib/appContext';
import { roleLabel } from './modelsStore';

/** One line per role: what is loaded, load progress, and Unload. */
export function RuntimeSlots() {
  const { models } = useAppStores();
  const runtime = useStore(models, (s) => s.runtime);
  const list = useStore(models, (s) => s.models);
  const unload = useStore(models, (s) => s.unload);
  const busy = useStore(models, (s) => s.busy);
  if (!runtime) return null;
  const nameOf = (id: string | null) => (id ? (list.find((m) => m.id === id)?.name ?? id) : null);
  const emb = runtime.embeddings;

  return (
    <div className="slots" aria-label="Loaded models">
      {runtime.slots.map((slot) => (
        <div key={slot.role} className="slot" data-testid={`slot-${slot.role}`}>
          <div className="slot-head">
            <strong>{roleLabel(slot.role)}</strong>
            <Badge tone={slot.status === 'loaded' ? 'ok' : slot.status === 'error' ? 'error' : slot.status === 'loading' ? 'info' : 'neutral'}>
              {slot.status}
            </Badge>
          </div>
          <div className="slot-model">{nameOf(slot.modelId) ?? <span className="muted">none</span>}</div>
          {slot.status === 'loading' && (
            <ProgressBar label={`Loading ${roleLabel(slot.role)} model`} done={Math.round((slot.progress ?? 0) * 100)} total={100} caption="Loading" />
          )}
          {slot.status === 'loaded' && (
            <div className="muted small">
              {slot.contextSize ? `${slot.contextSize.toLocaleString()} tokens context` : ''}
              {slot.gpu ? ` · ${slot.gpu}` : ''}
            </div>
          )}
          {slot.error && <div className="field-error">{slot.error.message}</div>}
          {(slot.status === 'loaded' || slot.status === 'error') && (
            <Button size="small" onClick={() => void unload(slot.role)} busy={!!busy[`unload:${slot.role}`]}>
              Unload
            </Button>
          )}
        </div>
      ))}
      <div className="slot">
        <div className="slot-head">
          <strong>Search vectors</strong>
          <Badge tone={emb.complete ? 'ok' : emb.buildingModelId ? 'info' : 'neutral'}>{emb.complete ? 'complete' : emb.buildingModelId ? 'building' : 'none'}</Badge>
        </div>
        {emb.total > 0 && <ProgressBar label="Embedded passages" done={emb.embedded} total={emb.total} caption={`${emb.embedded} of ${emb.total} passages`} />}
        <div className="muted small">
          {runtime.threads} threads · {runtime.gpu}
        </div>
      </div>
    </div>
  );
}
