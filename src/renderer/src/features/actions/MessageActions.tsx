import { useState } from 'react';
import { useStore } from 'zustand';
import type { MessageAction } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { useAppStores } from '../../lib/appContext';
import type { ChatStore } from '../chat/chatStore';
import { replaceMessage } from '../chat/transcript';

const label = (name: string): string => name.replace(/_/g, ' ');

/**
 * The assistant actions the chat model called in one answer. A changing action is the same
 * confirm card a slash command shows, kept on the answer (so it survives a reload); read-only
 * results and refusals are one line each, with the reason the model was also given.
 */
export function MessageActions({ chat, messageId }: { chat: ChatStore; messageId: string }) {
  const { actions } = useAppStores();
  const list = useStore(chat, (s) => s.transcript.byId[messageId]?.actions);
  const sessionId = useStore(chat, (s) => s.transcript.byId[messageId]?.sessionId ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  if (!list?.length) return null;

  const decide = async (a: MessageAction, yes: boolean) => {
    setBusy(a.proposalId!);
    const r = await actions.getState().decide({ proposalId: a.proposalId!, sessionId, messageId }, yes);
    setBusy(null);
    if (!r) return;
    // The core stored the same change; showing it here saves reloading the whole session.
    chat.setState((s) => {
      const m = s.transcript.byId[messageId];
      if (!m?.actions) return {};
      const next = m.actions.map((x) => (x.proposalId === a.proposalId ? { ...x, status: r.status, text: r.text || x.text } : x));
      return { transcript: replaceMessage(s.transcript, messageId, { ...m, actions: next }) };
    });
  };

  return (
    <ul className="msg-tools" aria-label="Assistant actions">
      {list.map((a, i) => (
        <li key={a.proposalId ?? `${a.name}-${i}`} data-testid="message-action" data-status={a.status}>
          {a.status === 'confirm' ? (
            <div className="action-card" role="group" aria-labelledby={`card-${a.proposalId}`} data-testid="action-card">
              <strong id={`card-${a.proposalId}`}>Confirm: {label(a.name)}</strong>
              <p>{a.text}</p>
              <div className="row-actions">
                <Button size="small" variant="primary" busy={busy === a.proposalId} disabled={busy !== null} onClick={() => void decide(a, true)}>
                  Confirm
                </Button>
                <Button size="small" variant="ghost" disabled={busy !== null} onClick={() => void decide(a, false)}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : (
            <p className={`msg-tool msg-tool-${a.status}`}>
              <strong>{outcomeWord(a.status)}</strong> {label(a.name)}
              {a.text ? ` — ${a.text}` : ''}
              {a.open && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => actions.getState().openPage(a.open!.docId, a.open!.page)}>
                    Open page {a.open.page}
                  </button>
                </>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function outcomeWord(status: MessageAction['status']): string {
  return status === 'done' ? '✓ Ran' : status === 'confirmed' ? '✓ Confirmed' : status === 'declined' ? 'Declined' : '✕ Refused';
}
