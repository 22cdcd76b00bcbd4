import type { LaneName, Passage, SearchFilters } from '../../../shared/contract/search';
import type { Table } from '../index/lanceStore';
import type { AssociationSnapshot } from './associations';
import type { CorpusStatsSnapshot } from './corpusStats';
import type { LocatorSnapshot } from './chunkLocator';
import type { VectorPlacement } from './vectorPlacement';
import type { PageLocatorSnapshot } from './pageLocator';
import { ChunkRows } from './chunkRows';
import type { CatalogSnapshot } from './docCatalog';
import { feedbackTerms } from './feedback';
import { rescorePages } from './feedbackRescore';
import { aggregatePages, pageKey, rrfFuse, type FusedPage, type LaneRanking } from './fusion';
import { bestSpan } from './highlight';
import { fillMissingChunks, identLane, pageLane, pageTextsOf, textLane, type ChunkRecord, type LaneRow, type PageLaneHit } from './lanes';
import { vectorLane } from './vectorLane';
import { optionLane } from './optionLane';
import { queryWeights, rerankPages } from './pageRerank';
import type { Reranker, VectorSource } from './ports';
import type { AnalyzedQuery, Expansion } from './queryTypes';
import { sectionLane } from './sectionLane';
import type { SearchTuning } from './tuning';

/**
 * The stages of one search, in order: lanes (each a single index query), pseudo-relevance
 * feedback, fusion of the lanes' page rankings + page re-scoring + optional cross-encoder, and
 * passages. Each stage reads the QueryContext prepared by SearchService.query and returns plain
 * data, so the service stays a short sequence of named steps with a timing mark after each.
 */
export interface QueryContext {
  q: AnalyzedQuery;
  tune: SearchTuning;
  rrfK: number;
  limit: number;
  filters: SearchFilters;
  docs: CatalogSnapshot;
  stats: CorpusStatsSnapshot | undefined;
  associations: AssociationSnapshot | undefined;
  /** Prefilter for chunk tables; pageWhere for the pages table (docId only). */
  where: string | undefined;
  pageWhere: string | undefined;
  allowed: string[] | undefined;
  chunks: Table;
  pages: Table | null;
  vectors: VectorSource | null;
  exactVectors: boolean;
  /** Row address → chunk map: places lane hits on pages, cuts records from page texts (null: lanes read rows instead). */
  locator: LocatorSnapshot | null;
  /** Page row addresses (null: page texts are queried by document and page). */
  pageLocator: PageLocatorSnapshot | null;
  /** The active vector table's rows → chunks (null: the vector lane reads chunk ids). */
  placement: VectorPlacement | null;
  /** The vector lane, when the caller started it before the expansions were computed. */
  vectorHits?: Promise<LaneRow[]>;
  /** The identifier lane, likewise started early. */
  identHits?: Promise<LaneRow[]>;
  signal?: AbortSignal;
}

export interface LaneResults {
  text: LaneRow[];
  pages: PageLaneHit[] | null;
  ident: LaneRow[];
  vector: LaneRow[] | null;
  /** Expansions the feedback stage added (terms of the first pass's top pages). */
  feedback: Expansion[];
  /** Full records of the chunks read so far; the lanes themselves return references only. */
  rows: ChunkRows;
  /** The feedback pass, started as soon as the first lexical pass returned (see applyFeedback). */
  pendingFeedback?: Promise<LexicalPass | null>;
}

/** The text and page lanes' results, and the feedback expansions they were searched with. */
interface LexicalPass {
  text: LaneRow[];
  pages: PageLaneHit[] | null;
  feedback: Expansion[];
}

const toHits = (rows: readonly LaneRow[]) => rows.map((r) => ({ chunkId: r.row.id, docId: r.row.docId, page: r.row.page, score: r.score }));

/** A lookup (short query centred on an unmistakable identifier or option) already says exactly what it wants. */
export const isLookup = (q: AnalyzedQuery): boolean => (q.strongIdentifiers.length > 0 || q.options.length > 0) && q.terms.length <= 6;

/** The text and page lanes, started together; each resolves on its own. */
function lexicalLanes(ctx: QueryContext, extra: Expansion[]): [Promise<LaneRow[]>, Promise<PageLaneHit[] | null>] {
  const { q, tune } = ctx;
  return [
    textLane(ctx.chunks, q, extra, ctx.where, tune.candidates, ctx.locator),
    ctx.pages ? pageLane(ctx.pages, q, extra, ctx.pageWhere, tune.candidates) : Promise.resolve(null)
  ];
}

