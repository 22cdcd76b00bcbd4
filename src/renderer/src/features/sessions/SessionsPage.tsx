import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ExportFormat } from '../../../../shared/contract/export';
import type { SessionSummary } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { toast } from '../../components/Toast';
import { announce } from '../../lib/announce';
import { routeHref } from '../../lib/router';
import { FeatureBoundary } from '../chat/FeatureBoundary';
import { useFeatureStores } from '../chat/useFeatureStores';
import { ExportDialog } from './ExportDialog';
import { SessionsTable } from './SessionsTable';
import { visibleSessions } from './sessionsStore';
import './sessions.css';

/** History of every session: search across messages, open in Chat, export, delete. */
export function SessionsPage() {
  return (
    <FeatureBoundary name="Sessions">
      <SessionsScreen />
    </FeatureBoundary>
  );
}

function SessionsScreen() {
  const { sessions } = useFeatureStores();
  const s = useStore(sessions);
  const [selected, setSelected] = useState<string[]>([]);
  const [exportIds, setExportIds] = useState<string[] | null>(null);
  const [deleting, setDeleting] = useState<SessionSummary | null>(null);

  useEffect(() => {
    void sessions.getState().load();
  }, [sessions]);

  const shown = useMemo(() => visibleSessions(s), [s.items, s.hits, s.query]); // eslint-disable-line react-hooks/exhaustive-deps
  const snippets = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const h of s.hits ?? []) m.set(h.sessionId, [...(m.get(h.sessionId) ?? []), h.snippet].slice(0, 2));
    return m;
  }, [s.hits]);

  const doExport = async (format: ExportFormat) => {
    if (!exportIds) return;
    const r = await sessions.getState().exportSessions(exportIds, format);
    if (r.saved) {
      const name = sessions.getState().lastExport?.fileName ?? 'export';
      toast(`Exported ${name}${r.where === 'Downloads' ? ' (see your downloads)' : ` to ${r.where}`}`, 'success');
      announce('Export finished');
      setExportIds(null);
    } else if (r.cancelled) {
      setExportIds(null);
    }
  };

  const toggle = (id: string) => setSelected((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]));

  return (
    <div className="page sessions-page">
      <header className="page-header">
        <h1>Sessions</h1>
        <label className="visually-hidden" htmlFor="sessions-search">
          Search all messages
        </label>
        <input
          id="sessions-search"
          className="sessions-search"
          type="search"
          placeholder="Search all questions and answers…"
          value={s.query}
          onChange={(e) => void s.search(e.target.value)}
        />
        <Button disabled={selected.length === 0} onClick={() => setExportIds(selected)}>
          Export selected{selected.length ? ` (${selected.length})` : ''}
        </Button>
      </header>
      {s.error && <ErrorBanner error={s.error} onDismiss={s.clearError} />}
      {s.loaded && s.items.length === 0 ? (
        <EmptyState
          icon="sessions"
          title="No sessions yet"
          actions={
            <a className="btn btn-primary" href={routeHref('chat')}>
              Ask a question
            </a>
          }
        >
          Every chat is kept here so you can find an answer again or export it as a service report.
        </EmptyState>
      ) : (
        <SessionsTable
          shown={shown}
          selected={selected}
          snippets={snippets}
          query={s.query}
          searching={s.searching}
          onToggle={toggle}
          onExport={(id) => setExportIds([id])}
          onDelete={setDeleting}
        />
      )}
      {exportIds && <ExportDialog count={exportIds.length} busy={!!s.exporting} onExport={(f) => void doExport(f)} onClose={() => setExportIds(null)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete this session?"
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            if (await sessions.getState().remove(deleting.id)) {
              setSelected((xs) => xs.filter((x) => x !== deleting.id));
              toast('Session deleted', 'success');
            }
            setDeleting(null);
          }}
        >
          “{deleting.title}” and its {deleting.messageCount} messages will be deleted permanently.
        </ConfirmDialog>
      )}
    </div>
  );
}
