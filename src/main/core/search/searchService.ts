import type { Passage, SearchFilters, SearchResult, LaneName } from '../../../shared/contract/search';
import type { LanceStore } from '../index/lanceStore';
import type { Logger } from '../platform/logger';
import { CorpusStats, type CorpusStatsSnapshot } from './corpusStats';
import { DocCatalog } from './docCatalog';
import { evidenceStrength, identifierCoverage, unknownShare, weightedCoverage } from './evidence';
import { buildWhere } from './filters';
import { aggregatePages, rrfFuse, type LaneRanking } from './fusion';
import { bestSpan } from './highlight';
import { identLane, textLane, vectorLane, type ChunkRecord, type LaneRow } from './lanes';
import type { Reranker, RetrievalSettings, VectorSource } from './ports';
import { feedbackTerms } from './feedback';
import { analyzeQuery, type AnalyzedQuery } from './queryAnalysis';

export interface SearchPorts {
  store: LanceStore;
  settings: () => RetrievalSettings;
  /** Active embedding model's vectors; null/absent = no vector lane. */
  vectorSource?: () => VectorSource | null;
  /** Configured reranker; null/absent = no reranking. */
  reranker?: () => Reranker | null;
  logger?: Logger;
}

/** Tunables with defaults chosen on the dev set (see the eval command); tests may override. */
export interface SearchTuning {
  candidates: number; // chunks fetched per lane
  foldWeight: number; // share of a page's other matching chunks added to its best chunk
  laneWeights: Record<'text' | 'ident' | 'vector', number>;
  feedback: { pages: number; terms: number; weight: number } | null; // pseudo-relevance feedback
  rerankTop: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  candidates: 120,
  foldWeight: 0.3,
  laneWeights: { text: 1, ident: 1, vector: 1 },
  feedback: { pages: 3, terms: 6, weight: 0.3 },
  rerankTop: 20
};

export interface SearchRequest {
  text: string;
  filters?: SearchFilters;
  limit?: number;
  signal?: AbortSignal;
}

export class SearchService {
  private readonly stats: CorpusStats;
  private readonly catalog: DocCatalog;
  readonly tuning: SearchTuning;

  constructor(
    private readonly ports: SearchPorts,
    tuning: Partial<SearchTuning> = {}
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.stats = new CorpusStats(() => ports.store.chunks());
    this.catalog = new DocCatalog(() => ports.store.documents());
  }