export async function runLanes(ctx: QueryContext): Promise<LaneResults> {
  const { q, tune } = ctx;
  // The feedback pass reads only the first lexical pass: it runs while the identifier and
  // vector lanes still search (awaited, and its error raised, by applyFeedback).
  const rows = new ChunkRows(ctx.chunks, ctx.locator);
  const [textHits, pageHits] = lexicalLanes(ctx, []);
  const first = Promise.all([textHits, pageHits]);
  const pendingFeedback = feedbackPass(ctx, textHits, pageHits, rows);
  pendingFeedback.catch(() => {});
  const [[text, pages], ident, vector] = await Promise.all([
    first,
    ctx.identHits ?? identLane(ctx.chunks, q, ctx.where, tune.candidates, ctx.locator),
    ctx.vectorHits ?? (ctx.vectors ? vectorLane(ctx.chunks, ctx.vectors, q.normalized, ctx.where, tune.candidates, ctx.signal, ctx.exactVectors, ctx.locator && { locator: ctx.locator, placement: ctx.placement }) : Promise.resolve(null))
  ]);
  // Options (`-B`, `--force`) are too short for the index to tell apart: read the candidate
  // documents' chunks for the exact, case-sensitive spelling; definitions first.
  const options = q.options.length ? await optionLane(ctx.chunks, q.options, [...text, ...ident], ctx.where, tune.candidates) : [];
  for (const o of options) rows.add(o.row);
  return { text, pages, ident: [...options, ...ident.filter((r) => !options.some((o) => o.row.id === r.row.id))], vector, feedback: [], rows, pendingFeedback };
}

/** Pseudo-relevance feedback: the lanes' text and page results become those of the second pass, if any. */
export async function applyFeedback(ctx: QueryContext, lanes: LaneResults): Promise<void> {
  const second = await (lanes.pendingFeedback ?? feedbackPass(ctx, Promise.resolve(lanes.text), Promise.resolve(lanes.pages), lanes.rows));
  lanes.pendingFeedback = undefined;
  if (second) Object.assign(lanes, second);
}

/**
 * A second, expanded pass for worded questions (by default the first pass's pages re-scored in
 * memory; 'all': a second text and page search); null when none applies.
 * With page hits the feedback terms come from the page texts alone, so the pass starts as soon
 * as the page lane returns (usually well before the text lane, which reads more columns); only
 * its answer waits for the text lane, and an empty text lane still means no feedback.
 */
async function feedbackPass(ctx: QueryContext, textHits: Promise<LaneRow[]>, pageHits: Promise<PageLaneHit[] | null>, rows: ChunkRows): Promise<LexicalPass | null> {
  const { q, tune, stats } = ctx;
  if (!tune.feedback || !stats || isLookup(q) || q.terms.length < 3) return null;
  const pages = await pageHits;
  let top: Array<{ score: number; text: string }>;
  if (pages?.length) top = pages.map((p) => ({ score: p.score, text: p.text ?? '' }));
  else {
    // No page texts: the feedback reads the text lane's chunks of its top pages.
    const textRows = await textHits;
    if (textRows.length === 0) return null;
    const best = aggregatePages(toHits(textRows), tune.foldWeight).slice(0, tune.feedback.pages);
    await rows.ensure(best.flatMap((p) => p.chunkIds));
    top = best.map((p) => ({ score: p.score, text: p.chunkIds.map((c) => rows.get(c)?.text ?? '').join('\n') }));
  }
  const assoc = ctx.associations;
  const association = assoc && tune.feedbackAssociations ? (s: string) => Math.max(0, ...q.stems.map((t) => assoc.pmi(t, s))) : undefined;
  const extra = feedbackTerms(q, top, stats, tune.feedback, association);
  if (extra.length === 0) return null;
  if (tune.feedbackLanes === 'rescore' && pages && ctx.pages) {
    const [textRows, ranked] = await Promise.all([
      textHits,
      // Whole pages carry the feedback best: the first pass's pages re-scored (see rescorePages);
      // only when it found none does the page lane search again, with the feedback words.
      pages.length ? rescorePages(pages, extra, stats) : pageLane(ctx.pages, q, extra, ctx.pageWhere, tune.candidates, false)
    ]);
    return textRows.length ? { text: textRows, pages: ranked, feedback: extra } : null;
  }
  if ((await textHits).length === 0) return null;
  const [text, again] = await Promise.all(lexicalLanes(ctx, extra));
  return { text, pages: again, feedback: extra };
}

