import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAppStores } from '../../lib/appContext';
import { filterDocuments } from '../library/documentTable';

const EXPORTABLE = new Set(['ready', 'needs_ocr']);

/** Choose the manuals for a knowledge pack; starts from the documents the table currently shows. */
export function ExportPackDialog({ onClose }: { onClose: () => void }) {
  const { library, backup } = useAppStores();
  const docs = useStore(library, (s) => s.documents);
  const filter = useStore(library, (s) => s.filter);
  const exportable = useMemo(() => docs.filter((d) => EXPORTABLE.has(d.status)), [docs]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(filterDocuments(exportable, filter).map((d) => d.id)));
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pages = exportable.filter((d) => chosen.has(d.id)).reduce((n, d) => n + d.pageCount, 0);

  return (
    <Dialog
      title="Export knowledge pack"
      wide
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            disabled={chosen.size === 0}
            onClick={() => {
              onClose();
              void backup.getState().exportPack({ docIds: [...chosen] });
            }}
          >
            Export {chosen.size} {chosen.size === 1 ? 'manual' : 'manuals'}
          </Button>
        </>
      }
    >
      <p className="muted small">
        The pack holds the PDFs with their pages, search rows and vectors, so other machines get them without parsing or embedding. {pages} pages selected.
      </p>
      <div className="row">
        <Button size="small" onClick={() => setChosen(new Set(exportable.map((d) => d.id)))}>
          Select all
        </Button>
        <Button size="small" onClick={() => setChosen(new Set())}>
          Select none
        </Button>
      </div>
      <ul className="plain-list pack-choices" aria-label="Manuals to export">
        {exportable.map((d) => (
          <li key={d.id}>
            <label className="checkbox">
              <input type="checkbox" checked={chosen.has(d.id)} onChange={() => toggle(d.id)} />
              <span>
                {d.title}
                <span className="muted small">
                  {' '}
                  {[d.machineModels.join(', '), d.tags.join(', '), d.revision && `rev ${d.revision}`].filter(Boolean).join(' · ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
