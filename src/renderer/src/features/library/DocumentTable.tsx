import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { DocumentSummary } from '../../../../shared/contract/library';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useAppStores } from '../../lib/appContext';
import { routeHref } from '../../lib/router';
import { filterDocuments, qualityFlags, sortDocuments, type SortKey } from './documentTable';
import { plainReason } from './statusWords';

// Fixed widths (table-layout: fixed) keep the table inside 1024×700 without horizontal scroll.
const COLUMNS: Array<{ key: SortKey; label: string; width?: string; className?: string }> = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'machineModels', label: 'Models', width: '11%' },
  { key: 'tags', label: 'Tags', width: '10%' },
  { key: 'language', label: 'Lang.', width: '6%' },
  { key: 'revision', label: 'Rev.', width: '7%' },
  { key: 'pageCount', label: 'Pages', width: '7%' },
  { key: 'status', label: 'Status', width: '14%' }
];

export const STATUS_BADGE: Record<string, { tone: BadgeTone; label: string }> = {
  ready: { tone: 'ok', label: 'Ready' },
  importing: { tone: 'info', label: 'Importing' },
  needs_password: { tone: 'warn', label: 'Password' },
  needs_ocr: { tone: 'warn', label: 'Needs OCR' },
  failed: { tone: 'error', label: 'Failed' }
};

export interface DocumentTableProps {
  /** Edit, delete, unlock and OCR are admin actions: hidden otherwise. */
  admin?: boolean;
  onEdit: (doc: DocumentSummary) => void;
  onDelete: (doc: DocumentSummary) => void;
  onUnlock: (doc: DocumentSummary) => void;
}

export function DocumentTable({ admin = true, onEdit, onDelete, onUnlock }: DocumentTableProps) {
  const { library } = useAppStores();
  const docs = useStore(library, (s) => s.documents);
  const filter = useStore(library, (s) => s.filter);
  const sort = useStore(library, (s) => s.sort);
  const toggleSort = useStore(library, (s) => s.toggleSort);
  const rows = useMemo(() => sortDocuments(filterDocuments(docs, filter), sort), [docs, filter, sort]);

  return (
    <div className="table-wrap">
      <table className="table doc-table" aria-label="Documents">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={c.className} style={c.width ? { width: c.width } : undefined} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                <button type="button" className="th-sort" onClick={() => toggleSort(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                </button>
              </th>
            ))}
            {/* A floor in px: at 900 px a plain 10% squeezed a flag onto four lines. */}
            <th scope="col" style={{ width: 'max(12%, 92px)' }}>
              Quality
            </th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} data-testid="doc-row">
              <td className="cell-wrap col-title">
                <div className="doc-title">
                  {d.status === 'ready' ? (
                    <a href={routeHref('viewer', [], { doc: d.id, page: 1, title: d.title })} title="Open the manual">
                      {d.title}
                    </a>
                  ) : (
                    d.title
                  )}
                </div>
                <div className="muted small">{d.fileName}</div>
              </td>
              <td className="cell-wrap">{d.machineModels.join(', ') || <span className="muted">—</span>}</td>
              <td className="cell-wrap">{d.tags.join(', ') || <span className="muted">—</span>}</td>
              <td className="cell-wrap">{d.language || '—'}</td>
              <td className="cell-wrap">{d.revision || '—'}</td>
              <td className="num">{d.pageCount}</td>
              <td className="cell-wrap">
                <Badge tone={STATUS_BADGE[d.status]?.tone ?? 'neutral'} title={d.statusDetail || undefined}>
                  {STATUS_BADGE[d.status]?.label ?? d.status}
                </Badge>
                {d.status !== 'ready' && d.status !== 'importing' && <div className="small status-reason">{plainReason(d.statusDetail, d.status)}</div>}
              </td>
              <td>
                <div className="flags">
                  {qualityFlags(d).map((f) => (
                    <Badge key={f.label} tone={f.tone} title={f.detail}>
                      {f.label}
                    </Badge>
                  ))}
                </div>
              </td>
              <td>
                {admin && (
                  <div className="row-actions">
                    {d.status === 'needs_ocr' && <RunOcrButton doc={d} />}
                    {d.status === 'needs_password' && (
                      <Button size="small" variant="primary" onClick={() => onUnlock(d)} aria-label={`Unlock ${d.title}`}>
                        Unlock
                      </Button>
                    )}
                    <Button size="small" onClick={() => onEdit(d)} aria-label={`Edit ${d.title}`}>
                      Edit
                    </Button>
                    <Button size="small" variant="ghost" onClick={() => onDelete(d)} aria-label={`Delete ${d.title}`}>
                      Delete
                    </Button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted table-empty">No documents match the filter.</p>}
    </div>
  );
}

/** Needs OCR → recognise it now; the job's per-page progress shows in the import queue. */
function RunOcrButton({ doc }: { doc: DocumentSummary }) {
  const { library } = useAppStores();
  const busy = useStore(library, (s) => !!s.busy[`ocr:${doc.id}`]);
  return (
    <Button size="small" variant="primary" disabled={busy} onClick={() => void library.getState().runOcr(doc.id)} aria-label={`Run OCR on ${doc.title}`}>
      Run OCR
    </Button>
  );
}
