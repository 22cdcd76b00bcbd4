import { useEffect } from 'react';
import { useStore } from 'zustand';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { SettingsPanel } from '../settings/SettingsPanel';
import { AddModel } from './AddModel';
import { DownloadModels } from './DownloadModels';
import { InstalledModels } from './InstalledModels';
import { RuntimeSlots } from './RuntimeSlots';
import { SemanticSearchHint } from './SemanticSearchHint';

/** "Models & settings": what is installed and loaded, how to add more, and the runtime settings. */
export function ModelsPage() {
  const { models } = useAppStores();
  const loaded = useStore(models, (s) => s.loaded);
  const count = useStore(models, (s) => s.models.length);
  const error = useStore(models, (s) => s.error);
  const refresh = useStore(models, (s) => s.refresh);
  const clearError = useStore(models, (s) => s.clearError);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Models &amp; settings</h1>
      </div>
      {error && <ErrorBanner title="Model action failed" error={error} onDismiss={clearError} />}
      <SemanticSearchHint />

      <section className="section" aria-labelledby="installed-h">
        <div className="section-header">
          <h2 id="installed-h">Installed models</h2>
        </div>
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : count === 0 ? (
          <EmptyState icon="chip" title="No model installed yet">
            Benchmate needs a chat model (GGUF file) to write answers, and an embedding model to search by meaning. Import a GGUF file you already
            have below, or download a recommended one. Until then, search still works by keywords.
          </EmptyState>
        ) : (
          <>
            <RuntimeSlots />
            <InstalledModels />
          </>
        )}
      </section>

      <div className="grid-2">
        <AddModel />
        <DownloadModels />
      </div>

      <SettingsPanel />
    </div>
  );
}
