import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStores } from '../../lib/appContext';
import { jobsOfKind } from '../../lib/jobsStore';
import { IMPORT_JOB_KINDS, isProblem, queueHeader, queueItem, reconcileQueue, type QueueItem, type QueueItemKind } from './importQueue';


const BADGE: Record<QueueItemKind, { tone: BadgeTone; label: string }> = {
  active: { tone: 'info', label: 'Importing' },
  imported: { tone: 'ok', label: 'Done' },
  duplicate: { tone: 'neutral', label: 'Already imported' },
  needs_password: { tone: 'warn', label: 'Password needed' },
  needs_ocr: { tone: 'warn', label: 'Needs OCR' },
  damaged: { tone: 'error', label: 'Damaged file' },
  failed: { tone: 'error', label: 'Failed' },
  cancelled: { tone: 'neutral', label: 'Cancelled' }
};

/** One row per imported file: a progress bar while running, then the outcome and what to do. */
export function ImportQueue({ onUnlock }: { onUnlock: (docId: string | undefined, file: string) => void }) {
  const { jobs, library } = useAppStores();
  // Select the stored snapshots (stable references) and derive rows outside the selector:
  // a selector that builds new objects would never compare equal and would loop.
  const snapshots = useStore(jobs, useShallow((s) => jobsOfKind(s, IMPORT_JOB_KINDS)));
  const documents = useStore(library, (s) => s.documents);
  const items = useMemo(() => reconcileQueue(snapshots.map(queueItem), documents), [snapshots, documents]);
  const { cancel } = jobs.getState();
  const dismiss = (item: QueueItem) => [item.jobId, ...(item.earlierJobIds ?? [])].forEach((id) => jobs.getState().dismiss(id));
  const paused = useStore(library, (s) => s.importsPaused);
  const pausing = useStore(library, (s) => !!s.busy.pause);
  if (items.length === 0 && !paused) return null;
  const finished = items.filter((i) => i.kind !== 'active');
  const { status, offerPause } = queueHeader(items, paused);

  return (
    <section className="section" aria-labelledby="queue-h">
      <div className="section-header">
        <h2 id="queue-h">Import queue</h2>
        <span className="muted small" aria-live="polite">
          {status}
        </span>
        {offerPause && (
          <Button size="small" busy={pausing} onClick={() => void library.getState().setImportsPaused(!paused)} aria-pressed={paused}>
            {paused ? 'Resume imports' : 'Pause imports'}
          </Button>
        )}
        {finished.length > 0 && (
          <Button size="small" variant="ghost" onClick={() => finished.forEach(dismiss)}>
            Clear finished
          </Button>
        )}
      </div>
      <ul className="list queue" aria-label="Import queue">
        {items.map((item) => (
          <QueueRow key={item.jobId} item={item} onCancel={() => void cancel(item.jobId)} onDismiss={() => dismiss(item)} onUnlock={onUnlock} />
        ))}
      </ul>
    </section>
  );
}

function QueueRow({ item, onCancel, onDismiss, onUnlock }: { item: QueueItem; onCancel: () => void; onDismiss: () => void; onUnlock: (docId: string | undefined, file: string) => void }) {
  const badge = item.waiting ? { tone: 'neutral' as const, label: 'Queued' } : BADGE[item.kind];
  return (
    <li className={`list-row queue-row${isProblem(item.kind) ? ' is-problem' : ''}`} data-testid="queue-item" data-kind={item.kind}>
      <div className="grow">
        <div className="queue-title">
          <span className="cell-wrap">{item.file}</span>
          <Badge tone={badge.tone}>{item.phase === 'ocr' ? 'Recognising text' : badge.label}</Badge>
        </div>
        {item.kind === 'active' ? (
          <ProgressBar label={`Importing ${item.file}`} done={item.done} total={item.total} caption={item.message} />
        ) : (
          <div className={isProblem(item.kind) ? 'queue-reason' : 'muted small'} data-testid="queue-message">
            {item.message}
          </div>
        )}
      </div>
      {item.kind === 'active' ? (
        <Button size="small" onClick={onCancel} aria-label={`Cancel import of ${item.file}`}>
          Cancel
        </Button>
      ) : (
        <div className="row row-end">
          {item.kind === 'needs_password' && !item.removed && (
            <Button size="small" variant="primary" onClick={() => onUnlock(item.docId, item.file)}>
              Enter password
            </Button>
          )}
          <Button size="small" variant="ghost" onClick={onDismiss} aria-label={`Clear ${item.file} from the queue`}>
            Clear
          </Button>
        </div>
      )}
    </li>
  );
}
