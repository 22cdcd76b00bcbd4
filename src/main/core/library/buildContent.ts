/**
 * Parsed pages → page rows, chunk rows (with their search headers) and the quality report.
 * Pure: no I/O, so it is unit-tested directly.
 */
import { chunkIdOf, type ChunkRow, type PageRow } from '../index/schema';
import { chunkPage, findBoilerplate } from './chunker';
import type { OutlineNode, PdfPage } from './pdf/extract';
import { qualityReport, type QualityReport } from './quality';
import { pageLabelsFor, pageSectionPath, sectionPathAt, sectionsByPage } from './structure';

export interface DocFilterFields {
  id: string;
  title: string;
  machineModels: string[];
  tags: string[];
  language: string;
}

export interface BuiltContent {
  pages: PageRow[];
  chunks: ChunkRow[];
  pageLabels: string[];
  quality: QualityReport;
}

/** The header indexed with every chunk: it lets "X200 troubleshooting" match a chunk whose body doesn't say X200. */
export function chunkHeader(doc: Pick<DocFilterFields, 'title' | 'machineModels'>, sectionPath: string, pageLabel: string): string {
  return [doc.title, doc.machineModels.join(', '), sectionPath, `p. ${pageLabel}`].filter(Boolean).join('\n');
}

export function chunkSearchFields(doc: DocFilterFields, c: Pick<ChunkRow, 'text' | 'sectionPath' | 'pageLabel'>): Pick<ChunkRow, 'searchText'> {
  return { searchText: `${chunkHeader(doc, c.sectionPath, c.pageLabel)}\n\n${c.text}` };
}

export function buildContent(doc: DocFilterFields, parsed: readonly PdfPage[], labels: string[] | null, outline: OutlineNode[]): BuiltContent {
  const pageCount = parsed.length;
  const pageLabels = pageLabelsFor(pageCount, labels);
  const sections = sectionsByPage(outline, pageCount);
  const boiler = findBoilerplate(parsed.map((p) => p.text));
  const pages: PageRow[] = [];
  const chunks: ChunkRow[] = [];
  const chunkCounts: number[] = [];
  let ordinal = 0;
  for (const p of parsed) {
    const s = sections[p.page - 1];
    const pageLabel = pageLabels[p.page - 1];
    pages.push({ id: `${doc.id}:${p.page}`, docId: doc.id, page: p.page, pageLabel, sectionPath: pageSectionPath(s), text: p.text });
    const drafts = chunkPage(p.page, p.text, boiler);
    chunkCounts.push(drafts.length);
    for (const d of drafts) {
      // The section a chunk belongs to is the one in effect where it starts (plus its first line).
      const sectionPath = sectionPathAt(s, p.text, Math.min(d.charEnd, d.charStart + 120));
      const base = {
        id: chunkIdOf(doc.id, p.page, ordinal),
        docId: doc.id,
        docTitle: doc.title,
        page: p.page,
        pageEnd: p.page,
        pageLabel,
        sectionPath,
        ordinal: ordinal++,
        text: d.text,
        charStart: d.charStart,
        charEnd: d.charEnd,
        machineModels: doc.machineModels,
        tags: doc.tags,
        language: doc.language
      };
      chunks.push({ ...base, ...chunkSearchFields(doc, base) });
    }
  }
  const quality = qualityReport(parsed.map((p, i) => ({ ...p, chunkCount: chunkCounts[i] })));
  return { pages, chunks, pageLabels, quality };
}
