import { useState } from 'react';
import type { Escalation } from '../../../../shared/contract/escalations';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';

const TONE = { open: 'warn', acknowledged: 'info', resolved: 'ok' } as const;

/** One escalation as the supervisor sees it: what was asked and answered, on which machine, and the actions. */
export function EscalationCard({ e, onAcknowledge, onResolve }: { e: Escalation; onAcknowledge(): Promise<boolean>; onResolve(text: string): Promise<boolean> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    if (await fn()) setText('');
    setBusy(false);
  };
  return (
    <li className="escalation" data-testid="escalation" data-status={e.status}>
      <div className="escalation-head">
        <Badge tone={TONE[e.status]}>{e.status}</Badge>
        <strong>{e.question || '(question not found)'}</strong>
      </div>
      <p className="muted">
        {e.technician.name || 'Unknown'}
        {e.machine ? ` · ${e.machine}` : ''}
        {e.serialNumber ? ` · S/N ${e.serialNumber}` : ''} · {new Date(e.createdAt).toLocaleString()}
      </p>
      {e.note && <p className="escalation-note">“{e.note}”</p>}
      <details>
        <summary>Answer given ({e.sources.length === 1 ? '1 source' : `${e.sources.length} sources`})</summary>
        <p className="escalation-answer">{e.answer}</p>
        <ul className="plain-list">
          {e.sources.map((s) => (
            <li key={`${s.docId}:${s.page}:${s.n}`} className="muted">
              [{s.n}] {s.docTitle}, p. {s.pageLabel}
            </li>
          ))}
        </ul>
      </details>
      {e.status === 'resolved' ? (
        <p className="escalation-resolution">
          <strong>Resolution{e.handledBy ? ` (${e.handledBy})` : ''}:</strong> {e.resolution}
        </p>
      ) : (
        <div className="escalation-actions">
          <label className="visually-hidden" htmlFor={`res-${e.id}`}>
            Resolution
          </label>
          <textarea id={`res-${e.id}`} rows={2} placeholder="What should the technician do?" value={text} onChange={(ev) => setText(ev.target.value)} />
          <div className="row-actions">
            {e.status === 'open' && (
              <Button size="small" busy={busy} onClick={() => void run(onAcknowledge)}>
                Acknowledge
              </Button>
            )}
            <Button size="small" variant="primary" busy={busy} disabled={!text.trim()} onClick={() => void run(() => onResolve(text.trim()))}>
              Resolve
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
