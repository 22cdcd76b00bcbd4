import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { StatsList } from './StatsList';
import { HealthTable, healthTone } from './HealthTable';
import { overallWords } from './healthWords';
import { RunningJobs } from './RunningJobs';
import { EscalationCounts } from '../escalations/EscalationCounts';

export function StatusPage() {
  const { status } = useAppStores();
  const info = useStore(status, (s) => s.info);
  const health = useStore(status, (s) => s.health);
  const libraryStats = useStore(status, (s) => s.libraryStats);
  const chatStats = useStore(status, (s) => s.chatStats);
  const loading = useStore(status, (s) => s.loading);
  const error = useStore(status, (s) => s.error);
  const refreshedAt = useStore(status, (s) => s.refreshedAt);
  const refresh = useStore(status, (s) => s.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Status</h1>
        {health && (
          <Badge tone={healthTone(health.status)}>
            <span data-testid="overall-status">{overallWords(health)}</span>
          </Badge>
        )}
        <Button onClick={() => void refresh()} busy={loading}>
          Refresh
        </Button>
      </div>
      {refreshedAt && <p className="muted">Checked {new Date(refreshedAt).toLocaleTimeString()}</p>}
      {error && <ErrorBanner title="Could not read all status information" error={error} onRetry={() => void refresh()} />}

      <section className="section" aria-labelledby="health-h">
        <div className="section-header">
          <h2 id="health-h">Components</h2>
        </div>
        {health ? <HealthTable components={health.components} /> : <p className="muted">Checking…</p>}
      </section>

      <RunningJobs />
      <EscalationCounts />

      <div className="grid-2">
        <section className="section" aria-labelledby="lib-h">
          <h2 id="lib-h">Library</h2>
          {libraryStats ? (
            <StatsList stats={libraryStats} label="Library statistics" />
          ) : (
            <p className="muted">{error ? 'Could not be read.' : 'Loading…'}</p>
          )}
        </section>
        <section className="section" aria-labelledby="chat-h">
          <h2 id="chat-h">Chat</h2>
          {chatStats ? (
            <StatsList stats={chatStats} label="Chat statistics" />
          ) : (
            <p className="muted">{error ? 'Could not be read.' : 'Loading…'}</p>
          )}
        </section>
      </div>

      <section className="section" aria-labelledby="app-h">
        <h2 id="app-h">Application</h2>
        {info ? (
          <dl className="kv" aria-label="Application information">
            <div className="kv-row">
              <dt>Version</dt>
              <dd data-testid="app-version">{info.version}</dd>
            </div>
            <div className="kv-row">
              <dt>Running as</dt>
              <dd>
                {info.host === 'web' ? 'Web host (browser)' : info.host === 'electron' ? 'Desktop app' : info.host} · {info.platform}/{info.arch} · Node{' '}
                {info.nodeVersion}
              </dd>
            </div>
            {Object.entries(info.paths).map(([k, v]) => (
              <div key={k} className="kv-row">
                <dt>{k === 'logs' ? 'Logs folder' : k === 'userData' ? 'Data folder' : `${k[0].toUpperCase()}${k.slice(1)}`}</dt>
                <dd className="mono path" data-testid={`path-${k}`}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
    </div>
  );
}
