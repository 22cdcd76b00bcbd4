import type { ChatSource } from '../../../../shared/contract/sessions';

export interface SourcesListProps {
  sources: ChatSource[];
  onOpen: (source: ChatSource) => void;
  label?: string;
}

/** Under each answer: the cited passages (number, document, page label, section). Each opens the viewer. */
export function SourcesList({ sources, onOpen, label = 'Sources' }: SourcesListProps) {
  if (!sources.length) return null;
  return (
    <div className="sources">
      <h3 className="sources-title">{label}</h3>
      <ol className="sources-list">
        {sources.map((s, i) => (
          <li key={`${s.docId}:${s.page}:${s.n}:${i}`}>
            <button type="button" className="source-item" onClick={() => onOpen(s)} title={s.quote}>
              <span className="cite-chip cite-chip-static" aria-hidden="true">
                {s.n}
              </span>
              <span className="source-text">
                <span className="source-doc">{s.docTitle}</span>
                <span className="source-meta">
                  p. {s.pageLabel}
                  {s.revision ? ` · rev ${s.revision}` : ''}
                  {s.sectionPath ? ` · ${s.sectionPath}` : ''}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
