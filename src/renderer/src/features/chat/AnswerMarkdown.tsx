import { memo, useMemo } from 'react';
import Markdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { ChatSource } from '../../../../shared/contract/sessions';
import { citeNumberFromHref, remarkCitations } from './citations';

export interface AnswerMarkdownProps {
  text: string;
  sources: ChatSource[];
  onCite: (source: ChatSource) => void;
}

/**
 * Answer text as Markdown (react-markdown + GFM; raw HTML is skipped, never rendered) with the
 * [n] markers turned into citation chip buttons that open the cited page.
 */
export const AnswerMarkdown = memo(function AnswerMarkdown({ text, sources, onCite }: AnswerMarkdownProps) {
  const plugins = useMemo<Options['remarkPlugins']>(() => [remarkGfm, [remarkCitations, { maxN: sources.length }]], [sources.length]);
  const components = useMemo<Components>(
    () => ({
      a({ href, children }) {
        const n = citeNumberFromHref(href);
        const src = n ? sources.find((s) => s.n === n) ?? sources[n - 1] : undefined;
        if (n && src) {
          return (
            <button
              type="button"
              className="cite-chip"
              data-cite={n}
              title={`${src.docTitle}, p. ${src.pageLabel}`}
              aria-label={`Source ${n}: ${src.docTitle}, page ${src.pageLabel}`}
              onClick={() => onCite(src)}
            >
              {n}
            </button>
          );
        }
        // The app is offline and single-window: show links as text with the target in a tooltip.
        return (
          <span className="md-link" title={href}>
            {children}
          </span>
        );
      },
      img({ alt }) {
        return <span className="muted">[image: {alt}]</span>;
      }
    }),
    [sources, onCite]
  );
  return (
    <div className="md">
      <Markdown remarkPlugins={plugins} components={components} skipHtml>
        {text}
      </Markdown>
    </div>
  );
});
