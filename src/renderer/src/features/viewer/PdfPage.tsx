import { useEffect, useRef, useState } from 'react';
import { alignItems, coverage, slicesForRange, type ItemSlice } from './highlightMap';
import type { OcrWordDto } from '../../../../shared/contract/library';
import { OcrHighlight } from './OcrHighlight';
import { TextLayer, type PDFDocumentProxy } from './pdfjs';
import { fitScale, type FitMode } from './fitScale';

export interface PdfPageProps {
  doc: PDFDocumentProxy;
  pageNumber: number;
  /** User zoom; 1 = exactly the fit (width or whole page). */
  zoom: number;
  fit: FitMode;
  availableWidth: number;
  availableHeight: number;
  /** The core's extracted text of this page (what the highlight offsets point into). */
  pageText: string | null;
  highlight: { charStart: number; charEnd: number } | null;
  /** OCR word boxes when the page text came from OCR (a scan has no text layer to mark). */
  ocrWords?: readonly OcrWordDto[];
}

interface Rendered {
  items: string[];
  divs: HTMLElement[];
  key: string;
}

/**
 * One PDF page: canvas + pdf.js text layer, and the cited passage highlighted by splitting the
 * affected text-layer spans (like pdf.js' own find highlighter does).
 */
export function PdfPage({ doc, pageNumber, zoom, fit, availableWidth, availableHeight, pageText, highlight, ocrWords }: PdfPageProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [partial, setPartial] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let textLayer: InstanceType<typeof TextLayer> | null = null;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    setError(null);
    (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: fitScale(base, { width: availableWidth, height: availableHeight }, fit, zoom) });
      const canvas = canvasRef.current;
      const container = textRef.current;
      if (!canvas || !container) return;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * dpr);
      canvas.height = Math.floor(viewport.height * dpr);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      task = page.render({ canvas, viewport, transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined });
      // Same getTextContent options as pdf-parse in the core → same items, same order.
      const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      if (cancelled) return;
      container.replaceChildren();
      container.style.setProperty('--scale-factor', String(viewport.scale));
      textLayer = new TextLayer({ textContentSource: content, container, viewport });
      await textLayer.render();
      await task.promise;
      if (cancelled) return;
      setRendered({ items: [...textLayer.textContentItemsStr], divs: [...textLayer.textDivs], key: `${pageNumber}@${viewport.scale}` });
    })().catch((e: unknown) => {
      const name = (e as { name?: string })?.name;
      if (!cancelled && name !== 'RenderingCancelledException' && name !== 'AbortException') setError(String((e as Error)?.message ?? e));
    });
    return () => {
      cancelled = true;
      task?.cancel();
      textLayer?.cancel();
    };
  }, [doc, pageNumber, zoom, fit, availableWidth, availableHeight]);

  // Highlight: re-run when the text layer, the page text or the range changes.
  useEffect(() => {
    if (!rendered) return;
    const restore = rendered.divs.map((d, i) => [d, rendered.items[i]] as const);
    setPartial(false);
    if (!highlight || pageText === null || ocrWords?.length) return;
    const alignment = alignItems(pageText, rendered.items);
    const slices = slicesForRange(alignment, highlight.charStart, highlight.charEnd);
    applySlices(rendered, slices);
    setPartial(slices.length > 0 && coverage(pageText, alignment, highlight.charStart, highlight.charEnd) < 0.6);
    const first = textRef.current?.querySelector('.cite-hl');
    first?.scrollIntoView({ block: 'center', inline: 'nearest' });
    return () => {
      for (const [d, text] of restore) d.textContent = text;
    };
  }, [rendered, pageText, highlight, ocrWords]);

  return (
    <div className="pdf-page-wrap">
      {error && (
        <p className="banner banner-error" role="alert">
          Could not render page {pageNumber}: {error}
        </p>
      )}
      <div className="pdf-page" data-page={pageNumber} data-rendered={rendered ? 'true' : 'false'}>
        <canvas ref={canvasRef} aria-label={`Page ${pageNumber}`} role="img" />
        <div ref={textRef} className="textLayer" />
        {rendered && highlight && ocrWords?.length ? <OcrHighlight words={ocrWords} highlight={highlight} /> : null}
      </div>
      {partial && <p className="muted viewer-note">The passage could only be partly located on the page.</p>}
    </div>
  );
}

function applySlices(r: Rendered, slices: ItemSlice[]): void {
  slices.forEach((s, k) => {
    const div = r.divs[s.item];
    const text = r.items[s.item];
    if (!div || text === undefined) return;
    const mark = document.createElement('span');
    mark.className = `cite-hl${k === 0 ? ' cite-hl-first' : ''}`;
    mark.textContent = text.slice(s.start, s.end);
    div.replaceChildren(document.createTextNode(text.slice(0, s.start)), mark, document.createTextNode(text.slice(s.end)));
  });
}
