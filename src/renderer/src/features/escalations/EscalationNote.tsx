import { useStore } from 'zustand';
import { useAppStores } from '../../lib/appContext';
import { selectForMessage } from './escalationsStore';

/** Under an escalated answer in the chat: its status, and the supervisor's resolution once there is one. */
export function EscalationNote({ messageId }: { messageId: string }) {
  const { escalations } = useAppStores();
  const e = useStore(escalations, selectForMessage(messageId));
  if (!e) return null;
  return (
    <div className={`escalation-inline escalation-${e.status}`} role="note" data-testid="escalation-note">
      {e.status === 'resolved' ? (
        <>
          <strong>Supervisor{e.handledBy ? ` (${e.handledBy})` : ''}:</strong> {e.resolution}
        </>
      ) : (
        <>⚑ Escalated — {e.status === 'open' ? 'waiting for a supervisor' : `being looked at${e.handledBy ? ` by ${e.handledBy}` : ''}`}</>
      )}
    </div>
  );
}
