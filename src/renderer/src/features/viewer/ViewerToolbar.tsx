import { Button } from '../../components/Button';
import type { ViewerState } from './viewerStore';

interface Props {
  s: ViewerState;
  pageCount: number;
  onOpenWhole: () => void;
}

/** Page navigation, zoom, "back to cited page" and "open whole document". */
export function ViewerToolbar({ s, pageCount, onOpenWhole }: Props) {
  const c = s.citation;
  return (
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
      <Button size="small" onClick={() => s.setFit('width')} aria-pressed={s.fit === 'width' && s.zoom === 1} title="Fit width (W)">
        Fit width
      </Button>
      <Button size="small" onClick={() => s.setFit('page')} aria-pressed={s.fit === 'page' && s.zoom === 1} title="Whole page (F)">
        Fit page
      </Button>
      <Button size="small" onClick={s.zoomOut} aria-label="Zoom out" title="Zoom out (−)">
        −
      </Button>
      <span className="viewer-zoom" aria-live="off">
        {Math.round(s.zoom * 100)}%
      </span>
      <Button size="small" onClick={s.zoomIn} aria-label="Zoom in" title="Zoom in (+)">
        +
      </Button>
      <span className="viewer-sep" />
      {c && c.page !== s.page && (
        <Button size="small" onClick={() => s.goTo(c.page)}>
          Back to cited page
        </Button>
      )}
      {s.systemViewer ? (
        <Button size="small" onClick={() => void s.openInSystemViewer()} disabled={!s.docId} title="Open the stored PDF in this computer's PDF viewer">
          Open in PDF viewer
        </Button>
      ) : (
        <Button size="small" onClick={onOpenWhole} disabled={s.status !== 'ready'}>
          Open whole document
        </Button>
      )}
    </div>
  );
}
