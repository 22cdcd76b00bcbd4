import { beforeEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../../../src/renderer/src/features/viewer/base64';
import { activeHighlight, createViewerStore, type ViewerStore } from '../../../../src/renderer/src/features/viewer/viewerStore';
import { createFakeCore, flush, type FakeCore } from '../chat/fakeCore';
import { AppError } from '../../../../src/shared/result';

let core: FakeCore;
let viewer: ViewerStore;
const pdfBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0, 255, 128]);

beforeEach(() => {
  core = createFakeCore();
  core.handlers['library.fileBytes'] = (i: { docId: string }) => {
    if (i.docId !== 'doc1') throw new AppError('NOT_FOUND', 'Document was deleted');
    return { docId: 'doc1', fileName: 'x.pdf', bytes: pdfBytes.length, base64: bytesToBase64(pdfBytes) };
  };
  core.handlers['library.pageText'] = (i: { docId: string; page: number }) => ({
    docId: i.docId,
    page: i.page,
    pageCount: 9,
    pageLabel: String(i.page),
    sectionPath: '',
    text: `text of page ${i.page}`
  });
  viewer = createViewerStore(core.api);
});

const citation = { docId: 'doc1', docTitle: 'Manual', page: 4, pageLabel: 'iv', highlight: { charStart: 3, charEnd: 9 } };

describe('viewer store', () => {
  it('loads the PDF bytes through the contract (base64) and the cited page text', async () => {
    await viewer.getState().open(citation);
    await flush();
    const s = viewer.getState();
    expect(s.status).toBe('ready');
    expect(s.isOpen).toBe(true);
    expect(s.page).toBe(4);
    expect(Array.from(s.getBytes()!)).toEqual(Array.from(pdfBytes));
    expect(s.pageText).toEqual({ docId: 'doc1', page: 4, text: 'text of page 4', words: [] }); // a text page has no OCR word boxes
    expect(activeHighlight(s)).toEqual(citation.highlight);
    expect(core.calls.filter((c) => c.method === 'library.fileBytes')).toEqual([{ method: 'library.fileBytes', input: { docId: 'doc1' } }]);
  });

  it('pages within bounds and only highlights on the cited page', async () => {
    await viewer.getState().open(citation);
    viewer.getState().setPageCount(5);
    viewer.getState().next();
    await flush();
    expect(viewer.getState().page).toBe(5);
    expect(viewer.getState().pageText?.text).toBe('text of page 5');
    expect(activeHighlight(viewer.getState())).toBeNull();
    viewer.getState().next();
    expect(viewer.getState().page).toBe(5); // last page
    viewer.getState().goTo(0);
    expect(viewer.getState().page).toBe(1);
    viewer.getState().goTo(4);
    expect(activeHighlight(viewer.getState())).toEqual(citation.highlight);
  });

  it('highlights the rest of a sentence the page break cuts on the next page', async () => {
    await viewer.getState().open({ ...citation, continued: { page: 5, charStart: 0, charEnd: 4 } });
    viewer.getState().setPageCount(9);
    expect(activeHighlight(viewer.getState())).toEqual(citation.highlight);
    viewer.getState().next();
    expect(activeHighlight(viewer.getState())).toEqual({ page: 5, charStart: 0, charEnd: 4 });
    viewer.getState().next();
    expect(activeHighlight(viewer.getState())).toBeNull();
  });

  it('reuses the bytes when another citation of the same document opens', async () => {
    await viewer.getState().open(citation);
    await viewer.getState().open({ ...citation, page: 2 });
    expect(core.calls.filter((c) => c.method === 'library.fileBytes')).toHaveLength(1);
    expect(viewer.getState().page).toBe(2);
  });

  it('zooms in fixed steps within limits', () => {
    const s = viewer.getState();
    s.zoomIn();
    expect(viewer.getState().zoom).toBe(1.1);
    for (let i = 0; i < 20; i++) viewer.getState().zoomIn();
    expect(viewer.getState().zoom).toBe(3);
    for (let i = 0; i < 30; i++) viewer.getState().zoomOut();
    expect(viewer.getState().zoom).toBe(0.5);
  });

  it('reports a missing document as an error', async () => {
    await viewer.getState().open({ ...citation, docId: 'gone' });
    expect(viewer.getState().status).toBe('error');
    expect(viewer.getState().error).toBe('Document was deleted');
    expect(viewer.getState().getBytes()).toBeNull();
  });
});

describe('open in the system viewer', () => {
  it('only a desktop store offers it; it asks the host for the current document and shows a refusal', async () => {
    expect(viewer.getState().systemViewer).toBe(false);
    const opened: string[] = [];
    core.handlers['host.openDocument'] = (i: { docId: string }) => {
      opened.push(i.docId);
      if (opened.length > 1) throw new AppError('NOT_FOUND', 'The stored copy of this manual is missing; import it again.');
      return { opened: true };
    };
    const desktop = createViewerStore(core.api, { systemViewer: true });
    expect(desktop.getState().systemViewer).toBe(true);
    await desktop.getState().open(citation);
    await desktop.getState().openInSystemViewer();
    expect(opened).toEqual(['doc1']);
    expect(desktop.getState().actionError).toBeNull();
    await desktop.getState().openInSystemViewer();
    expect(desktop.getState().actionError).toMatch(/stored copy of this manual is missing/);
    await desktop.getState().open({ ...citation, page: 2 });
    expect(desktop.getState().actionError).toBeNull();
  });
});
