import { useState } from 'react';
import { useStore } from 'zustand';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAppStores } from '../../lib/appContext';
import { formatBytes } from '../status/StatsList';
import type { ModelInfo } from '../../../../shared/contract/models';
import { slotOf } from './modelsStore';

export function InstalledModels() {
  const { models } = useAppStores();
  const list = useStore(models, (s) => s.models);
  const runtime = useStore(models, (s) => s.runtime);
  const estimates = useStore(models, (s) => s.estimates);
  const busy = useStore(models, (s) => s.busy);
  const { loadModel, unload, remove, estimate } = models.getState();
  const [confirm, setConfirm] = useState<ModelInfo | null>(null);

  return (
    <div className="table-wrap">
      <table className="table" aria-label="Installed models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Kind</th>
            <th scope="col">Size</th>
            <th scope="col">Memory needed</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((m) => {
            const slot = slotOf(runtime, m.id);
            const est = estimates[m.id];
            return (
              <tr key={m.id} data-testid={`model-${m.id}`}>
                <td className="cell-wrap">
                  <div>{m.name}</div>
                  <div className="muted small">
                    {m.fileName}
                    {m.quantization ? ` · ${m.quantization}` : ''}
                    {m.contextLength ? ` · ${m.contextLength.toLocaleString()} ctx` : ''}
                  </div>
                  {m.warnings.map((w) => (
                    <div key={w} className="field-error">
                      {w}
                    </div>
                  ))}
                </td>
                <td>
                  <Badge tone={slot?.status === 'loaded' ? 'ok' : 'neutral'}>{m.kind}</Badge>
                  {slot && <div className="muted small">{slot.status}</div>}
                </td>
                <td>{formatBytes(m.bytes)}</td>
                <td>
                  {est ? (
                    <span className={est.fits ? '' : 'field-error'}>
                      {formatBytes(est.ramBytes)} RAM at {est.contextSize.toLocaleString()} tokens{est.fits ? '' : ' — may not fit'}
                    </span>
                  ) : (
                    <Button size="small" variant="ghost" onClick={() => void estimate(m.id)} busy={!!busy[`estimate:${m.id}`]}>
                      Estimate
                    </Button>
                  )}
                </td>
                <td>
                  <div className="row row-end">
                    {slot ? (
                      <Button size="small" onClick={() => void unload(slot.role)} disabled={slot.status === 'loading'} aria-label={`Unload ${m.name}`}>
                        Unload
                      </Button>
                    ) : (
                      <Button size="small" variant="primary" onClick={() => void loadModel(m.id)} busy={!!busy[`load:${m.id}`]} aria-label={`Load ${m.name}`}>
                        Load
                      </Button>
                    )}
                    <Button size="small" variant="danger" onClick={() => setConfirm(m)} aria-label={`Remove ${m.name}`}>
                      Remove
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirm && (
        <ConfirmDialog
          title="Remove model?"
          confirmLabel="Remove"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            await remove(confirm.id);
            setConfirm(null);
          }}
        >
          {confirm.source === 'referenced'
            ? `Benchmate forgets "${confirm.name}". The file stays where it is.`
            : `"${confirm.name}" is unloaded and its file is deleted from the models folder.`}
        </ConfirmDialog>
      )}
    </div>
  );
}
