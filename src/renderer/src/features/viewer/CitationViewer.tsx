import { lazy, Suspense, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { navigate } from '../../lib/router';
import { FeatureBoundary } from '../chat/FeatureBoundary';
import { headingLength } from '../chat/answerLineText';
import { useFeatureStores } from '../chat/useFeatureStores';
import { openWholeDocument, usePdfDocument } from './usePdfDocument';
import { activeHighlight, type ViewerStore } from './viewerStore';
import { ViewerToolbar } from './ViewerToolbar';
import { citedPageText } from './citedPage';
import { useElementSize, useEscapeFromBody, useViewerDeepLink } from './viewerHooks';
import { onViewerKey } from './viewerKeys';
import './viewer.css';

// pdf.js (~700 kB) loads on first use of the viewer, not with the app.
const PdfPage = lazy(() => import('./PdfPage').then((m) => ({ default: m.PdfPage })));

export interface CitationViewerProps {
  /** 'panel': docked over the chat (Esc / ✕ closes; Esc also from the page body). 'page': the #/viewer route. */
  variant?: 'panel' | 'page';
  store?: ViewerStore;
}

/**
 * The cited page of a manual, rendered by pdf.js, with the quoted passage highlighted.
 * Bytes come from the core through the contract, so this works the same in Electron and the web host.
 */
export function CitationViewer(props: CitationViewerProps) {
  return (
    <FeatureBoundary name="The document viewer">
      <ViewerScreen {...props} />
    </FeatureBoundary>
  );
}

function ViewerScreen({ variant = 'page', store: given }: CitationViewerProps) {
  const stores = useFeatureStores();
  const store = given ?? stores.viewer;
  const s = useStore(store);
  const { doc, error: docError } = usePdfDocument(store, s.status, s.bytesVersion, s.docId);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLElement>(null);

  useViewerDeepLink(store, variant === 'page');
  useEscapeFromBody(store, variant === 'panel' && s.isOpen);
  const size = useElementSize(bodyRef);

  // Panel: focus moves in on open, Esc closes (returning focus is the opener's job).
  useEffect(() => {
    if (variant === 'panel' && s.isOpen) rootRef.current?.focus();
  }, [variant, s.isOpen, s.citation]);

  if (variant === 'panel' && !s.isOpen) return null;

  const close = () => {
    store.getState().close();
    if (variant === 'page') {
      if (window.history.length > 1) window.history.back();
      else navigate('library');
    }
  };
  const highlight = activeHighlight(s);
  const current = s.pageText && s.pageText.page === s.page && s.pageText.docId === s.docId ? s.pageText : null;
  const c = s.citation;
  const pageCount = s.pageCount ?? 0;

  const openWhole = () => {
    const bytes = store.getState().getBytes();
    if (bytes) openWholeDocument(bytes, s.docTitle);
  };

  return (
    <section
      ref={rootRef}
      className={`viewer viewer-${variant}`}
      aria-label="Citation viewer"
      tabIndex={-1}
      onKeyDown={(e) => onViewerKey(e, s, variant === 'panel', close)}
    >
      <header className="viewer-head">
        <div className="viewer-title">
          <h2 title={s.docTitle}>{s.docTitle || 'Document'}</h2>
          {c && (
            <p className="muted">
              {citedPageText(c.page, c.pageLabel)}
              {c.continued ? ` (continues on page ${c.continued.page})` : ''}
              {c.sectionPath ? ` · ${c.sectionPath}` : ''}
            </p>
          )}
        </div>
        <Button variant="ghost" size="small" onClick={close} aria-label="Close viewer">
          ✕
        </Button>
      </header>
      <ViewerToolbar s={s} pageCount={pageCount} onOpenWhole={openWhole} />
      {s.actionError && (
        <p className="banner banner-error viewer-msg" role="alert">
          {s.actionError}
        </p>
      )}
      {c?.quote && s.page === c.page && (
        <blockquote className="viewer-quote" title={c.quote}>
          {/* The section is named above; a heading glued onto the quote is left out of the bar. */}
          <span className="viewer-quote-text">{c.quote.slice(headingLength(c.quote, c.sectionPath))}</span>
        </blockquote>
      )}
      <div className="viewer-body" ref={bodyRef}>
        {s.status === 'loading' && <p className="viewer-msg muted">Loading document…</p>}
        {(s.status === 'error' || docError) && (
          <p className="banner banner-error viewer-msg" role="alert">
            Could not open the document: {s.error ?? docError}
          </p>
        )}
        {doc && (
          <Suspense fallback={<p className="viewer-msg muted">Loading viewer…</p>}>
            <PdfPage
              doc={doc}
              pageNumber={Math.min(s.page, doc.numPages)}
              zoom={s.zoom}
              fit={s.fit}
              availableWidth={size.width}
              availableHeight={size.height}
              pageText={current ? current.text : null}
              highlight={highlight}
              ocrWords={current?.words}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}
