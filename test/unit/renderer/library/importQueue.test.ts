import { describe, expect, it } from 'vitest';
import { queueHeader, queueItem, reconcileQueue, unlockResult } from '../../../../src/renderer/src/features/library/importQueue';
import { job } from '../shell/fixtures';
import type { DocumentSummary } from '../../../../src/shared/contract/library';

describe('import queue items', () => {
  it('shows phase and pages while running', () => {
    const i = queueItem(job({ phase: 'parse', done: 3, total: 12 }));
    expect(i.kind).toBe('active');
    expect(i.message).toBe('Reading pages · 3 of 12 pages');
    expect(i.waiting).toBe(false);
    const w = queueItem(job({ status: 'running', phase: 'queued', done: 0, total: null }));
    expect([w.waiting, w.message]).toEqual([true, 'Waiting']);
    // The quick page count arrives while the file still waits for a parse worker.
    const counted = queueItem(job({ status: 'running', phase: 'queued', done: 0, total: 214 }));
    expect([counted.waiting, counted.message]).toEqual([true, 'Waiting · 0 of 214 pages']);
  });

  it('maps outcomes to reasons a technician understands', () => {
    const ok = queueItem(job({ status: 'succeeded', result: { file: 'a.pdf', outcome: 'imported', docId: 'd', pages: 12, message: '' } }));
    expect([ok.kind, ok.message, ok.docId]).toEqual(['imported', 'Imported · 12 pages', 'd']);
    const one = queueItem(job({ status: 'succeeded', result: { file: 'b.pdf', outcome: 'imported', docId: 'e', pages: 1, message: '' } }));
    expect(one.message).toBe('Imported · 1 page');
    const ocr = queueItem(job({ status: 'succeeded', result: { file: 'scan.pdf', outcome: 'needs_ocr', docId: 'd2', message: 'no text' } }));
    expect(ocr.kind).toBe('needs_ocr');
    expect(ocr.message).toMatch(/Needs OCR/);
    const pw = queueItem(job({ status: 'succeeded', result: { file: 'lock.pdf', outcome: 'needs_password', docId: 'd3', message: '' } }));
    expect([pw.kind, pw.docId]).toEqual(['needs_password', 'd3']);
  });

  it('classifies failed jobs: damaged, password, other', () => {
    const dmg = queueItem(job({ status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'damaged file: Invalid PDF structure' } }));
    expect(dmg.kind).toBe('damaged');
    expect(dmg.message).toBe('This file is damaged or incomplete — ask for a new copy.');
    expect(queueItem(job({ status: 'failed', error: { code: 'NEEDS_PASSWORD', message: 'x' } })).kind).toBe('needs_password');
    const other = queueItem(job({ status: 'failed', error: { code: 'TOO_LARGE', message: 'File is larger than 10 bytes' } }));
    expect([other.kind, other.message]).toEqual(['failed', 'File is larger than 10 bytes']);
    expect(queueItem(job({ status: 'cancelled' })).kind).toBe('cancelled');
  });
});

describe('import queue file names and core messages', () => {
  it('shows the file, not the job title, and the damage in plain words, not the parser reason', () => {
    const i = queueItem(job({ title: 'Import damaged.pdf', status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'damaged.pdf: damaged file: Invalid PDF structure.' } }));
    expect(i.file).toBe('damaged.pdf');
    expect(i.message).toBe('This file is damaged or incomplete — ask for a new copy.');
  });
});

describe('the queue as the library stands now', () => {
  const pwJob = (jobId: string, docId: string) =>
    queueItem(job({ jobId, status: 'succeeded', result: { file: 'lock.pdf', outcome: 'needs_password', docId, message: '' } }));
  const doc = (id: string, fileName: string, status: DocumentSummary['status']) => ({ id, fileName, status });
  const unlockFailed = (jobId: string) =>
    job({ jobId, kind: 'library.unlock', title: 'Unlock lock.pdf', status: 'failed', error: { code: 'NEEDS_PASSWORD', message: 'lock.pdf: Incorrect password.' } });

  it('keeps one row per document, the latest job\'s', () => {
    const first = pwJob('j1', 'd1');
    const retry = queueItem(job({ jobId: 'j2', kind: 'library.unlock', status: 'succeeded', result: { file: 'lock.pdf', outcome: 'imported', docId: 'd1', pages: 3, message: '' } }));
    const other = pwJob('j3', 'd2');
    const docs = [doc('d1', 'lock.pdf', 'ready'), doc('d2', 'other.pdf', 'needs_password')];
    const rows = reconcileQueue([first, retry, other], docs);
    expect(rows.map((r) => r.jobId)).toEqual(['j2', 'j3']);
    expect(rows[0].earlierJobIds).toEqual(['j1']); // cleared together with the row
  });

  it('a problem row whose document is ready now says so and offers no password action', () => {
    const [row] = reconcileQueue([pwJob('j1', 'd1')], [doc('d1', 'lock.pdf', 'ready')]);
    expect([row.kind, row.message]).toEqual(['imported', 'Ready: the manual was imported afterwards']);
  });

  it('a row whose document was deleted keeps its text but is marked removed', () => {
    const [row] = reconcileQueue([pwJob('j1', 'd1')], []);
    expect([row.kind, row.removed, row.docId]).toEqual(['needs_password', true, undefined]);
  });

  it('a failed job without a document id is matched to its document by file name', () => {
    const failed = queueItem(unlockFailed('j9'));
    expect(failed.docId).toBeUndefined();
    const [row] = reconcileQueue([failed], [doc('d1', 'lock.pdf', 'needs_password')]);
    expect([row.docId, row.removed]).toEqual(['d1', undefined]);
    const [ready] = reconcileQueue([failed], [doc('d1', 'lock.pdf', 'ready')]);
    expect(ready.kind).toBe('imported');
  });

  it('the unlock result gives the reason without the file name, or running / done', () => {
    expect(unlockResult(undefined)).toEqual({ state: 'running' });
    expect(unlockResult(job({ kind: 'library.unlock', status: 'running' }))).toEqual({ state: 'running' });
    expect(unlockResult(job({ kind: 'library.unlock', status: 'succeeded' }))).toEqual({ state: 'done' });
    expect(unlockResult(unlockFailed('u1'))).toEqual({ state: 'failed', message: 'Incorrect password.' });
  });
});

describe('import queue header', () => {
  const running = queueItem(job({ phase: 'parse', done: 1, total: 4 }));
  const finished = queueItem(job({ jobId: 'j9', status: 'succeeded', result: { file: 'a.pdf', outcome: 'imported', docId: 'd', pages: 2, message: '' } }));

  it('offers pausing only while something is queued or running', () => {
    expect(queueHeader([running, finished], false)).toEqual({ status: '1 in progress', offerPause: true });
    expect(queueHeader([finished], false)).toEqual({ status: 'All done', offerPause: false });
  });

  it('always offers resuming a paused queue', () => {
    expect(queueHeader([finished], true)).toEqual({ status: 'Paused', offerPause: true });
    expect(queueHeader([running], true)).toEqual({ status: 'Paused · 1 waiting or finishing', offerPause: true });
  });
});
