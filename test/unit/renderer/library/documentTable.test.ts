import { describe, expect, it } from 'vitest';
import { facetValues, filterDocuments, qualityFlags, sortDocuments, emptyFilter } from '../../../../src/renderer/src/features/library/documentTable';
import { metadataPatch, splitList } from '../../../../src/renderer/src/features/library/MetadataDialog';
import { highlightParts } from '../../../../src/renderer/src/features/library/TestSearch';
import { doc } from './fixtures';

const docs = [
  doc({ id: 'a', title: 'Manual 10', pageCount: 5, machineModels: ['X200'], tags: ['service'], revision: '' }),
  doc({ id: 'b', title: 'manual 9', pageCount: 50, machineModels: ['X300'], tags: ['electrical', 'Service'], language: 'de' }),
  doc({ id: 'c', title: 'Alpha', pageCount: 12, machineModels: [], tags: [], status: 'needs_ocr' })
];

describe('document table logic', () => {
  it('sorts numerically-aware, both directions, empty values last', () => {
    expect(sortDocuments(docs, { key: 'title', dir: 'asc' }).map((d) => d.id)).toEqual(['c', 'b', 'a']);
    expect(sortDocuments(docs, { key: 'pageCount', dir: 'desc' }).map((d) => d.id)).toEqual(['b', 'c', 'a']);
    expect(sortDocuments(docs, { key: 'machineModels', dir: 'desc' }).map((d) => d.id)).toEqual(['b', 'a', 'c']);
    expect(sortDocuments(docs, { key: 'revision', dir: 'asc' }).map((d) => d.id).at(-1)).toBe('a');
  });

  it('filters by words, status, model, tag (case-insensitive) and language', () => {
    expect(filterDocuments(docs, { ...emptyFilter, text: 'manual x300' }).map((d) => d.id)).toEqual(['b']);
    expect(filterDocuments(docs, { ...emptyFilter, status: 'needs_ocr' }).map((d) => d.id)).toEqual(['c']);
    expect(filterDocuments(docs, { ...emptyFilter, tag: 'service' }).map((d) => d.id)).toEqual(['a', 'b']);
    expect(filterDocuments(docs, { ...emptyFilter, language: 'DE' }).map((d) => d.id)).toEqual(['b']);
    expect(facetValues(docs).machineModels).toEqual(['X200', 'X300']);
  });

  it('turns the quality report into flags', () => {
    const q = { pageCount: 3, pagesWithoutText: [], imageOnlyPages: [2, 3], garbledPages: [], duplicatePages: [[3, 1]] as Array<[number, number]>, tableHeavyPages: [], nearEmptyPages: [], failedPages: [], chunkCount: 4 };
    expect(qualityFlags(doc({ quality: q })).map((f) => f.label)).toEqual(['2 scanned', '1 dup.']);
    expect(qualityFlags(doc())).toEqual([]);
  });

  it('metadata patch contains only changed fields, lists trimmed and de-duplicated', () => {
    expect(splitList(' X200, x200 ,X300;;')).toEqual(['X200', 'X300']);
    const d = doc();
    const form = { title: d.title, machineModels: 'X200', tags: 'service, wiring', language: 'en', revision: 'C ', notes: '' };
    expect(metadataPatch(d, form)).toEqual({ tags: ['service', 'wiring'], revision: 'C' });
  });

  it('highlight offsets (page offsets) map into the chunk text', () => {
    const p = { text: 'abcdefghij', charStart: 100, highlight: { charStart: 103, charEnd: 106 } };
    expect(highlightParts(p)).toEqual(['abc', 'def', 'ghij']);
    expect(highlightParts({ ...p, highlight: { charStart: 50, charEnd: 500 } })).toEqual(['', 'abcdefghij', '']);
  });
});
