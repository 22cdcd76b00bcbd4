import type { SessionSummary } from '../../../../shared/contract/sessions';
import { SessionRow } from './SessionRow';

interface Props {
  shown: SessionSummary[];
  selected: readonly string[];
  /** Up to two matching message snippets per session id while searching. */
  snippets: ReadonlyMap<string, string[]>;
  query: string;
  searching: boolean;
  onToggle(id: string): void;
  onExport(id: string): void;
  onDelete(session: SessionSummary): void;
}

/** The sessions list: a selectable row per session, or a line saying the search found nothing. */
export function SessionsTable({ shown, selected, snippets, query, searching, onToggle, onExport, onDelete }: Props) {
  return (
    <div className="table-wrap">
      <table className="table sessions-table">
        <thead>
          <tr>
            <th className="col-check">
              <span className="visually-hidden">Select</span>
            </th>
            <th>Session</th>
            <th className="col-machine">Machine</th>
            <th className="col-date">Last activity</th>
            <th className="col-num">Msgs</th>
            <th className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((x) => (
            <SessionRow
              key={x.id}
              session={x}
              selected={selected.includes(x.id)}
              snippets={snippets.get(x.id)}
              onToggle={() => onToggle(x.id)}
              onExport={() => onExport(x.id)}
              onDelete={() => onDelete(x)}
            />
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={6} className="muted sessions-nomatch">
                {searching ? 'Searching…' : `No session mentions “${query}”.`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
