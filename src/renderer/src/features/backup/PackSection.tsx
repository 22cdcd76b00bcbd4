import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { toast } from '../../components/Toast';
import { useApi, useAppStores } from '../../lib/appContext';
import { pickFiles } from '../../lib/hostFiles';
import { ExportPackDialog } from './ExportPackDialog';
import { ImportPackDialog } from './ImportPackDialog';
import { TaskProgress } from './TaskProgress';

/** Library → Knowledge packs: hand a prepared library to other offline machines, and take one in. */
export function PackSection() {
  const api = useApi();
  const { backup } = useAppStores();
  const error = useStore(backup, (s) => s.error);
  const message = useStore(backup, (s) => s.message);
  const busy = useStore(backup, (s) => s.active !== null);
  const [exporting, setExporting] = useState(false);

  const choosePack = async () => {
    const r = await pickFiles(api, { title: 'Choose a knowledge pack', extensions: ['tar'], multiple: false });
    if (!r.ok) return toast(r.error.message, 'error');
    if (r.value.paths[0]) await backup.getState().previewPack(r.value.paths[0]);
  };

  return (
    <section className="section" aria-labelledby="packs-h">
      <div className="section-header">
        <h2 id="packs-h">Knowledge packs</h2>
      </div>
      <p className="muted small">Prepare manuals once and hand them to other machines on a USB stick: no parsing or embedding there.</p>
      {error && <ErrorBanner title="Pack action failed" error={error} onDismiss={() => backup.setState({ error: null })} />}
      <div className="row">
        <Button disabled={busy} onClick={() => setExporting(true)}>
          Export pack…
        </Button>
        <Button disabled={busy} onClick={() => void choosePack()}>
          Import pack…
        </Button>
      </div>
      <TaskProgress tasks={['export', 'import']} />
      {message && (
        <p className="muted small" role="status">
          {message}
        </p>
      )}
      {exporting && <ExportPackDialog onClose={() => setExporting(false)} />}
      <ImportPackDialog />
    </section>
  );
}
