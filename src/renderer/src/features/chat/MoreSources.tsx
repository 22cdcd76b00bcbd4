import type { ChatSource } from '../../../../shared/contract/sessions';
import { SourceChip, SpanText } from './AnswerLine';

/**
 * "More in the manuals": the other pages of a search-only answer, each listed once — title,
 * printed page, section and its own best span (config/code lines keep their line breaks).
 * Expandable; a click anywhere on an entry opens its page highlighted.
 */
export function MoreSources({ sources, onOpen }: { sources: ChatSource[]; onOpen: (s: ChatSource) => void }) {
  if (!sources.length) return null;
  return (
    <details className="more-sources" open>
      <summary>More in the manuals ({sources.length})</summary>
      <ol className="sources-list">
        {sources.map((s) => (
          <li key={`${s.docId}:${s.page}:${s.n}`} className="more-source" onClick={() => onOpen(s)}>
            <p className="more-source-head">
              <SourceChip source={s} onOpen={onOpen} />
              <span className="source-doc">{s.docTitle}</span>
              <span className="source-meta">
                {' '}
                · p. {s.pageLabel}
                {s.sectionPath ? ` · ${s.sectionPath}` : ''}
              </span>
            </p>
            {s.span ? <SpanText span={s.span} compact sectionPath={s.sectionPath} /> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