export interface FusedResult {
  fused: FusedPage[];
  rows: ReadonlyMap<string, ChunkRecord>;
  pageTexts: Map<string, string>;
  ran: LaneName[];
}

/** RRF over the lanes' page rankings, then page re-scoring and the optional cross-encoder. */
export async function fuseLanes(ctx: QueryContext, lanes: LaneResults, reranker: Reranker | null): Promise<FusedResult> {
  const { q, tune, stats } = ctx;
  const rows = lanes.rows;
  const pageTexts = new Map<string, string>();
  const rankings: LaneRanking[] = [];
  const ran: LaneName[] = [];
  const lookup = isLookup(q);
  const addLane = (name: 'text' | 'ident' | 'vector', laneRows: LaneRow[]) => {
    for (const r of laneRows) rows.add(r.row);
    // A lookup trusts the exact lane more; in a long question the identifier is usually context.
    // Only acronyms/plain words (SDR, GPX, HTTP) are weak identifiers: common, so the lane is mostly noise.
    const identScale = lookup ? tune.strongIdentBoost : q.strongIdentifiers.length || q.options.length ? 1 : tune.weakIdentWeight;
    rankings.push({ name, weight: tune.laneWeights[name] * (name === 'ident' ? identScale : 1), pages: aggregatePages(toHits(laneRows), tune.foldWeight) });
    ran.push(name);
  };
  addLane('text', lanes.text);
  if (lanes.pages) {
    for (const p of lanes.pages) if (p.text !== undefined) pageTexts.set(pageKey(p.docId, p.page), p.text);
    const pages = lanes.pages.map((p) => ({ key: pageKey(p.docId, p.page), docId: p.docId, page: p.page, score: p.score, chunkIds: [], bestChunkScore: p.score }));
    rankings.push({ name: 'page', weight: tune.laneWeights.page, pages });
    ran.push('page');
  }
  if (stats && tune.sectionLane) {
    const hits = sectionLane(q.stems, stats, ctx.allowed ? new Set(ctx.allowed) : undefined, tune.sectionLane);
    if (hits.length) {
      rankings.push({ name: 'section', weight: tune.laneWeights.section, pages: hits });
      ran.push('section');
    }
  }
  if (q.identifiers.length || q.options.length) addLane('ident', lanes.ident);
  if (lanes.vector) addLane('vector', lanes.vector);

  let fused = rrfFuse(rankings, ctx.rrfK);
  // Re-scoring only reorders the first `shown` pages, so the records shown come from these.
  const shown = Math.max(ctx.limit, tune.pageRerank ? tune.pageRerank.top : 0, reranker ? tune.rerankTop : 0);
  // Without page texts, re-scoring and evidence read a page's text from all its chunks.
  const needed = (fs: readonly FusedPage[]) => fs.flatMap((f) => (ctx.pages ? f.chunkIds.slice(0, 1) : f.chunkIds));
  // The texts re-scoring will want (kept aside until asked for), the chunks of page-only pages and
  // the shown records: with a locator the chunks and records are cut from page texts, so the texts
  // come first; without one they are independent reads and run together.
  const textsWanted = tune.pageRerank && ctx.pages ? fused.slice(0, tune.pageRerank.top).filter((f) => !pageTexts.has(f.key)) : [];
  const prefetched = new Set(textsWanted.map((f) => f.key));
  const topChunks = fused.slice(0, Math.max(ctx.limit, tune.rerankTop));
  let prefetchedTexts: Map<string, string>;
  if (ctx.locator) {
    // Records are cut from page texts: those of the pages without one are read first, by address.
    prefetchedTexts = ctx.pages && textsWanted.length ? await pageTextsOf(ctx.pages, textsWanted, ctx.pageLocator) : new Map<string, string>();
    await fillMissingChunks(ctx.chunks, topChunks, rows, q.stems, stats, { locator: ctx.locator, pageText: (d, p) => textOf(d, p) });
  } else {
    [, , prefetchedTexts] = await Promise.all([
      fillMissingChunks(ctx.chunks, topChunks, rows, q.stems, stats),
      rows.ensure(needed(fused.slice(0, shown))),
      ctx.pages && textsWanted.length ? pageTextsOf(ctx.pages, textsWanted) : new Map<string, string>()
    ]);
  }
  function textOf(docId: string, page: number): string | undefined {
    return pageTexts.get(pageKey(docId, page)) ?? prefetchedTexts.get(pageKey(docId, page));
  }
  fused = fused.filter((f) => f.chunkIds.length > 0);
  await rows.ensure(needed(fused.slice(0, shown)), textOf); // also: pages dropped above move others up (rare)
  if (tune.pageRerank && fused.length > 1) {
    const top = fused.slice(0, tune.pageRerank.top);
    const missing = top.filter((f) => !pageTexts.has(f.key));
    if (missing.length && ctx.pages) {
      const rest = missing.filter((f) => !prefetched.has(f.key));
      const more = rest.length ? await pageTextsOf(ctx.pages, rest, ctx.pageLocator) : undefined;
      for (const f of missing) {
        const t = prefetchedTexts.get(f.key) ?? more?.get(f.key);
        if (t !== undefined) pageTexts.set(f.key, t);
      }
    }
    await rows.ensure(top.filter((f) => !pageTexts.has(f.key)).flatMap((f) => f.chunkIds));
    const weights = queryWeights(q.stems, [...q.expansions, ...lanes.feedback], stats);
    const input = top.map((f) => ({ fused: f, text: pageTexts.get(f.key) ?? chunkText(f, rows.map), sectionPath: rows.get(f.chunkIds[0])?.sectionPath ?? '' }));
    fused = [...rerankPages(input, weights, q.normalized, tune.pageRerank), ...fused.slice(tune.pageRerank.top)];
  }
  if (reranker && fused.length > 1) {
    const top = fused.slice(0, tune.rerankTop);
    const scores = await reranker.rank(q.normalized, top.map((f) => rows.get(f.chunkIds[0])?.text ?? ''), ctx.signal);
    const order = top.map((f, i) => ({ f, s: scores[i] ?? -Infinity })).sort((a, b) => b.s - a.s);
    order.forEach((o, i) => (o.f.lanes.rerank = { rank: i + 1, score: o.s }));
    fused = [...order.map((o) => o.f), ...fused.slice(tune.rerankTop)];
    ran.push('rerank');
  }
  // Page-lane hits read without text (feedback pass) that the evidence reads (the top three).
  const pageHits = new Set(lanes.pages?.map((p) => pageKey(p.docId, p.page)));
  const unread = fused.slice(0, 3).filter((f) => pageHits.has(f.key) && !pageTexts.has(f.key));
  if (unread.length && ctx.pages) for (const [k, t] of await pageTextsOf(ctx.pages, unread, ctx.pageLocator)) pageTexts.set(k, t);
  // The evidence reads the top three pages, from their chunks where the page text is unknown.
  await rows.ensure(fused.slice(0, 3).filter((f) => !pageTexts.has(f.key)).flatMap((f) => f.chunkIds));
  return { fused, rows: rows.map, pageTexts, ran };
}

const chunkText = (f: FusedPage, rows: ReadonlyMap<string, ChunkRecord>) => f.chunkIds.map((c) => rows.get(c)?.text ?? '').join('\n');

/** The full text of a fused page (page lane text when known, else its matching chunks). */
export const fusedPageText = (r: FusedResult) => (f: FusedPage) => r.pageTexts.get(f.key) ?? chunkText(f, r.rows);

/** The first `limit` fused pages as passages, each with its best span highlighted. */
export function toPassages(ctx: QueryContext, r: FusedResult): Passage[] {
  const { q, stats } = ctx;
  const weightOf = (s: string) => (stats ? stats.idf(s) : 1);
  return r.fused.slice(0, ctx.limit).flatMap((f) => {
    const best = r.rows.get(f.chunkIds[0]);
    if (!best) return []; // deleted while this search ran
    const span = bestSpan(best.text, q.stems, weightOf, q.identifiers);
    return [{
      chunkId: best.id,
      docId: best.docId,
      docTitle: best.docTitle,
      fileName: ctx.docs.byId.get(best.docId)?.fileName ?? '',
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
    }];
  });
}
