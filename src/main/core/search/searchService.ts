import type { ComponentHealth } from '../../../shared/contract/app';
import type { SearchFilters, SearchResult } from '../../../shared/contract/search';
import type { LanceStore, Table } from '../index/lanceStore';
import type { Logger } from '../platform/logger';
import { chunkLocator, type LocatorSnapshot } from './chunkLocator';
import type { PerVersion } from './perVersion';
import { pageLocator, type PageLocatorSnapshot } from './pageLocator';
import { VectorPlacements, type VectorPlacement } from './vectorPlacement';
import { CorpusStats, type CorpusStatsSnapshot } from './corpusStats';
import { allowedDocIds, DocCatalog, type CatalogSnapshot } from './docCatalog';
import { associationExpansions, AssociationStore, DEFAULT_ASSOCIATIONS, type AssociationSnapshot } from './associations';
import { resultEvidence } from './evidence';
import { buildWhere } from './filters';
import { DEFAULT_PAGE_RERANK} from './pageRerank';
import { findMissingTerms } from './missingTerms';
import { identLane, phraseExists } from './lanes';
import { RecentPageTexts } from './recentPageTexts';
import { exactVectorSearch, vectorLane } from './vectorLane';
import type { Reranker, RetrievalSettings, VectorSource } from './ports';
import { DEFAULT_SECTION_LANE} from './sectionLane';
import { applyFeedback, fuseLanes, fusedPageText, runLanes, toPassages, type QueryContext } from './searchPipeline';
import { analyzeQuery } from './queryAnalysis';
import { sharedWordNet } from './wordnet';
import { DEFAULT_WORDNET_EXPANSION, wordnetExpansions} from './wordnetExpansion';
import { pagesSchema } from '../index/arrowSchemas';
import { ensureLookupIndexes, ensurePageLookupIndexes, PAGE_FTS } from './searchIndexes';
import { TABLES } from '../index/schema';
import { sqlIn } from '../index/sql';
import { AppError } from '../platform/errors';



export interface SearchPorts {
  store: LanceStore;
  settings: () => RetrievalSettings;
  /** Active embedding model's vectors; null/absent = no vector lane. */
  vectorSource?: () => VectorSource | null;
  /** Configured reranker; null/absent = no reranking. */
  reranker?: () => Reranker | null;
  logger?: Logger;
}

export type { SearchTuning } from './tuning';
export { exactVectorSearch } from './vectorLane';
import type { SearchTuning } from './tuning';

export const DEFAULT_TUNING: SearchTuning = {
  candidates: 60,
  foldWeight: 0.3,
  laneWeights: { text: 1, page: 1, section: 1, ident: 1, vector: 1 },
  sectionLane: DEFAULT_SECTION_LANE,
  pageLane: true,
  strongIdentBoost: 2,
  weakIdentWeight: 0.25,
  feedback: { pages: 3, terms: 6, weight: 0.3 },
  feedbackLanes: 'rescore',
  feedbackAssociations: false,
  wordnet: DEFAULT_WORDNET_EXPANSION,
  exactVectorRows: 20_000,
  locator: true,
  rerankTop: 20,
  pageRerank: DEFAULT_PAGE_RERANK,
  associations: DEFAULT_ASSOCIATIONS
};

/**
 * Two-word "never mentioned" terms are shown, not weighted: on eval-dev a weight of -1 declined 3
 * more answerable questions (paraphrases word things differently) for 1 more unanswerable one.
 * So they are only looked up where they can explain a weak result.
 */
const PHRASE_CHECK_BELOW = 0.5;

/** Worded like a technician's question, so that every stage (expansions, feedback, re-scoring) runs. */
const WARM_UP_QUESTION = 'How do I replace the worn drive belt after the motor stopped suddenly?';

export interface SearchRequest {
  text: string;
  filters?: SearchFilters;
  limit?: number;
  signal?: AbortSignal;
}

