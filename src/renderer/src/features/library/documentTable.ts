import type { DocumentSummary } from '../../../../shared/contract/library';

/** Pure table logic (sorting, filtering, quality flags) so it is testable without a DOM. */
export type SortKey = 'title' | 'machineModels' | 'tags' | 'language' | 'revision' | 'pageCount' | 'status' | 'importedAt';
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface DocFilter {
  /** Free text over title, file name, models, tags, revision. */
  text: string;
  status: string;
  machineModel: string;
  tag: string;
  language: string;
}

export const emptyFilter: DocFilter = { text: '', status: '', machineModel: '', tag: '', language: '' };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortValue(d: DocumentSummary, key: SortKey): string | number {
  switch (key) {
    case 'pageCount':
      return d.pageCount;
    case 'machineModels':
    case 'tags':
      return d[key].join(', ');
    default:
      return d[key];
  }
}

export function sortDocuments(docs: DocumentSummary[], sort: SortSpec): DocumentSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...docs].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    // Empty values always sink to the bottom, whatever the direction.
    if (va === '' && vb !== '') return 1;
    if (vb === '' && va !== '') return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return c !== 0 ? sign * c : collator.compare(a.title, b.title);
  });
}

const has = (list: string[], v: string): boolean => list.some((x) => x.toLowerCase() === v.toLowerCase());

export function filterDocuments(docs: DocumentSummary[], f: DocFilter): DocumentSummary[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return docs.filter((d) => {
    if (f.status && d.status !== f.status) return false;
    if (f.machineModel && !has(d.machineModels, f.machineModel)) return false;
    if (f.tag && !has(d.tags, f.tag)) return false;
    if (f.language && d.language.toLowerCase() !== f.language.toLowerCase()) return false;
    if (words.length === 0) return true;
    const hay = [d.title, d.fileName, d.revision, ...d.machineModels, ...d.tags].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Distinct values for the filter drop-downs. */
export function facetValues(docs: DocumentSummary[]): { machineModels: string[]; tags: string[]; languages: string[] } {
  const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort(collator.compare);
  return {
    machineModels: uniq(docs.flatMap((d) => d.machineModels)),
    tags: uniq(docs.flatMap((d) => d.tags)),
    languages: uniq(docs.map((d) => d.language))
  };
}

export interface QualityFlag {
  label: string;
  tone: 'warn' | 'error' | 'info';
  detail: string;
}

const pagesText = (pages: number[]): string => (pages.length > 6 ? `${pages.slice(0, 6).join(', ')}…` : pages.join(', '));

/** Short, human flags from the quality report (only the ones a technician should know about). */
export function qualityFlags(d: DocumentSummary): QualityFlag[] {
  const q = d.quality;
  if (!q) return [];
  const flags: QualityFlag[] = [];
  if (q.imageOnlyPages.length) flags.push({ label: `${q.imageOnlyPages.length} scanned`, tone: 'warn', detail: `Scanned pages without text (need OCR): ${pagesText(q.imageOnlyPages)}` });
  if (q.garbledPages.length) flags.push({ label: `${q.garbledPages.length} garbled`, tone: 'warn', detail: `Pages with unreadable text: ${pagesText(q.garbledPages)}` });
  if (q.failedPages.length) flags.push({ label: `${q.failedPages.length} failed`, tone: 'error', detail: `Pages that could not be read: ${pagesText(q.failedPages)}` });
  if (q.duplicatePages.length) flags.push({ label: `${q.duplicatePages.length} dup.`, tone: 'info', detail: `Repeated pages: ${pagesText(q.duplicatePages.map((p) => p[0]))}` });
  if (q.ocr?.pages.length) {
    const low = q.ocr.lowConfidencePages;
    flags.push({ label: `OCR ${Math.round(q.ocr.meanConfidence ?? 0)}%`, tone: low.length ? 'warn' : 'info', detail: `Text from OCR on ${pagesText(q.ocr.pages)}, mean confidence ${q.ocr.meanConfidence ?? '-'}%${low.length ? `; low confidence on ${pagesText(low)}` : ''}${q.ocr.noTextPages.length ? `; no text found on ${pagesText(q.ocr.noTextPages)}` : ''}` });
  }
  // Said as what it means for answers: the count of pages laid out as tables, not "N tables".
  if (q.tableHeavyPages.length)
    flags.push({
      // Short enough to sit on one or two lines in the narrow Quality column at 900 px.
      label: q.tableHeavyPages.length === 1 ? '1 table page' : `${q.tableHeavyPages.length} table pages`,
      tone: 'info',
      detail: `Pages laid out as tables (${pagesText(q.tableHeavyPages)}): searchable, but check answers from them against the page.`
    });
  return flags;
}
