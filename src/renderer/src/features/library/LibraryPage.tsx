import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { DocumentSummary } from '../../../../shared/contract/library';
import { Banner, ErrorBanner } from '../../components/ErrorBanner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { toast } from '../../components/Toast';
import { useAppStores } from '../../lib/appContext';
import { DocumentFilters } from './DocumentFilters';
import { DocumentTable } from './DocumentTable';
import { ImportPanel } from './ImportPanel';
import { ImportQueue } from './ImportQueue';
import { MetadataDialog } from './MetadataDialog';
import { PasswordDialog } from './PasswordDialog';
import { SemanticSearchHint } from '../models/SemanticSearchHint';
import { TestSearch } from './TestSearch';
import { countsText, libraryCounts } from './statusWords';
import { PackSection } from '../backup/PackSection';
import { selectIsAdmin } from '../access/accessStore';

type DialogState = { kind: 'edit'; doc: DocumentSummary } | { kind: 'delete'; doc: DocumentSummary } | { kind: 'unlock'; docId: string; file: string } | null;

/** Library admin: import manuals, watch the queue, curate metadata, and test what search finds. */
export function LibraryPage() {
  const { library, access } = useAppStores();
  // Technicians (and an admin with the lock closed) see the manuals and test search, not the admin actions.
  const isAdmin = useStore(access, selectIsAdmin);
  const loaded = useStore(library, (s) => s.loaded);
  const count = useStore(library, (s) => s.documents.length);
  const counts = useStore(library, useShallow((s) => libraryCounts(s.documents)));
  const error = useStore(library, (s) => s.error);
  const skipped = useStore(library, (s) => s.skipped);
  const { refresh, clearError, clearSkipped, remove } = library.getState();
  // A failed import job may not carry the document id; the library row for that file does.
  const unlockFile = async (docId: string | undefined, file: string) => {
    const find = () => library.getState().documents.find((d) => d.fileName === file && d.status === 'needs_password')?.id;
    let id = docId ?? find();
    // The job may finish before the document list caught up: ask the core once more.
    if (!id) {
      await refresh();
      id = find();
    }
    if (id) setDialog({ kind: 'unlock', docId: id, file });
    else toast(`${file} is not in the library any more; import it again.`, 'error');
  };
  const [dialog, setDialog] = useState<DialogState>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="page">
      <div className="page-header">
        <h1>Library</h1>
        {loaded && <span className="muted">{countsText(counts)}</span>}
      </div>
      {error && <ErrorBanner title="Library action failed" error={error} onDismiss={clearError} />}
      {isAdmin && <ImportPanel />}
      {skipped.length > 0 && (
        <Banner kind="warning">
          <strong>Skipped {skipped.length === 1 ? '1 file' : `${skipped.length} files`}:</strong>
          <ul className="plain-list">
            {skipped.map((s) => (
              <li key={s.path}>
                {s.path.split(/[\\/]/).pop()} — {s.reason}
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={clearSkipped}>
            Dismiss
          </button>
        </Banner>
      )}
      {isAdmin && <ImportQueue onUnlock={(docId, file) => void unlockFile(docId, file)} />}

      <section className="section" aria-labelledby="docs-h">
        <div className="section-header">
          <h2 id="docs-h">Documents</h2>
        </div>
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : count === 0 ? (
          <EmptyState icon="library" title="No manuals yet">
            Import your equipment manuals (PDF) to get started: drop them above or use “Add files…”. Then add the machine models each manual
            covers, so answers can be narrowed to one machine.
          </EmptyState>
        ) : (
          <>
            <DocumentFilters />
            <DocumentTable
              admin={isAdmin}
              onEdit={(doc) => setDialog({ kind: 'edit', doc })}
              onDelete={(doc) => setDialog({ kind: 'delete', doc })}
              onUnlock={(doc) => setDialog({ kind: 'unlock', docId: doc.id, file: doc.fileName })}
            />
          </>
        )}
      </section>

      {count > 0 && isAdmin && <SemanticSearchHint />}
      {isAdmin && <PackSection />}

      {count > 0 && <TestSearch />}

      {dialog?.kind === 'edit' && <MetadataDialog doc={dialog.doc} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'unlock' && <PasswordDialog docId={dialog.docId} file={dialog.file} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete manual?"
          confirmLabel="Delete"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const title = dialog.doc.title;
            if (await remove(dialog.doc.id)) toast(`Deleted ${title}`, 'success');
            setDialog(null);
          }}
        >
          <strong>{dialog.doc.title}</strong> and its search index are removed from Benchmate. Past answers that cite it keep their text but can no longer
          open the page.
        </ConfirmDialog>
      )}
    </div>
  );
}
