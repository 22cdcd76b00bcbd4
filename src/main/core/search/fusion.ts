/**
 * Page-level aggregation and reciprocal rank fusion. Every lane ranks chunks; we cite pages, so
 * each lane's chunk list is first collapsed to a page list (best chunk + a share of the page's
 * other matching chunks — a page that matches in several places is usually the better page),
 * then pages are fused across lanes with RRF: score = Σ_lanes weight / (k + rank).
 */

export interface ChunkHit {
  chunkId: string;
  docId: string;
  page: number;
  score: number;
}

export interface PageHit {
  key: string; // `${docId}:${page}`
  docId: string;
  page: number;
  /** Aggregated page score in the lane's own units. */
  score: number;
  /** Chunk ids of this page in the lane, best first. */
  chunkIds: string[];
  bestChunkScore: number;
}

export const pageKey = (docId: string, page: number): string => `${docId}:${page}`;

/**
 * Collapses a lane's chunk hits (any order) into pages ranked by
 * best + foldWeight * (sum of the page's other chunk scores).
 */
export function aggregatePages(hits: readonly ChunkHit[], foldWeight = 0.3): PageHit[] {
  const pages = new Map<string, PageHit>();
  const sorted = [...hits].sort((a, b) => b.score - a.score);
  for (const h of sorted) {
    const key = pageKey(h.docId, h.page);
    const p = pages.get(key);
    if (!p) {
      pages.set(key, { key, docId: h.docId, page: h.page, score: h.score, chunkIds: [h.chunkId], bestChunkScore: h.score });
    } else {
      p.score += foldWeight * h.score;
      p.chunkIds.push(h.chunkId);
    }
  }
  return [...pages.values()].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

export interface LaneRanking {
  name: string;
  weight: number;
  pages: readonly PageHit[]; // best first
}

export interface FusedPage {
  key: string;
  docId: string;
  page: number;
  score: number;
  lanes: Record<string, { rank: number; score: number }>;
  /** Chunk ids from all lanes, ordered by the best (lowest) lane rank at which each appeared. */
  chunkIds: string[];
}

/** Reciprocal rank fusion of page rankings; ties broken by key for determinism. */
export function rrfFuse(lanes: readonly LaneRanking[], k: number): FusedPage[] {
  const fused = new Map<string, FusedPage & { chunkOrder: Map<string, number> }>();
  for (const lane of lanes) {
    lane.pages.forEach((p, i) => {
      const rank = i + 1;
      let f = fused.get(p.key);
      if (!f) {
        f = { key: p.key, docId: p.docId, page: p.page, score: 0, lanes: {}, chunkIds: [], chunkOrder: new Map() };
        fused.set(p.key, f);
      }
      f.score += lane.weight / (k + rank);
      f.lanes[lane.name] = { rank, score: p.score };
      p.chunkIds.forEach((c, j) => {
        // Earlier-ranked lanes and better chunks within a page come first.
        const order = rank * 1000 + j;
        const prev = f!.chunkOrder.get(c);
        if (prev === undefined || order < prev) f!.chunkOrder.set(c, order);
      });
    });
  }
  return [...fused.values()]
    .map(({ chunkOrder, ...f }) => ({
      ...f,
      chunkIds: [...chunkOrder.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c)
    }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}
