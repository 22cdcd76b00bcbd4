import { useState } from 'react';
import { useStore } from 'zustand';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAppStores } from '../../lib/appContext';

const ACTION: Record<string, { tone: BadgeTone; label: string }> = {
  add: { tone: 'ok', label: 'Add' },
  replace: { tone: 'warn', label: 'Replace' },
  skip: { tone: 'info', label: 'Unchanged' }
};

/** What importing the chosen pack will change, document by document; replacing needs a tick. */
export function ImportPackDialog() {
  const { backup } = useAppStores();
  const preview = useStore(backup, (s) => s.packPreview);
  const [replace, setReplace] = useState(false);
  if (!preview) return null;
  const count = (a: string) => preview.changes.filter((c) => c.action === a).length;
  const adds = count('add');
  const replaces = count('replace');
  const changes = adds + (replace ? replaces : 0);

  return (
    <Dialog
      title="Import knowledge pack"
      wide
      onClose={() => backup.getState().clearPreview()}
      footer={
        <>
          <Button onClick={() => backup.getState().clearPreview()}>Cancel</Button>
          <Button variant="primary" disabled={changes === 0} onClick={() => void backup.getState().importPack(replace)}>
            {changes === 0 ? 'Nothing to import' : `Import ${changes} ${changes === 1 ? 'manual' : 'manuals'}`}
          </Button>
        </>
      }
    >
      <p className="muted small">
        Pack made by Benchmate {preview.appVersion} on {preview.createdAt.slice(0, 10)}: {adds} new, {replaces} newer {replaces === 1 ? 'revision' : 'revisions'},{' '}
        {count('skip')} already here. {preview.vectors.detail}
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Pack changes">
          <thead>
            <tr>
              <th scope="col" style={{ width: '16%' }}>
                Change
              </th>
              <th scope="col">Manual</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c) => (
              <tr key={c.docId} data-testid="pack-change" data-action={c.action}>
                <td>
                  <Badge tone={ACTION[c.action].tone}>{ACTION[c.action].label}</Badge>
                </td>
                <td className="cell-wrap">
                  {c.title}
                  {c.revision && <span className="muted small"> rev {c.revision}</span>}
                </td>
                <td className="cell-wrap small">{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {replaces > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          <span>
            Replace the older {replaces === 1 ? 'revision' : `revisions (${replaces})`} with the pack&apos;s. Past answers keep their quoted text, title and revision.
          </span>
        </label>
      )}
    </Dialog>
  );
}
