import { describe, expect, it } from 'vitest';
import { queueItem } from '../../../../src/renderer/src/features/library/importQueue';
import { job } from '../shell/fixtures';

describe('import queue items', () => {
  it('shows phase and pages while running', () => {
    const i = queueItem(job({ phase: 'parse', done: 3, total: 12 }));
    expect(i.kind).toBe('active');
    expect(i.message).toBe('Reading pages · 3 of 12');
  });

  it('maps outcomes to reasons a technician understands', () => {
    const ok = queueItem(job({ status: 'succeeded', result: { file: 'a.pdf', outcome: 'imported', docId: 'd', pages: 12, message: '' } }));
    expect([ok.kind, ok.message, ok.docId]).toEqual(['imported', 'Imported · 12 pages', 'd']);
    const ocr = queueItem(job({ status: 'succeeded', result: { file: 'scan.pdf', outcome: 'needs_ocr', docId: 'd2', message: 'no text' } }));
    expect(ocr.kind).toBe('needs_ocr');
    expect(ocr.message).toMatch(/Needs OCR/);
    const pw = queueItem(job({ status: 'succeeded', result: { file: 'lock.pdf', outcome: 'needs_password', docId: 'd3', message: '' } }));
    expect([pw.kind, pw.docId]).toEqual(['needs_password', 'd3']);
  });

  it('classifies failed jobs: damaged, password, other', () => {
    const dmg = queueItem(job({ status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'damaged file: Invalid PDF structure' } }));
    expect(dmg.kind).toBe('damaged');
    expect(dmg.message).toBe('Damaged file: Invalid PDF structure');
    expect(queueItem(job({ status: 'failed', error: { code: 'NEEDS_PASSWORD', message: 'x' } })).kind).toBe('needs_password');
    const other = queueItem(job({ status: 'failed', error: { code: 'TOO_LARGE', message: 'File is larger than 10 bytes' } }));
    expect([other.kind, other.message]).toEqual(['failed', 'File is larger than 10 bytes']);
    expect(queueItem(job({ status: 'cancelled' })).kind).toBe('cancelled');
  });
});

describe('import queue file names and core messages', () => {
  it('shows the file, not the job title, and only the parser reason for damaged files', () => {
    const i = queueItem(job({ title: 'Import damaged.pdf', status: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'damaged.pdf: damaged file: Invalid PDF structure.' } }));
    expect(i.file).toBe('damaged.pdf');
    expect(i.message).toBe('Damaged file: Invalid PDF structure.');
  });
});
