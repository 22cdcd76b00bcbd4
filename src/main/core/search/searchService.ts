import type { ComponentHealth } from '../../../shared/contract/app';
import type { Passage, SearchFilters, SearchResult, LaneName } from '../../../shared/contract/search';
import type { LanceStore } from '../index/lanceStore';
import type { Logger } from '../platform/logger';
import { CorpusStats, type CorpusStatsSnapshot } from './corpusStats';
import { allowedDocIds, DocCatalog } from './docCatalog';
import { resultEvidence } from './evidence';
import { buildWhere } from './filters';
import { aggregatePages, pageKey, rrfFuse, type FusedPage, type LaneRanking } from './fusion';
import { bestSpan } from './highlight';
import { DEFAULT_PAGE_RERANK, queryWeights, rerankPages, type PageRerankOptions } from './pageRerank';
import { findMissingTerms } from './missingTerms';
import { fillMissingChunks, identLane, pageLane, pageTextsOf, phraseExists, textLane, vectorLane, type ChunkRecord, type LaneRow } from './lanes';
import type { Reranker, RetrievalSettings, VectorSource } from './ports';
import { feedbackTerms } from './feedback';
import { DEFAULT_SECTION_LANE, sectionLane, type SectionLaneOptions } from './sectionLane';
import { analyzeQuery, type Expansion } from './queryAnalysis';
import { sharedWordNet } from './wordnet';
import { DEFAULT_WORDNET_EXPANSION, wordnetExpansions, type WordNetExpansionOptions } from './wordnetExpansion';
import { pagesSchema } from '../index/arrowSchemas';
import { ensureLookupIndexes, PAGE_FTS } from './searchIndexes';
import { TABLES } from '../index/schema';
import { sqlIn } from '../index/sql';
import { AppError } from '../platform/errors';

const toHits = (rows: readonly LaneRow[]) => rows.map((r) => ({ chunkId: r.row.id, docId: r.row.docId, page: r.row.page, score: r.score }));


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
  laneWeights: Record<'text' | 'page' | 'section' | 'ident' | 'vector', number>;
  sectionLane: SectionLaneOptions | null;
  pageLane: boolean;
  strongIdentBoost: number;
  weakIdentWeight: number;
  feedback: { pages: number; terms: number; weight: number } | null; // pseudo-relevance feedback
  feedbackLanes: 'page' | 'all';
  /** Query expansion from WordNet, filtered by the library's vocabulary; null = off. */
  wordnet: WordNetExpansionOptions | null;
  /** Search vectors exactly (no ANN) when a filter leaves at most this many; see exactVectorSearch. */
  exactVectorRows: number;
  rerankTop: number;
  /** Second-stage page re-scoring for rank 1; null = off. */
  pageRerank: PageRerankOptions | null;
}

