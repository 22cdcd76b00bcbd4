import { useState } from 'react';
import { useStore } from 'zustand';
import type { Passage } from '../../../../shared/contract/search';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { routeHref } from '../../lib/router';

/** Splits the passage text around the best-matching span (highlight offsets are page offsets). */
export function highlightParts(p: Pick<Passage, 'text' | 'charStart' | 'highlight'>): [string, string, string] {
  const start = Math.max(0, Math.min(p.text.length, p.highlight.charStart - p.charStart));
  const end = Math.max(start, Math.min(p.text.length, p.highlight.charEnd - p.charStart));
  return [p.text.slice(0, start), p.text.slice(start, end), p.text.slice(end)];
}

/** Admin check: "would a question find the right pages?" — ranked pages with the matched span. */
export function TestSearch() {
  const { library } = useAppStores();
  const search = useStore(library, (s) => s.search);
  const runSearch = useStore(library, (s) => s.runSearch);
  const [text, setText] = useState(search.text);
  const r = search.result;

  return (
    <section className="section" aria-labelledby="search-h">
      <h2 id="search-h">Test search</h2>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void runSearch(text);
        }}
      >
        <input type="search" className="grow" aria-label="Test search query" placeholder="e.g. fault E-204 on the X200" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" variant="primary" busy={search.running} disabled={!text.trim()}>
          Search
        </Button>
      </form>
      {search.error && <ErrorBanner title="Search failed" error={search.error} />}
      {r && (
        <>
          <p className="muted small" aria-live="polite">
            {r.passages.length} page{r.passages.length === 1 ? '' : 's'} in {Math.round(r.tookMs)} ms · evidence {Math.round(r.evidence.strength * 100)}%
            {r.evidence.belowThreshold ? ' (below threshold: chat would say "not in the manuals")' : ''} · lanes: {r.lanes.join(', ')}
          </p>
          {r.passages.length === 0 ? (
            <p className="muted">No page matches. Check the spelling, or import the manual that covers it.</p>
          ) : (
            <ol className="results" aria-label="Search results">
              {r.passages.map((p) => {
                const [before, hit, after] = highlightParts(p);
                return (
                  <li key={p.chunkId} className="result" data-testid="search-result">
                    <div className="result-head">
                      <a href={routeHref('viewer', [], { doc: p.docId, page: p.page, title: p.docTitle, hl: `${p.highlight.charStart}-${p.highlight.charEnd}` })} className="result-title">
                        {p.docTitle}
                      </a>
                      <Badge tone="info">page {p.pageLabel || p.page}</Badge>
                      {p.sectionPath && <span className="muted small cell-wrap">{p.sectionPath}</span>}
                      <span className="muted small result-score" title="Fused score">
                        {p.score.toFixed(3)}
                      </span>
                    </div>
                    <p className="result-text">
                      {before.length > 220 ? `…${before.slice(-220)}` : before}
                      <mark>{hit}</mark>
                      {after.length > 260 ? `${after.slice(0, 260)}…` : after}
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
