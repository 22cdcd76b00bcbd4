import { formatCombo, listShortcuts } from '../lib/shortcuts';
import { Dialog } from './Dialog';

/** Lists the shortcuts registered right now (pages add theirs while mounted) plus the fixed ones. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const rows = [...listShortcuts(), { keys: 'Esc', description: 'Close a dialog or the document viewer' }, { keys: 'Tab / Shift+Tab', description: 'Move between controls' }];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="table" aria-label="Keyboard shortcuts">
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.keys}-${r.description}`}>
              <td>
                <kbd className="kbd">{r.keys}</kbd>
              </td>
              <td>{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Open this list with {formatCombo('mod+/')}.</p>
    </Dialog>
  );
}