  async query(req: SearchRequest): Promise<SearchResult> {
    const t0 = performance.now();
    const settings = this.ports.settings();
    const limit = req.limit ?? 10;
    const q = analyzeQuery(req.text);
    const [docs, stats] = await Promise.all([this.catalog.get(), this.statsOrUndefined()]);
    const where = buildWhere(req.filters ?? {}, docs.hidden);
    const chunks = this.ports.store.chunks();
    const tune = this.tuning;
    const vectors = this.ports.vectorSource?.() ?? null;

    const [textRows, identRows, vectorRows] = await Promise.all([
      textLane(chunks, q, [], where, tune.candidates),
      identLane(chunks, q, where, tune.candidates),
      vectors ? vectorLane(chunks, vectors, q.normalized, where, tune.candidates, req.signal) : Promise.resolve(null)
    ]);
    let finalText = textRows;
    const expansions = q.expansions.map((e) => e.term);
    if (tune.feedback && stats && textRows.length > 0) {
      const extra = feedbackTerms(q, textRows, stats, tune.feedback, tune.foldWeight);
      if (extra.length) {
        finalText = await textLane(chunks, q, extra, where, tune.candidates);
        expansions.push(...extra.map((e) => e.term));
      }
    }

    const rows = new Map<string, ChunkRecord>();
    const lanes: LaneRanking[] = [];
    const ran: LaneName[] = ['text'];
    const addLane = (name: 'text' | 'ident' | 'vector', laneRows: LaneRow[]) => {
      for (const r of laneRows) rows.set(r.row.id, r.row);
      const hits = laneRows.map((r) => ({ chunkId: r.row.id, docId: r.row.docId, page: r.row.page, score: r.score }));
      lanes.push({ name, weight: tune.laneWeights[name], pages: aggregatePages(hits, tune.foldWeight) });
    };
    addLane('text', finalText);
    if (q.identifiers.length) {
      addLane('ident', identRows);
      ran.push('ident');
    }
    if (vectorRows) {
      addLane('vector', vectorRows);
      ran.push('vector');
    }
    let fused = rrfFuse(lanes, settings.rrfK);
    if (req.signal?.aborted) throw new Error('aborted');

    const reranker = this.ports.reranker?.() ?? null;
    if (reranker && fused.length > 1) {
      const top = fused.slice(0, tune.rerankTop);
      const scores = await reranker.rank(q.normalized, top.map((f) => rows.get(f.chunkIds[0])!.text), req.signal);
      const order = top.map((f, i) => ({ f, s: scores[i] ?? -Infinity })).sort((a, b) => b.s - a.s);
      order.forEach((o, i) => (o.f.lanes.rerank = { rank: i + 1, score: o.s }));
      fused = [...order.map((o) => o.f), ...fused.slice(tune.rerankTop)];
      ran.push('rerank');
    }

    const weightOf = (s: string) => (stats ? stats.idf(s) : 1);
    const passages: Passage[] = fused.slice(0, limit).map((f) => {
      const best = rows.get(f.chunkIds[0])!;
      const span = bestSpan(best.text, q.stems, weightOf);
      return {
        chunkId: best.id,
        docId: best.docId,
        docTitle: best.docTitle,
        fileName: docs.byId.get(best.docId)?.fileName ?? '',
        page: best.page,
        pageEnd: best.pageEnd,
        pageLabel: best.pageLabel,
        sectionPath: best.sectionPath,
        text: best.text,
        charStart: best.charStart,
        charEnd: best.charEnd,
        highlight: { charStart: best.charStart + span.start, charEnd: best.charStart + span.end },
        lanes: f.lanes,
        score: f.score,
        foldedChunkIds: f.chunkIds.slice(1)
      };
    });

    const evidence = this.evidence(q, fused, rows, stats, ran.length, settings.evidenceThreshold);
    return {
      passages,
      evidence,
      lanes: ran,
      query: { terms: q.terms, identifiers: q.identifiers, expansions },
      tookMs: Math.round((performance.now() - t0) * 10) / 10
    };
  }

  private evidence(
    q: AnalyzedQuery,
    fused: ReturnType<typeof rrfFuse>,
    rows: Map<string, ChunkRecord>,
    stats: CorpusStatsSnapshot | undefined,
    laneCount: number,
    threshold: number
  ): SearchResult['evidence'] {
    const top = fused[0];
    const pageText = (f: (typeof fused)[number]) => f.chunkIds.map((c) => rows.get(c)?.text ?? '').join('\n');
    // Best coverage among the top 3 pages: the answer page is not always ranked first.
    const coverage = Math.max(0, ...fused.slice(0, 3).map((f) => weightedCoverage(q.stems, pageText(f), stats)));
    const identCoverage = top
      ? identifierCoverage(q.identifiers, top.chunkIds.map((c) => rows.get(c)?.identText ?? '').join(' '))
      : 0;
    const agreement = top && laneCount > 1 ? (Object.keys(top.lanes).length - 1) / (laneCount - 1) : 0;
    const signals = { coverage, unknown: unknownShare(q.stems, stats), identCoverage, agreement, hasResults: top ? 1 : 0 };
    const strength = evidenceStrength(signals);
    return { strength, threshold, belowThreshold: strength < threshold, signals };
  }

  private async statsOrUndefined(): Promise<CorpusStatsSnapshot | undefined> {
    try {
      return await this.stats.get();
    } catch (e) {
      this.ports.logger?.warn('corpus statistics unavailable', { error: e });
      return undefined;
    }
  }

  /** Wiring hooks for the embeddings/reranker features (set once at composition time). */
  setVectorSource(source: () => VectorSource | null): void {
    this.ports.vectorSource = source;
  }
  setReranker(reranker: () => Reranker | null): void {
    this.ports.reranker = reranker;
  }

  dispose(): void {}
}
