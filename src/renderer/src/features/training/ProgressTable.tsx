import { useStore } from 'zustand';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useAppStores } from '../../lib/appContext';

const TONE = { passed: 'ok', failed: 'error', in_progress: 'info', not_started: 'neutral' } as const;

/** Admin view: every technician × topic, with exports of one technician's training record. */
export function ProgressTable() {
  const { training } = useAppStores();
  const rows = useStore(training, (s) => s.progress);
  const busy = useStore(training, (s) => s.busy);
  const exportRecord = useStore(training, (s) => s.exportRecord);
  const lastExport = useStore(training, (s) => s.lastExport);
  const people = [...new Map(rows.map((r) => [r.technician.id, r.technician])).values()];

  if (!rows.length) return <EmptyState icon="status" title="No attempts yet">Progress appears here once a technician starts a topic.</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table className="table progress-table">
          <thead>
            <tr>
              <th>Technician</th>
              <th>Course</th>
              <th>Topic</th>
              <th>Status</th>
              <th className="col-num">Attempts</th>
              <th>Last activity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.technician.id}:${r.topicId}`}>
                <td>{r.technician.name}</td>
                <td>{r.courseTitle}</td>
                <td>{r.topicTitle}</td>
                <td>
                  <Badge tone={TONE[r.status]}>{r.status.replace('_', ' ')}</Badge>
                </td>
                <td className="col-num">{r.attempts}</td>
                <td>{r.lastActivity ? new Date(r.lastActivity).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="training-exports">
        {people.map((p) => (
          <span key={p.id} className="export-group">
            {p.name}:{' '}
            <Button size="small" disabled={busy} onClick={() => void exportRecord(p.name, 'csv')}>
              Export CSV
            </Button>{' '}
            <Button size="small" disabled={busy} onClick={() => void exportRecord(p.name, 'pdf')}>
              Export PDF
            </Button>
          </span>
        ))}
        {lastExport && <span className="muted">Saved {lastExport}</span>}
      </div>
    </>
  );
}
