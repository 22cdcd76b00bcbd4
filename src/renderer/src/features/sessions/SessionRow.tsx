import type { SessionSummary } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { navigate, routeHref } from '../../lib/router';

const fmtDate = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  session: SessionSummary;
  selected: boolean;
  /** Matching message snippets when a search is active. */
  snippets?: string[];
  onToggle: () => void;
  onExport: () => void;
  onDelete: () => void;
}

/** One session in the history table: title (with search snippets), machine, activity, actions. */
export function SessionRow({ session: x, selected, snippets, onToggle, onExport, onDelete }: Props) {
  return (
    <tr data-session-id={x.id}>
      <td className="col-check">
        <input type="checkbox" aria-label={`Select ${x.title}`} checked={selected} onChange={onToggle} />
      </td>
      <td className="cell-wrap">
        {x.pinned && (
          <span className="pin-mark" aria-label="Pinned">
            ★{' '}
          </span>
        )}
        <a className="session-title" href={routeHref('chat', [x.id])}>
          {x.title || 'Untitled'}
        </a>
        {snippets?.map((sn, i) => (
          <p key={i} className="session-snippet muted">
            {sn}
          </p>
        )) ?? (x.lastQuestion && x.lastQuestion !== x.title ? <p className="session-snippet muted">{x.lastQuestion}</p> : null)}
      </td>
      <td className="col-machine">{[x.machine, x.serialNumber].filter(Boolean).join(' · ') || <span className="muted">—</span>}</td>
      <td className="col-date">{fmtDate(x.updatedAt)}</td>
      <td className="col-num">{x.messageCount}</td>
      <td className="col-actions">
        <Button size="small" onClick={() => navigate('chat', [x.id])}>
          Open
        </Button>
        <Button size="small" onClick={onExport}>
          Export…
        </Button>
        <Button size="small" variant="ghost" className="danger-text" aria-label={`Delete ${x.title}`} onClick={onDelete}>
          Delete
        </Button>
      </td>
    </tr>
  );
}
