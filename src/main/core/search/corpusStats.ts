import type { Table } from '../index/lanceStore';
import { PerVersion } from './perVersion';
import { isStopWord, stem, wordTokens } from './textTerms';

/**
 * Chunk-level document frequencies of light-stemmed words, derived from the index itself. Used
 * to weight query terms by rarity (evidence coverage, pseudo-relevance feedback). Built lazily
 * and rebuilt when the chunks table version changes; on very large libraries only the first
 * `maxRows` chunks are read — document frequencies from a large sample are good enough for IDF.
 */
export interface SectionInfo {
  docId: string;
  sectionPath: string;
  /** Light stems of the section's own title (last path segment, numbering removed). */
  titleStems: string[];
  /** Physical pages with chunks of this section, ascending. */
  pages: number[];
}

export interface CorpusStatsSnapshot {
  /** Chunks the statistics were computed from. */
  n: number;
  df: Map<string, number>;
  sections: SectionInfo[];
  idf(stemmed: string): number;
}

export function makeSnapshot(n: number, df: Map<string, number>, sections: SectionInfo[] = []): CorpusStatsSnapshot {
  return {
    n,
    df,
    sections,
    // BM25-style IDF, floored at a small positive value so very common words still count a bit.
    idf: (s) => Math.max(0.05, Math.log(1 + (n - (df.get(s) ?? 0) + 0.5) / ((df.get(s) ?? 0) + 0.5)))
  };
}

/** Adds one text's distinct stems to `df`. */
export function countDistinctStems(text: string, df: Map<string, number>): void {
  const seen = new Set<string>();
  for (const t of wordTokens(text)) {
    if (isStopWord(t.word)) continue;
    const s = stem(t.word);
    if (seen.has(s)) continue;
    seen.add(s);
    df.set(s, (df.get(s) ?? 0) + 1);
  }
}

export class CorpusStats {
  private readonly snapshots: PerVersion<CorpusStatsSnapshot>;

  constructor(
    table: () => Table,
    private readonly maxRows = 200_000
  ) {
    this.snapshots = new PerVersion(table, (t) => this.build(t));
  }

  get(): Promise<CorpusStatsSnapshot> {
    return this.snapshots.get();
  }

  private async build(table: Table): Promise<CorpusStatsSnapshot> {
    const df = new Map<string, number>();
    let n = 0;
    const sections = new Map<string, { docId: string; sectionPath: string; pages: Set<number> }>();
    const query = table.query().select(['searchText', 'docId', 'sectionPath', 'page']).limit(this.maxRows);
    for await (const batch of query) {
      const col = batch.getChild('searchText');
      const docCol = batch.getChild('docId');
      const secCol = batch.getChild('sectionPath');
      const pageCol = batch.getChild('page');
      if (!col) continue;
      for (let i = 0; i < batch.numRows; i++) {
        countDistinctStems(String(col.get(i) ?? ''), df);
        n++;
        const path = String(secCol?.get(i) ?? '');
        if (!path) continue;
        const docId = String(docCol?.get(i) ?? '');
        const key = `${docId}\u0000${path}`;
        let sec = sections.get(key);
        if (!sec) sections.set(key, (sec = { docId, sectionPath: path, pages: new Set() }));
        sec.pages.add(Number(pageCol?.get(i) ?? 0));
      }
    }
    const list: SectionInfo[] = [...sections.values()].map((s) => ({
      docId: s.docId,
      sectionPath: s.sectionPath,
      titleStems: sectionTitleStems(s.sectionPath),
      pages: [...s.pages].sort((a, b) => a - b)
    }));
    return makeSnapshot(n, df, list.filter((s) => s.titleStems.length > 0));
  }
}

/** Content stems of a section path's last segment ("2.1 Fault codes" → ["fault", "code"]). */
export function sectionTitleStems(sectionPath: string): string[] {
  const leaf = sectionPath.split(' > ').pop() ?? '';
  return [...new Set(wordTokens(leaf.replace(/^[\d.\s]+/, '')).map((t) => t.word).filter((w) => !isStopWord(w) && !/^\d+$/.test(w)).map(stem))];
}
