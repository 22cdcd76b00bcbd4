import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { navigate, useRoute } from '../../lib/router';
import { FeatureBoundary } from '../chat/FeatureBoundary';
import { useFeatureStores } from '../chat/useFeatureStores';
import type { PDFDocumentProxy } from './pdfjs';
import { activeHighlight, type ViewerStore } from './viewerStore';
import './viewer.css';

// pdf.js (~700 kB) loads on first use of the viewer, not with the app.
const PdfPage = lazy(() => import('./PdfPage').then((m) => ({ default: m.PdfPage })));
const openPdf = async (bytes: Uint8Array): Promise<PDFDocumentProxy> => (await import('./pdfjs')).openPdf(bytes);

export interface CitationViewerProps {
  /** 'panel': docked over the chat (Esc / ✕ closes). 'page': the #/viewer route. */
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
  const route = useRoute();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const [width, setWidth] = useState(600);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLElement>(null);

  // #/viewer?doc=..&page=..[&title=..][&hl=start-end] opens a document directly (Library links,
  // test search results); `hl` highlights that range of the page text like a citation.
  const qDoc = variant === 'page' ? route.query.doc : undefined;
  const qPage = Number(route.query.page ?? 1) || 1;
  const qHl = route.query.hl;
  useEffect(() => {
    if (!qDoc) return;
    const m = /^(\d+)-(\d+)$/.exec(qHl ?? '');
    const highlight = m ? { charStart: Number(m[1]), charEnd: Number(m[2]) } : undefined;
    const cur = store.getState();
    if (cur.isOpen && cur.docId === qDoc && cur.citation?.page === qPage && cur.citation?.highlight?.charStart === highlight?.charStart) return;
    void store.getState().open({ docId: qDoc, docTitle: route.query.title ?? '', page: qPage, highlight });
  }, [qDoc, qPage, qHl, store, route.query.title]);

  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    setDoc(null);
    setDocError(null);
    const bytes = s.status === 'ready' ? store.getState().getBytes() : null;
    if (!bytes) return;
    openPdf(bytes)
      .then((d) => {
        loaded = d;
        if (cancelled) return void d.destroy();
        setDoc(d);
        store.getState().setPageCount(d.numPages);
      })
      .catch((e: unknown) => !cancelled && setDocError(String((e as Error)?.message ?? e)));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [s.bytesVersion, s.status, s.docId, store]);

  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

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
  const c = s.citation;
  const pageCount = s.pageCount ?? 0;

  const openWhole = () => {
    const bytes = store.getState().getBytes();
    if (!bytes) return;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
    // Not 'noopener': with it window.open always returns null and we could not detect a blocked popup.
    const w = window.open(url, '_blank');
    if (w) w.opener = null;
    else {
      const a = document.createElement('a');
      a.href = url;
      a.download = `${s.docTitle || 'document'}.pdf`;
      a.click();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return (
    <section
      ref={rootRef}
      className={`viewer viewer-${variant}`}
      aria-label="Citation viewer"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && variant === 'panel') {
          e.stopPropagation();
          close();
        } else if ((e.key === 'PageDown' || e.key === 'ArrowRight') && !isField(e.target)) s.next();
        else if ((e.key === 'PageUp' || e.key === 'ArrowLeft') && !isField(e.target)) s.prev();
      }}
    >
      <header className="viewer-head">
        <div className="viewer-title">
          <h2 title={s.docTitle}>{s.docTitle || 'Document'}</h2>
          {c && (
            <p className="muted">
              Cited: page {c.pageLabel ?? c.page}
              {c.sectionPath ? ` · ${c.sectionPath}` : ''}
            </p>
          )}
        </div>
        <Button variant="ghost" size="small" onClick={close} aria-label="Close viewer">
          ✕
        </Button>
      </header>
      <div className="viewer-toolbar" role="toolbar" aria-label="Page and zoom">
        <Button size="small" onClick={s.prev} disabled={s.page <= 1} aria-label="Previous page">
          ‹ Prev
        </Button>
        <label className="viewer-pageinput">
          <span className="visually-hidden">Page number</span>
          <input
            key={s.page}
            type="number"
            min={1}
            max={pageCount || undefined}
            defaultValue={s.page}
            onKeyDown={(e) => e.key === 'Enter' && s.goTo(Number((e.target as HTMLInputElement).value))}
            onBlur={(e) => s.goTo(Number(e.target.value))}
          />
          <span className="muted">/ {pageCount || '…'}</span>
        </label>
        <Button size="small" onClick={s.next} disabled={!!pageCount && s.page >= pageCount} aria-label="Next page">
          Next ›
        </Button>
        <span className="viewer-sep" />
        <Button size="small" onClick={s.zoomOut} aria-label="Zoom out">
          −
        </Button>
        <span className="viewer-zoom" aria-live="off">
          {Math.round(s.zoom * 100)}%
        </span>
        <Button size="small" onClick={s.zoomIn} aria-label="Zoom in">
          +
        </Button>
        <span className="viewer-sep" />
        {c && c.page !== s.page && (
          <Button size="small" onClick={() => s.goTo(c.page)}>
            Back to cited page
          </Button>
        )}
        <Button size="small" onClick={openWhole} disabled={s.status !== 'ready'}>
          Open whole document
        </Button>
      </div>
      {c?.quote && s.page === c.page && (
        <blockquote className="viewer-quote" title={c.quote}>
          <span className="viewer-quote-text">{c.quote}</span>
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
              availableWidth={width}
              pageText={s.pageText && s.pageText.page === s.page && s.pageText.docId === s.docId ? s.pageText.text : null}
              highlight={highlight}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}

const isField = (t: EventTarget | null): boolean => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement;
