import { useEffect, useState } from 'react';
import { formatBytes } from '../status/StatsList';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Banner, ErrorBanner } from '../../components/ErrorBanner';
import { toast } from '../../components/Toast';
import { useApi, useAppStores } from '../../lib/appContext';
import { pickFiles } from '../../lib/hostFiles';
import { NumberField } from '../settings/NumberField';
import { TaskProgress } from './TaskProgress';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Settings → Backups: back up now, the schedule (every N days, keep N), verify and restore. */
export function BackupSection() {
  const api = useApi();
  const { backup, settings: settingsStore } = useAppStores();
  const s = useStore(backup);
  const cfg = useStore(settingsStore, (x) => x.settings?.backup);
  const update = useStore(settingsStore, (x) => x.update);
  const [folder, setFolder] = useState(cfg?.folder ?? '');
  const [confirm, setConfirm] = useState<string | null>(null);
  const busy = s.active !== null;

  useEffect(() => void backup.getState().load(), [backup]);
  useEffect(() => setFolder(cfg?.folder ?? ''), [cfg?.folder]);
  if (!cfg) return null;

  const saveFolder = async () => {
    if (folder.trim() === cfg.folder) return;
    if (await update({ backup: { folder: folder.trim() } })) await backup.getState().load();
  };
  const restoreFromFile = async () => {
    const r = await pickFiles(api, { title: 'Choose a Benchmate backup', extensions: ['tar'], multiple: false });
    if (!r.ok) return toast(r.error.message, 'error');
    if (r.value.paths[0]) setConfirm(r.value.paths[0]);
  };

  return (
    <section className="section" aria-labelledby="set-backup">
      <h2 id="set-backup">Backups</h2>
      <p className="muted small">
        One .tar file with your manuals, search index, sessions and settings (model files are left out). Keep backups on another disk or a USB stick.
      </p>
      {s.error && <ErrorBanner title="Backup action failed" error={s.error} onDismiss={() => backup.setState({ error: null })} />}
      {s.restoreStaged && (
        <Banner kind="warning">
          <strong>Restore ready.</strong> The backup of {when(s.restoreStaged.createdAt)} ({s.restoreStaged.documents} manuals) was verified and unpacked. Restart
          Benchmate to finish: the current data is replaced then.
        </Banner>
      )}
      <div className="fields-3">
        <label className="field">
          <span>Scheduled backup</span>
          <select value={String(cfg.everyDays)} onChange={(e) => void update({ backup: { everyDays: Number(e.target.value) } })}>
            <option value="0">Off</option>
            <option value="1">Daily</option>
            <option value="7">Weekly</option>
          </select>
          <span className="field-hint">Checked at start and every hour while Benchmate runs.</span>
        </label>
        <NumberField label="Keep the last" hint="Older backups in the folder are deleted" value={cfg.keep} min={1} max={100} onCommit={(keep) => void update({ backup: { keep } })} />
        <label className="field">
          <span>Backup folder</span>
          <input value={folder} placeholder={s.folder} onChange={(e) => setFolder(e.target.value)} onBlur={() => void saveFolder()} onKeyDown={(e) => e.key === 'Enter' && void saveFolder()} />
          <span className="field-hint">Empty = inside the data folder ({s.folder || 'backups'}).</span>
        </label>
      </div>
      <div className="row">
        <Button variant="primary" busy={s.active?.task === 'backup'} disabled={busy} onClick={() => void backup.getState().backupNow()}>
          Back up now
        </Button>
        <Button disabled={busy} onClick={() => void restoreFromFile()}>
          Restore from file…
        </Button>
      </div>
      <TaskProgress tasks={['backup', 'verify', 'restore']} />
      {s.message && (
        <p className="muted small" role="status">
          {s.message}
        </p>
      )}
      {s.backups.length > 0 && (
        <div className="table-wrap">
          <table className="table backup-table" aria-label="Backups">
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Size</th>
                <th scope="col">File</th>
                <th scope="col" className="col-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {s.backups.map((b) => (
                <tr key={b.path} data-testid="backup-row">
                  <td>{when(b.createdAt)}</td>
                  <td>{formatBytes(b.bytes)}</td>
                  <td className="cell-wrap small">{b.path.split(/[\\/]/).pop()}</td>
                  <td className="row-actions">
                    <Button size="small" disabled={busy} onClick={() => void backup.getState().verify(b.path)} aria-label={`Verify ${when(b.createdAt)}`}>
                      Verify
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => setConfirm(b.path)} aria-label={`Restore ${when(b.createdAt)}`}>
                      Restore…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirm && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Verify and restore"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            const path = confirm;
            setConfirm(null);
            await backup.getState().restore(path);
          }}
        >
          All current manuals, sessions and settings will be <strong>replaced</strong> by <strong>{confirm.split(/[\\/]/).pop()}</strong>. The backup is checked
          file by file first; nothing changes if it is damaged. The switch happens when Benchmate restarts, and the current data is kept until the restore
          succeeded.
        </ConfirmDialog>
      )}
    </section>
  );
}