export class SearchService {
  private readonly stats: CorpusStats;
  private readonly catalog: DocCatalog;
  private readonly associations: AssociationStore;
  private readonly locator: PerVersion<LocatorSnapshot | null>;
  private readonly pageLocator: PerVersion<PageLocatorSnapshot>;
  private readonly placements = new VectorPlacements();
  private readonly recentPages = new RecentPageTexts();
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
    this.associations = new AssociationStore(ports.store, () => ports.store.chunks());
    this.locator = chunkLocator(() => ports.store.chunks());
    this.pageLocator = pageLocator(() => ports.store.pages());
  }

  async query(req: SearchRequest): Promise<SearchResult> {
    const t0 = performance.now();
    const timings: Record<string, number> = {};
    const mark = (name: string) => (timings[name] = Math.round((performance.now() - t0) * 10) / 10);
    const ctx = await this.prepare(req);
    mark('prepare');
    const lanes = await runLanes(ctx);
    mark('lanes');
    await applyFeedback(ctx, lanes);
    mark('feedback');
    if (req.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
    const fused = await fuseLanes(ctx, lanes, this.ports.reranker?.() ?? null);
    this.recentPages.remember(ctx.pageLocator, fused.pageTexts);
    const passages = toPassages(ctx, fused);
    mark('fuse');
    const pageText = fusedPageText(fused);
    const evidence = resultEvidence(ctx.q, fused.fused, pageText, ctx.stats, fused.ran.length, this.ports.settings().evidenceThreshold);
    // Two-word terms cost an index lookup each: chance pairs are only looked for when the evidence
    // is not already strong; WordNet compounds (rare in a question) always.
    const phraseExistsFn = (p: string) => phraseExists(ctx.chunks, p, ctx.where);
    const missing = await findMissingTerms(ctx.q, ctx.stats, fused.fused.slice(0, 3).map(pageText), phraseExistsFn, undefined, evidence.strength < PHRASE_CHECK_BELOW);
    mark('evidence');
    return {
      passages,
      evidence,
      lanes: fused.ran,
      query: { terms: ctx.q.terms, identifiers: [...ctx.q.identifiers, ...ctx.q.options], expansions: [...ctx.q.expansions, ...lanes.feedback].map((e) => e.term) },
      missing,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
      timings
    };
  }

  /** Query analysis, library statistics and expansions, filters: everything the lanes read. */
  private async prepare(req: SearchRequest): Promise<QueryContext> {
    const tune = this.tuning;
    const filters = req.filters ?? {};
    const q = analyzeQuery(req.text);
    const [docs, stats, pagesIndexed, locator, pageRows] = await Promise.all([this.catalog.get(), this.statsOrUndefined(), this.ensurePageIndex(), this.locatorOrNull(), this.pageLocatorOrNull()]);
    const allowed = allowedDocIds(docs, filters);
    const where = buildWhere(filters, docs.hidden);
    const chunks = this.ports.store.chunks();
    const vectors = this.ports.vectorSource?.() ?? null;
    const exactVectors = vectors ? await exactVectorSearch(vectors, allowed?.length, docs.byId.size, tune.exactVectorRows) : false;
    // The vector and identifier lanes read no expansions: they start now and run while the
    // expansions are computed below (awaited, and their errors raised, by runLanes).
    const placement = vectors && locator ? await this.placementOrNull(vectors, locator) : null;
    const vectorHits = vectors ? vectorLane(chunks, vectors, q.normalized, where, tune.candidates, req.signal, exactVectors, locator && { locator, placement }) : undefined;
    const identHits = identLane(chunks, q, where, tune.candidates, locator);
    for (const p of [vectorHits, identHits]) p?.catch(() => {});
    const wn = tune.wordnet ? sharedWordNet() : null;
    if (wn && stats && tune.wordnet) q.expansions.push(...wordnetExpansions(wn, q.terms, stats, tune.wordnet));
    const assoc = tune.associations || tune.feedbackAssociations ? await this.associationsOrUndefined(docs) : undefined;
    if (assoc && tune.associations) q.expansions.push(...associationExpansions(assoc, q.stems, q.expansions.map((e) => e.term), tune.associations));
    return {
      q,
      tune,
      rrfK: this.ports.settings().rrfK,
      limit: req.limit ?? 10,
      filters,
      docs,
      stats,
      associations: assoc,
      where,
      pageWhere: allowed ? sqlIn('docId', allowed) : undefined,
      allowed,
      chunks,
      pages: pagesIndexed ? this.ports.store.pages() : null,
      vectors,
      exactVectors,
      locator,
      pageLocator: pageRows,
      placement,
      vectorHits,
      identHits,
      signal: req.signal
    };
  }

  /** The page lane needs an FTS index on pages.text; created once, kept fresh by LanceStore.optimize. */
  private ensurePageIndex(): Promise<boolean> {
    if (!this.tuning.pageLane) return Promise.resolve(false);
    this.pageIndex ??= this.ports.store
      .withWriteLock(async () => {
        const pages = await this.ports.store.ensureTable(TABLES.pages, pagesSchema, { fts: [PAGE_FTS] });
        await ensureLookupIndexes(this.ports.store.chunks());
        await ensurePageLookupIndexes(pages);
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

  private associationsOrUndefined(docs: CatalogSnapshot): Promise<AssociationSnapshot | undefined> {
    const hidden = new Set(docs.hidden);
    return this.softly(() => this.associations.sync([...docs.byId.keys()].filter((d) => !hidden.has(d))), undefined, 'library associations unavailable');
  }

  private locatorOrNull(): Promise<LocatorSnapshot | null> {
    return this.tuning.locator ? this.softly(() => this.locator.get(), null, 'chunk locator unavailable; lanes read rows') : Promise.resolve(null);
  }

  private pageLocatorOrNull(): Promise<PageLocatorSnapshot | null> {
    return this.tuning.locator ? this.softly(() => this.pageLocator.get(), null, 'page locator unavailable; page texts are queried') : Promise.resolve(null);
  }

  private placementOrNull(vectors: VectorSource, locator: LocatorSnapshot): Promise<VectorPlacement | null> {
    return this.softly(() => this.placements.get(vectors.table, locator), null, 'vector placement unavailable; vector lane reads chunk ids');
  }

  private statsOrUndefined(): Promise<CorpusStatsSnapshot | undefined> {
    return this.softly(() => this.stats.get(), undefined, 'corpus statistics unavailable');
  }

  /** `get()`, or `fallback` with a warning: search goes on without the piece (slower or plainer), never fails for it. */
  private async softly<T, F>(get: () => Promise<T>, fallback: F, warning: string): Promise<T | F> {
    try {
      return await get();
    } catch (e) {
      this.ports.logger?.warn(warning, { error: e });
      return fallback;
    }
  }

  /** Corpus term weights (IDF of light stems), for consumers that score text against a query. */
  async termWeights(): Promise<((stem: string) => number) | undefined> {
    const stats = await this.statsOrUndefined();
    return stats ? (s) => stats.idf(s) : undefined;
  }

  /** Full texts of pages (`docId:page` → text): the last search's, the rest in one read by address. */
  async pageTexts(pages: ReadonlyArray<{ docId: string; page: number }>): Promise<Map<string, string>> {
    return this.recentPages.read(this.ports.store.pages(), pages, await this.pageLocatorOrNull());
  }

  /**
   * Builds what the first query would otherwise wait for (page FTS index, corpus statistics,
   * document catalog). Call after imports; failures are logged, never thrown.
   */
  async warm(): Promise<void> {
    const placed = this.locatorOrNull().then((l) => {
      const vectors = this.ports.vectorSource?.();
      return vectors && l ? this.placementOrNull(vectors, l) : null;
    });
    await Promise.all([this.ensurePageIndex().then(() => this.prewarmIndexes()), this.statsOrUndefined(), placed, this.pageLocatorOrNull(), this.catalog.get().then((d) => this.associationsOrUndefined(d))]).catch((e) =>
      this.ports.logger?.warn('search warm-up failed', { error: e })
    );
    // One question through the whole pipeline: WordNet's index files, compiled code paths. The
    // first real question after start-up took 120-140 ms instead of ~30 without it.
    await this.query({ text: WARM_UP_QUESTION, limit: 5 }).catch((e) => this.ports.logger?.warn('search warm-up query failed', { error: e }));
  }

  /**
   * Loads the lanes' full-text and vector indexes into LanceDB's cache: otherwise the first
   * searches after start-up or a library change read them from disk piece by piece (the first
   * pass over bench:search's queries ran ~1.5x slower at p95 than later passes).
   */
  private async prewarmIndexes(): Promise<void> {
    const tables = [this.ports.store.chunks(), this.ports.store.pages(), this.ports.vectorSource?.()?.table].filter((t): t is Table => !!t);
    for (const table of tables) {
      for (const index of await table.listIndices()) {
        if (index.indexType === 'FTS' || index.indexType.startsWith('Ivf')) await table.prewarmIndex(index.name);
      }
    }
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
      // The lanes in a technician's words (text, page, section, ident, vector, rerank).
      const lanes = ['words', pageLane ? 'whole pages' : null, 'section titles', 'part and error codes', this.ports.vectorSource?.() ? 'meaning' : null];
      const rerank = this.ports.reranker?.() ? '; best matches re-checked' : '';
      return {
        name: 'search',
        status: pageLane || !this.tuning.pageLane ? 'ok' : 'degraded',
        detail: `${chunks} ${chunks === 1 ? 'passage' : 'passages'} searchable; finds by ${lanes.filter(Boolean).join(', ')}${rerank}`
      };
    } catch (e) {
      return { name: 'search', status: 'error', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  dispose(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
  }
}
