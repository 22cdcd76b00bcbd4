import { describe, expect, it } from 'vitest';
import { qualityFlags } from '../../../../src/renderer/src/features/library/documentTable';
import { queueItem } from '../../../../src/renderer/src/features/library/importQueue';
import { loadScopeOptions } from '../../../../src/renderer/src/features/chat/chatPorts';
import type { Api } from '../../../../src/shared/contract';
import type { DocumentSummary, QualityReportDto } from '../../../../src/shared/contract/library';
import { job } from '../shell/fixtures';
import { doc } from './fixtures';

const quality = (over: Partial<QualityReportDto>): QualityReportDto => ({
  pageCount: 4,
  pagesWithoutText: [],
  imageOnlyPages: [],
  garbledPages: [],
  duplicatePages: [],
  tableHeavyPages: [],
  nearEmptyPages: [],
  failedPages: [],
  chunkCount: 3,
  ...over
});

describe('OCR in the library UI', () => {
  it('an OCR job row shows pages done and the time left, labelled as recognition', () => {
    const i = queueItem(job({ title: 'OCR Pump manual', phase: 'ocr', done: 3, total: 40, message: 'OCR: 3 of 40 pages, about 2 min left' }));
    expect(i).toMatchObject({ kind: 'active', phase: 'ocr', file: 'Pump manual', message: 'OCR: 3 of 40 pages, about 2 min left' });
  });

  it('flags OCR confidence, warning when pages are low-confidence', () => {
    const ocr = { pages: [1, 2, 3], meanConfidence: 71.4, lowConfidencePages: [3], noTextPages: [2], failedPages: [], pendingPages: [] };
    const [flag] = qualityFlags(doc({ quality: quality({ ocr }) }));
    expect(flag).toMatchObject({ label: 'OCR 71%', tone: 'warn' });
    expect(flag.detail).toMatch(/low confidence on 3.*no text found on 2/);
    expect(qualityFlags(doc({ quality: quality({ ocr: { ...ocr, lowConfidencePages: [] } }) }))[0].tone).toBe('info');
  });

  it('offers a needs_ocr document in the chat scope only when some of it is searchable', async () => {
    const list: DocumentSummary[] = [
      doc({ id: 'scan', status: 'needs_ocr', quality: quality({ chunkCount: 0 }) }),
      doc({ id: 'mixed', status: 'needs_ocr', quality: quality({ chunkCount: 5 }) }),
      doc({ id: 'ok', status: 'ready' })
    ];
    const api = { library: { list: async () => ({ ok: true, value: list }) } } as unknown as Api;
    expect((await loadScopeOptions(api)).documents.map((d) => d.id).sort()).toEqual(['mixed', 'ok']);
  });
});
