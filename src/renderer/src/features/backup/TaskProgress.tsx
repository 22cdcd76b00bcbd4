import { useStore } from 'zustand';
import { formatBytes } from '../status/StatsList';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStores } from '../../lib/appContext';
import type { BackupTask } from './backupStore';

const LABEL: Record<BackupTask, string> = {
  backup: 'Backing up',
  verify: 'Verifying backup',
  restore: 'Verifying and unpacking backup',
  export: 'Exporting pack',
  import: 'Importing pack'
};


/** Progress of the running backup/pack job (bytes when the job reports bytes), from the jobs store. */
export function TaskProgress({ tasks }: { tasks: BackupTask[] }) {
  const { backup, jobs } = useAppStores();
  const active = useStore(backup, (s) => s.active);
  const snap = useStore(jobs, (s) => (active ? s.byId[active.jobId] : undefined));
  if (!active || !tasks.includes(active.task)) return null;
  const total = snap?.total ?? null;
  const done = snap?.done ?? 0;
  const bytes = total !== null && total > 4096;
  const caption = `${LABEL[active.task]}${snap?.phase ? ` · ${snap.phase}` : ''}${total ? ` · ${bytes ? `${formatBytes(done)} of ${formatBytes(total)}` : `${done} of ${total}`}` : ''}`;
  return (
    <div data-testid="backup-progress">
      <ProgressBar label={LABEL[active.task]} done={done} total={total} caption={caption} />
    </div>
  );
}
