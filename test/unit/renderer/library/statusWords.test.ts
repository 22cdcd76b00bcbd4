import { describe, expect, it } from 'vitest';
import { countsText, libraryCounts, PLAIN, plainReason } from '../../../../src/renderer/src/features/library/statusWords';
import { qualityFlags } from '../../../../src/renderer/src/features/library/documentTable';
import { doc } from './fixtures';

describe('statuses in plain words', () => {
  it('turns parser and pipeline reasons into what happened and what to do', () => {
    expect(plainReason('import failed: damaged file: Invalid PDF structure.; reindex to retry', 'failed')).toBe(PLAIN.damaged);
    expect(plainReason('x.pdf: damaged file: parser timed out (nothing for 60 s)')).toBe(PLAIN.slow);
    expect(plainReason('The PDF is password-protected.', 'needs_password')).toBe(PLAIN.password);
    expect(plainReason('Incorrect password.', 'needs_password')).toBe(PLAIN.badPassword);
    expect(plainReason('import was interrupted (the app stopped mid-import); reindex to resume', 'failed')).toBe(PLAIN.interrupted);
    expect(plainReason('x.pdf: 9000 pages exceeds the limit of 5000')).toMatch(/^Too long: 9000 pages, the limit is 5000/);
    expect(plainReason('3 of 4 pages are images without a text layer (OCR needed): 1-3', 'needs_ocr')).toBe(PLAIN.scanned);
    expect(plainReason('File is larger than 10 bytes')).toBe('File is larger than 10 bytes');
  });

  it('counts manuals without failed files, and every file someone must act on', () => {
    const docs = [{ status: 'ready' }, { status: 'failed' }, { status: 'needs_password' }, { status: 'needs_ocr' }, { status: 'importing' }] as const;
    expect(libraryCounts(docs)).toEqual({ manuals: 4, attention: 3 });
    expect(countsText(libraryCounts(docs))).toBe('4 manuals · 3 files need attention');
    expect(countsText({ manuals: 1, attention: 1 })).toBe('1 manual · 1 file needs attention');
    expect(countsText({ manuals: 2, attention: 0 })).toBe('2 manuals');
  });

  it('the table badge counts table pages, and says what that means for answers', () => {
    const q = { pageCount: 9, pagesWithoutText: [], imageOnlyPages: [], garbledPages: [], duplicatePages: [], tableHeavyPages: [3, 4, 9], nearEmptyPages: [], failedPages: [], chunkCount: 4 };
    const d = doc({ quality: q });
    const f = qualityFlags(d).find((x) => x.label.includes('table'))!;
    expect(f.label).toBe('3 table pages');
    expect(qualityFlags(doc({ quality: { ...q, tableHeavyPages: [2] } })).find((x) => x.label.includes('table'))!.label).toBe('1 table page');
    expect(f.detail).toMatch(/check answers from them against the page/);
  });
});
