import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { toast } from '../../components/Toast';
import { useApi, useAppStores } from '../../lib/appContext';
import { hostKind } from '../../lib/api';
import { pickFiles } from '../../lib/hostFiles';
import { modelPathWords } from './addModelWords';

/** Import a GGUF already on this machine: type/paste a path, or browse (upload in the web host). */
export function AddModel() {
  const api = useApi();
  const { models } = useAppStores();
  const busy = useStore(models, (s) => !!s.busy.import);
  const importModel = useStore(models, (s) => s.importModel);
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'copy' | 'reference'>('copy');
  const [picking, setPicking] = useState(false);
  const words = modelPathWords(hostKind());

  const doImport = async (p: string, m: 'copy' | 'reference') => {
    const info = await importModel(p, m);
    if (info) {
      toast(`Added ${info.name} (${info.kind})`, 'success');
      setPath('');
    }
  };

  const browse = async () => {
    setPicking(true);
    const r = await pickFiles(api, { title: 'Choose a GGUF model', extensions: ['gguf'], multiple: false });
    setPicking(false);
    if (!r.ok) return toast(r.error.message, 'error');
    const [p] = r.value.paths;
    // An uploaded file already lives in our data folder: copying it again would double the disk use... but
    // "reference" would point into the uploads folder, so uploads are always imported by copy.
    if (p) await doImport(p, hostKind() === 'web' ? 'copy' : mode);
  };

  return (
    <section className="section" aria-labelledby="add-model-h">
      <h2 id="add-model-h">Import a GGUF file</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void doImport(path.trim(), mode);
        }}
      >
        <label className="field">
          <span>{words.label}</span>
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/models/model.Q4_K_M.gguf" spellCheck={false} aria-describedby={words.hint ? 'model-path-hint' : undefined} />
        </label>
        {words.hint && (
          <p id="model-path-hint" className="muted small">
            {words.hint}
          </p>
        )}
        <label className="field">
          <span>Keep the file</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'copy' | 'reference')}>
            <option value="copy">Copy into Benchmate's models folder</option>
            <option value="reference">Use it where it is (no copy)</option>
          </select>
        </label>
        <div className="row">
          <Button type="submit" variant="primary" busy={busy} disabled={!path.trim()}>
            Import
          </Button>
          <Button onClick={() => void browse()} busy={picking}>
            Browse…
          </Button>
        </div>
      </form>
    </section>
  );
}
