import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Banner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { formatBytes } from '../status/StatsList';

/**
 * Onboarding for the semantic search lane: while no embedding model is loaded, say what it adds
 * (questions worded differently from the manual) and offer the catalogue's recommended embedding
 * model. Loading one re-embeds the library in the background, as the Models page already does.
 */
export function SemanticSearchHint() {
  const { models } = useAppStores();
  const loaded = useStore(models, (s) => s.loaded);
  const runtime = useStore(models, (s) => s.runtime);
  const catalog = useStore(models, (s) => s.catalog);
  const installed = useStore(models, (s) => s.models.find((m) => m.kind === 'embedding'));
  const busy = useStore(models, (s) => s.busy);
  const { refresh, download, loadModel } = models.getState();

  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);

  const embedding = runtime?.slots.find((s) => s.role === 'embedding');
  if (!loaded || !runtime || (embedding && embedding.status !== 'unloaded' && embedding.status !== 'error')) return null;
  const pick = catalog.find((c) => c.kind === 'embedding' && c.recommended) ?? catalog.find((c) => c.kind === 'embedding');

  return (
    <Banner kind="info">
      <div className="row">
        <div className="grow">
          <strong>Search by meaning is off.</strong> Search finds the manuals&apos; own words today. An embedding model also finds pages for
          questions worded differently (“how high is the track point” → “altitude”).
          {pick && (
            <span className="muted small">
              {' '}
              Recommended: {pick.name} ({formatBytes(pick.approxBytes)}); the library is indexed for it in the background.
            </span>
          )}
        </div>
        {installed ? (
          <Button size="small" disabled={!!busy[`load:${installed.id}`]} onClick={() => void loadModel(installed.id, 'embedding')} aria-label={`Use ${installed.name} for search`}>
            Use {installed.name}
          </Button>
        ) : (
          pick &&
          !pick.installed && (
          <Button size="small" disabled={!!busy[`download:${pick.uri}`]} onClick={() => void download(pick.uri)} aria-label={`Download ${pick.name}`}>
            Download
          </Button>
          )
        )}
      </div>
    </Banner>
  );
}