export const DEFAULT_TUNING: SearchTuning = {
  candidates: 60,
  foldWeight: 0.3,
  laneWeights: { text: 1, page: 1, section: 1, ident: 1, vector: 1 },
  sectionLane: DEFAULT_SECTION_LANE,
  pageLane: true,
  strongIdentBoost: 2,
  weakIdentWeight: 0.25,
  feedback: { pages: 3, terms: 6, weight: 0.3 },
  feedbackLanes: 'page',
  wordnet: DEFAULT_WORDNET_EXPANSION,
  exactVectorRows: 20_000,
  rerankTop: 20,
  pageRerank: DEFAULT_PAGE_RERANK
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
  private pageIndex: Promise<boolean> | undefined;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
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
    const filters = req.filters ?? {};
    const q = analyzeQuery(req.text);
    const timings: Record<string, number> = {};
    const mark = (name: string) => (timings[name] = Math.round((performance.now() - t0) * 10) / 10);
    const [docs, stats, pagesIndexed] = await Promise.all([this.catalog.get(), this.statsOrUndefined(), this.ensurePageIndex()]);
    const wn = this.tuning.wordnet ? sharedWordNet() : null;
    if (wn && stats && this.tuning.wordnet) q.expansions.push(...wordnetExpansions(wn, q.terms, stats, this.tuning.wordnet));
    mark('prepare');
    const where = buildWhere(filters, docs.hidden);
    const allowed = allowedDocIds(docs, filters);
    const pageWhere = allowed ? sqlIn('docId', allowed) : undefined;
    const chunks = this.ports.store.chunks();
    const pagesTable = this.ports.store.pages();
    const tune = this.tuning;
    const vectors = this.ports.vectorSource?.() ?? null;

    const lexical = (extra: Expansion[]) =>
      Promise.all([
        textLane(chunks, q, extra, where, tune.candidates),
        pagesIndexed ? pageLane(pagesTable, q, extra, pageWhere, tune.candidates) : Promise.resolve(null)
      ]);
    const [[textRows0, pageHits0], identRows, vectorRows] = await Promise.all([
      lexical([]),
      identLane(chunks, q, where, tune.candidates),
      vectors
        ? exactVectorSearch(vectors, allowed?.length, docs.byId.size, tune.exactVectorRows).then((exact) =>
            vectorLane(chunks, vectors, q.normalized, where, tune.candidates, req.signal, exact)
          )
        : Promise.resolve(null)
    ]);
    let [textRows, pageHits] = [textRows0, pageHits0];
    const expansions = q.expansions.map((e) => e.term);
    const feedbackExp: Expansion[] = [];
    mark('lanes');
    // Feedback helps worded questions; a lookup ("E-204", "gdb_get_char") already says exactly what it wants.
    const lookup = q.strongIdentifiers.length > 0 && q.terms.length <= 6;
    if (tune.feedback && stats && textRows.length > 0 && !lookup && q.terms.length >= 3) {
      const top = pageHits?.length
        ? pageHits.map((p) => ({ score: p.score, text: p.text }))
        : aggregatePages(toHits(textRows), tune.foldWeight).map((p) => ({ score: p.score, text: p.chunkIds.map((c) => textRows.find((r) => r.row.id === c)?.row.text ?? '').join('\n') }));
      const extra = feedbackTerms(q, top, stats, tune.feedback);
      if (extra.length) {
        // Whole pages carry the feedback best; re-running only the page lane halves its cost.
        if (tune.feedbackLanes === 'page' && pageHits) pageHits = await pageLane(pagesTable, q, extra, pageWhere, tune.candidates);
        else [textRows, pageHits] = await lexical(extra);
        expansions.push(...extra.map((e) => e.term));
        feedbackExp.push(...extra);
      }
    }

    const rows = new Map<string, ChunkRecord>();
    const pageTexts = new Map<string, string>();
    const lanes: LaneRanking[] = [];
    const ran: LaneName[] = [];
    const addLane = (name: 'text' | 'ident' | 'vector', laneRows: LaneRow[]) => {
      for (const r of laneRows) rows.set(r.row.id, r.row);
      // A lookup (short query centred on an unmistakable identifier) trusts the exact lane more.
      // In a long question the identifier is usually context, not the target.
      // Only acronyms/plain words (SDR, GPX, HTTP) are weak identifiers: common, so the lane is mostly noise.
      const identScale = lookup ? tune.strongIdentBoost : q.strongIdentifiers.length ? 1 : tune.weakIdentWeight;
      const weight = tune.laneWeights[name] * (name === 'ident' ? identScale : 1);
      lanes.push({ name, weight, pages: aggregatePages(toHits(laneRows), tune.foldWeight) });
      ran.push(name);
    };
    addLane('text', textRows);
    if (pageHits) {
      for (const p of pageHits) pageTexts.set(pageKey(p.docId, p.page), p.text);
      const pages = pageHits.map((p) => ({ key: pageKey(p.docId, p.page), docId: p.docId, page: p.page, score: p.score, chunkIds: [], bestChunkScore: p.score }));
      lanes.push({ name: 'page', weight: tune.laneWeights.page, pages });
      ran.push('page');
    }
    if (stats && tune.sectionLane) {
      const hits = sectionLane(q.stems, stats, allowed ? new Set(allowed) : undefined, tune.sectionLane);
      if (hits.length) {
        lanes.push({ name: 'section', weight: tune.laneWeights.section, pages: hits });
        ran.push('section');
      }
    }
    if (q.identifiers.length) addLane('ident', identRows);
    if (vectorRows) addLane('vector', vectorRows);
    mark('feedback');
    let fused = rrfFuse(lanes, settings.rrfK);
    if (req.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
    await fillMissingChunks(this.ports.store.chunks(), fused.slice(0, Math.max(limit, tune.rerankTop)), rows, q.stems, stats);
    fused = fused.filter((f) => f.chunkIds.length > 0);
    if (tune.pageRerank && fused.length > 1) {
      const top = fused.slice(0, tune.pageRerank.top);
      const missing = top.filter((f) => !pageTexts.has(f.key));
      if (missing.length) for (const [k, t] of await pageTextsOf(pagesTable, missing)) pageTexts.set(k, t);
      const weights = queryWeights(q.stems, [...q.expansions, ...feedbackExp], stats);
      const input = top.map((f) => ({ fused: f, text: pageTexts.get(f.key) ?? '', sectionPath: rows.get(f.chunkIds[0])?.sectionPath ?? '' }));
      fused = [...rerankPages(input, weights, q.normalized, tune.pageRerank), ...fused.slice(tune.pageRerank.top)];
    }

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
      const span = bestSpan(best.text, q.stems, weightOf, q.identifiers);
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

    mark('fuse');
    const pageText = (f: FusedPage) => pageTexts.get(f.key) ?? f.chunkIds.map((c) => rows.get(c)?.text ?? '').join('\n');
    const missing = await findMissingTerms(q, stats, fused.slice(0, 3).map(pageText), (p) => phraseExists(chunks, p, where));
    const evidence = resultEvidence(q, fused, pageText, stats, ran.length, settings.evidenceThreshold, missing);
    mark('evidence');
    return {
      passages,
      evidence,
      lanes: ran,
      query: { terms: q.terms, identifiers: q.identifiers, expansions },
      missing,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
      timings
    };
  }

  /** The page lane needs an FTS index on pages.text; created once, kept fresh by LanceStore.optimize. */
  private ensurePageIndex(): Promise<boolean> {
    if (!this.tuning.pageLane) return Promise.resolve(false);
    this.pageIndex ??= this.ports.store
      .withWriteLock(async () => {
        await this.ports.store.ensureTable(TABLES.pages, pagesSchema, { fts: [PAGE_FTS] });
        await ensureLookupIndexes(this.ports.store.chunks());
      })
      .then(
        () => true,
        (e) => {
          this.ports.logger?.warn('page full-text index unavailable; page lane off', { error: e });
          return false;
        }
      );
    return this.pageIndex;
  }

  private async statsOrUndefined(): Promise<CorpusStatsSnapshot | undefined> {
    try {
      return await this.stats.get();
    } catch (e) {
      this.ports.logger?.warn('corpus statistics unavailable', { error: e });
      return undefined;
    }
  }

  /**
   * Builds what the first query would otherwise wait for (page FTS index, corpus statistics,
   * document catalog). Call after imports; failures are logged, never thrown.
   */
  async warm(): Promise<void> {
    await Promise.all([this.ensurePageIndex(), this.statsOrUndefined(), this.catalog.get()]).catch((e) =>
      this.ports.logger?.warn('search warm-up failed', { error: e })
    );
  }

  /** Debounced warm(): an import emits one change per file; rebuild once things settle. */
  scheduleWarm(delayMs = 2000): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      void this.warm();
    }, delayMs);
    this.warmTimer.unref?.();
  }

  /** Lanes available right now, for app.health. */
  async health(): Promise<ComponentHealth> {
    try {
      const chunks = await this.ports.store.chunks().countRows();
      const pageLane = await this.ensurePageIndex();
      const lanes = ['text', pageLane ? 'page' : null, 'section', 'ident', this.ports.vectorSource?.() ? 'vector' : null, this.ports.reranker?.() ? 'rerank' : null];
      return {
        name: 'search',
        status: pageLane || !this.tuning.pageLane ? 'ok' : 'degraded',
        detail: `${chunks} chunks; lanes: ${lanes.filter(Boolean).join(', ')}`
      };
    } catch (e) {
      return { name: 'search', status: 'error', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Wiring hooks for the embeddings/reranker features (set once at composition time). */
  setVectorSource(source: () => VectorSource | null): void {
    this.ports.vectorSource = source;
  }
  setReranker(reranker: () => Reranker | null): void {
    this.ports.reranker = reranker;
  }

  dispose(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
  }
}

/**
 * Whether a filtered vector search should skip the ANN index. An exact search scores every
 * vector the filter leaves (~1 µs each here: 47 ms p50 for the 50k vectors a 5% filter leaves of
 * 1M), while ANN probing costs about the same 25-30 ms whatever the filter. So exact only when
 * the filter leaves few vectors — it is also exact, where ANN with a prefilter can miss some.
 * The count is estimated from the share of documents the filter keeps (a count is ~0.1 ms).
 */
export async function exactVectorSearch(
  source: Pick<VectorSource, 'table'>,
  allowedDocs: number | undefined,
  totalDocs: number,
  maxRows: number
): Promise<boolean> {
  if (allowedDocs === undefined || totalDocs === 0) return false;
  const rows = await source.table.countRows();
  return (rows * allowedDocs) / totalDocs <= maxRows;
}

