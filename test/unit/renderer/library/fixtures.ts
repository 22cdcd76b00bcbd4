import type { DocumentSummary } from '../../../../src/shared/contract/library';

export const doc = (over: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id: 'd1',
  sha256: 'abc',
  title: 'X200 Service Manual',
  fileName: 'x200.pdf',
  bytes: 1000,
  pageCount: 12,
  machineModels: ['X200'],
  tags: ['service'],
  language: 'en',
  revision: 'B',
  notes: '',
  status: 'ready',
  statusDetail: '',
  importedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  quality: null,
  ...over
});
