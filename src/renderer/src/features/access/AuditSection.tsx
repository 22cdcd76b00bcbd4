import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract/access';
import type { AppErrorData } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApi } from '../../lib/appContext';
import { saveWithHostOrDownload } from '../../lib/hostFiles';

/** Admin: the newest audit entries (who did what, when, how it ended) and the whole log as CSV. */
export function AuditSection() {
  const api = useApi();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<AppErrorData | null>(null);
  const load = async () => {
    const r = await api.audit.list({ limit: 50 });
    if (!r.ok) return setError(r.error);
    setItems(r.value.items);
    setTotal(r.value.total);
  };
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const exportCsv = async () => {
    const r = await api.audit.export({ format: 'csv' });
    if (!r.ok) return setError(r.error);
    const bytes = new TextEncoder().encode(r.value.text);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    const out = await saveWithHostOrDownload(api, { fileName: r.value.fileName, mimeType: r.value.mimeType, base64: btoa(bin) });
    if (!out.saved && out.error) setError(out.error);
  };

  return (
    <section className="section" aria-labelledby="audit-h">
      <div className="section-header">
        <h2 id="audit-h">Audit log</h2>
        <span className="muted">{total} entries</span>
        <Button size="small" onClick={() => void load()}>
          Refresh
        </Button>
        <Button size="small" onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </div>
      {error && <ErrorBanner title="Audit log" error={error} onDismiss={() => setError(null)} />}
      <table className="table" aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td className="mono">{new Date(e.at).toLocaleString()}</td>
              <td>
                {e.actor.name} <span className="muted">({e.transport})</span>
              </td>
              <td className="mono">{e.action}</td>
              <td>{e.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
