import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStores } from '../../lib/appContext';
import { isActive, jobsOfKind } from '../../lib/jobsStore';
import { formatBytes } from '../status/StatsList';

/** Recommended downloads + any URL, with one progress bar (and Cancel) per download job. */
export function DownloadModels() {
  const { models, jobs } = useAppStores();
  const catalog = useStore(models, (s) => s.catalog);
  const download = useStore(models, (s) => s.download);
  const downloads = useStore(jobs, useShallow((s) => jobsOfKind(s, ['models.download'])));
  const { cancel, dismiss } = jobs.getState();
  const [uri, setUri] = useState('');

  return (
    <section className="section" aria-labelledby="dl-h">
      <h2 id="dl-h">Download a model</h2>
      <p className="muted small">Needs an internet connection. Downloads resume if interrupted.</p>
      {catalog.length > 0 && (
        <ul className="list" aria-label="Recommended models">
          {catalog.map((c) => (
            <li key={c.id} className="list-row">
              <div className="grow">
                <div>
                  {c.name} {c.recommended && <Badge tone="info">recommended</Badge>}
                </div>
                <div className="muted small">
                  {c.kind} · {formatBytes(c.approxBytes)} · needs {c.minRamGb} GB RAM
                </div>
              </div>
              <Button size="small" disabled={c.installed} onClick={() => void download(c.uri)} aria-label={`Download ${c.name}`}>
                {c.installed ? 'Installed' : 'Download'}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (uri.trim()) void download(uri.trim()).then((id) => id && setUri(''));
        }}
      >
        <label className="field grow">
          <span>Model URL or hf: URI</span>
          <input type="text" value={uri} onChange={(e) => setUri(e.target.value)} placeholder="hf:user/repo/model.Q4_K_M.gguf" spellCheck={false} />
        </label>
        <Button type="submit" disabled={!uri.trim()} className="align-end">
          Download
        </Button>
      </form>
      {downloads.length > 0 && (
        <ul className="list" aria-label="Downloads">
          {downloads.map((j) => (
            <li key={j.jobId} className="list-row">
              <div className="grow">
                <ProgressBar
                  label={`Download ${j.title}`}
                  done={j.done}
                  total={j.total}
                  caption={`${j.title} · ${j.status === 'running' || j.status === 'queued' ? (j.total ? `${formatBytes(j.done)} of ${formatBytes(j.total)}` : j.phase) : j.status}`}
                />
                {j.error && <div className="field-error">{j.error.message}</div>}
              </div>
              {isActive(j) ? (
                <Button size="small" onClick={() => void cancel(j.jobId)} aria-label={`Cancel download ${j.title}`}>
                  Cancel
                </Button>
              ) : (
                <Button size="small" variant="ghost" onClick={() => dismiss(j.jobId)} aria-label={`Clear ${j.title}`}>
                  Clear
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
