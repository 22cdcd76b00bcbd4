import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import type { ActionsStore } from './actionsStore';

/** The confirm card: a changing assistant action says what it will do and waits for the user. */
export function ActionCard({ actions }: { actions: ActionsStore }) {
  const pending = useStore(actions, (s) => s.pending);
  const busy = useStore(actions, (s) => s.busy);
  if (!pending) return null;
  return (
    <div className="action-card" role="alertdialog" aria-labelledby="action-card-h" data-testid="action-card">
      <strong id="action-card-h">Confirm: {pending.name.replace(/_/g, ' ')}</strong>
      <p>{pending.summary}</p>
      <div className="row-actions">
        <Button size="small" variant="primary" busy={busy} onClick={() => void actions.getState().confirm()}>
          Confirm
        </Button>
        <Button size="small" variant="ghost" disabled={busy} onClick={() => void actions.getState().cancel()}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
