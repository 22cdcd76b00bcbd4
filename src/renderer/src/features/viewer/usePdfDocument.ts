import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from './pdfjs';
import type { ViewerStore } from './viewerStore';

// pdf.js (~700 kB) loads on first use of the viewer, not with the app.
const openPdf = async (bytes: Uint8Array): Promise<PDFDocumentProxy> => (await import('./pdfjs')).openPdf(bytes);

/** Opens the viewer's current PDF bytes with pdf.js; destroys the previous document on change. */
export function usePdfDocument(store: ViewerStore, status: string, bytesVersion: number, docId: string | null) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let loaded: PDFDocumentProxy | null = null;
    setDoc(null);
    setError(null);
    const bytes = status === 'ready' ? store.getState().getBytes() : null;
    if (!bytes) return;
    openPdf(bytes)
      .then((d) => {
        loaded = d;
        if (cancelled) return void d.destroy();
        setDoc(d);
        store.getState().setPageCount(d.numPages);
      })
      .catch((e: unknown) => !cancelled && setError(String((e as Error)?.message ?? e)));
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [bytesVersion, status, docId, store]);
  return { doc, error };
}

/** Opens the whole PDF in a new window; falls back to a download when the popup is blocked. */
export function openWholeDocument(bytes: Uint8Array, title: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  // Not 'noopener': with it window.open always returns null and we could not detect a blocked popup.
  const w = window.open(url, '_blank');
  if (w) w.opener = null;
  else {
    const a = document.createElement('a');
    a.href = url;
    a.download = `${title || 'document'}.pdf`;
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
