import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import { base64ToBytes } from './base64';
import type { OcrWordDto } from '../../../../shared/contract/library';
import { fetchFileBase64, fetchPageText, fetchPageWords } from './viewerApi';
import type { FitMode } from './fitScale';

/**
 * Citation viewer state. The PDF bytes come through the contract (base64), never a file:// path,
 * so the viewer works identically in Electron and in the web host. pdf.js itself (document proxy,
 * canvas, text layer) lives in the component; the store only holds what to show.
 */
export interface ViewerCitation {
  docId: string;
  docTitle: string;
  page: number;
  pageLabel?: string;
  sectionPath?: string;
  quote?: string;
  highlight?: { charStart: number; charEnd: number };
  /** The rest of a sentence the page break cuts, highlighted on the next page. */
  continued?: { page: number; charStart: number; charEnd: number };
}

export const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;

export interface ViewerState {
  isOpen: boolean;
  citation: ViewerCitation | null;
  docId: string | null;
  docTitle: string;
  page: number;
  pageCount: number | null;
  zoom: number;
  /** The page fills the width, or shows whole; zoom multiplies that. */
  fit: FitMode;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /**
   * Extracted text of `page` (what the stored citation offsets point into); `words` are the OCR
   * word boxes when the text came from OCR (a scanned page: highlight boxes on the image).
   */
  pageText: { docId: string; page: number; text: string; words: OcrWordDto[] } | null;
  /** Bumped when new bytes are available (the bytes themselves stay out of state). */
  bytesVersion: number;
  /** The host can open the stored PDF in the system's viewer (desktop app only). */
  systemViewer: boolean;
  /** Why the last toolbar action (e.g. opening in the system viewer) failed; null when it did not. */
  actionError: string | null;

  open(citation: ViewerCitation): Promise<void>;
  close(): void;
  goTo(page: number): void;
  next(): void;
  prev(): void;
  zoomIn(): void;
  zoomOut(): void;
  setZoom(zoom: number): void;
  /** Fit width / whole page, at zoom 1. */
  setFit(fit: FitMode): void;
  setPageCount(n: number): void;
  /** The current document's bytes (a fresh copy: pdf.js transfers the buffer to its worker). */
  getBytes(): Uint8Array | null;
  openInSystemViewer(): Promise<void>;
}

export type ViewerStore = StoreApi<ViewerState>;

/** The citation range to highlight on the page being shown, if any. */
export function activeHighlight(s: Pick<ViewerState, 'citation' | 'docId' | 'page'>): { charStart: number; charEnd: number } | null {
  const c = s.citation;
  if (!c || c.docId !== s.docId) return null;
  if (c.continued && c.continued.page === s.page) return c.continued;
  return c.page === s.page ? (c.highlight ?? null) : null;
}

export function createViewerStore(api: Api, opts: { systemViewer?: boolean } = {}): ViewerStore {
  const bytesCache = new Map<string, Uint8Array>(); // docId -> bytes (a few docs at most)
  let token = 0;

  const loadPageText = async (docId: string, page: number, t: number): Promise<void> => {
    const [r, words] = await Promise.all([fetchPageText(api, docId, page), fetchPageWords(api, docId, page)]);
    if (t !== token || store.getState().page !== page) return;
    store.setState({ pageText: r.ok ? { docId, page, text: r.value, words } : null });
  };

  const store = createStore<ViewerState>()((set, get) => ({
    isOpen: false,
    citation: null,
    docId: null,
    docTitle: '',
    page: 1,
    pageCount: null,
    zoom: 1,
    fit: 'width',
    status: 'idle',
    error: null,
    pageText: null,
    bytesVersion: 0,
    systemViewer: opts.systemViewer === true,
    actionError: null,

    async open(citation) {
      const t = ++token;
      const sameDoc = get().docId === citation.docId && bytesCache.has(citation.docId);
      set({
        isOpen: true,
        citation,
        docId: citation.docId,
        docTitle: citation.docTitle,
        page: Math.max(1, citation.page),
        pageCount: sameDoc ? get().pageCount : null,
        status: sameDoc ? 'ready' : 'loading',
        error: null,
        actionError: null,
        pageText: null
      });
      void loadPageText(citation.docId, citation.page, t);
      if (!citation.docTitle) {
        // Opened by link (no citation data): show the document's real title.
        void api.library.get({ id: citation.docId }).then((r) => {
          if (r.ok && t === token) set({ docTitle: r.value.title });
        });
      }
      if (sameDoc) return;
      const r = await fetchFileBase64(api, citation.docId);
      if (t !== token) return;
      if (!r.ok) {
        set({ status: 'error', error: r.error.message });
        return;
      }
      bytesCache.clear(); // keep one document in memory; manuals can be tens of MB
      bytesCache.set(citation.docId, base64ToBytes(r.value));
      set((s) => ({ status: 'ready', bytesVersion: s.bytesVersion + 1 }));
    },
    close() {
      token++;
      set({ isOpen: false });
    },
    goTo(page) {
      const { pageCount, docId } = get();
      const p = Math.max(1, Math.min(pageCount ?? page, Math.round(page)));
      if (p === get().page || !docId) return;
      set({ page: p, pageText: null });
      void loadPageText(docId, p, token);
    },
    next() {
      get().goTo(get().page + 1);
    },
    prev() {
      get().goTo(get().page - 1);
    },
    zoomIn() {
      const z = get().zoom;
      set({ zoom: ZOOM_STEPS.find((s) => s > z + 1e-6) ?? z });
    },
    zoomOut() {
      const z = get().zoom;
      set({ zoom: [...ZOOM_STEPS].reverse().find((s) => s < z - 1e-6) ?? z });
    },
    setZoom(zoom) {
      set({ zoom: Math.max(ZOOM_STEPS[0], Math.min(ZOOM_STEPS[ZOOM_STEPS.length - 1], zoom)) });
    },
    setFit(fit) {
      set({ fit, zoom: 1 });
    },
    setPageCount(n) {
      set((s) => ({ pageCount: n, page: Math.min(s.page, n) }));
    },
    getBytes() {
      const id = get().docId;
      const b = id ? bytesCache.get(id) : undefined;
      return b ? b.slice() : null;
    },
    async openInSystemViewer() {
      const docId = get().docId;
      if (!docId) return;
      set({ actionError: null });
      const r = await api.host.openDocument({ docId });
      if (!r.ok && get().docId === docId) set({ actionError: r.error.message });
    }
  }));
  return store;
}
