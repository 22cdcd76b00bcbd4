import { z } from 'zod';
import { method } from './define';

/**
 * Page retrieval over the indexed manuals. Results are passages de-duplicated per physical page
 * (the best chunk of a page represents it; the page's other matching chunks are folded in), so a
 * citation is always "document + physical page" and the UI can open the page highlighted.
 */
export const searchFilters = z
  .object({
    documentIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
    machineModels: z.array(z.string().min(1).max(200)).max(200).optional(),
    tags: z.array(z.string().min(1).max(200)).max(200).optional(),
    language: z.string().max(35).optional()
  })
  .strict();
export type SearchFilters = z.infer<typeof searchFilters>;

export const searchQueryInput = z
  .object({
    text: z.string().trim().min(1).max(4000),
    filters: searchFilters.default({}),
    limit: z.number().int().min(1).max(50).default(10)
  })
  .strict();
export type SearchQueryInput = z.input<typeof searchQueryInput>;

export const laneName = z.enum(['text', 'page', 'section', 'ident', 'vector', 'rerank']);
export type LaneName = z.infer<typeof laneName>;

/** A lane's opinion of the page: its 1-based rank among pages and its raw score. */
export const laneHit = z.object({ rank: z.number().int(), score: z.number() });
export type LaneHit = z.infer<typeof laneHit>;

export const passage = z.object({
  chunkId: z.string(),
  docId: z.string(),
  docTitle: z.string(),
  fileName: z.string(),
  page: z.number().int().describe('1-based physical page'),
  pageEnd: z.number().int(),
  pageLabel: z.string().describe('printed label; cite this to the user, open `page`'),
  sectionPath: z.string(),
  text: z.string().describe('chunk text = page text slice [charStart, charEnd)'),
  charStart: z.number().int(),
  charEnd: z.number().int(),
  /** The best-matching span inside the page text (offsets into the page text, not the chunk). */
  highlight: z.object({ charStart: z.number().int(), charEnd: z.number().int() }),
  lanes: z.partialRecord(laneName, laneHit),
  score: z.number().describe('fused score (higher is better)'),
  /** Other chunks of the same page that also matched, best first. */
  foldedChunkIds: z.array(z.string())
});
export type Passage = z.infer<typeof passage>;

export const evidence = z.object({
  strength: z.number().min(0).max(1),
  threshold: z.number(),
  belowThreshold: z.boolean(),
  /** The features the strength was computed from, for explanation/debugging. */
  signals: z.record(z.string(), z.number())
});
export type Evidence = z.infer<typeof evidence>;

/**
 * Salient terms of the question the manuals lack: "The manuals never mention ESP32" /
 * "Missing on these pages: firmware update".
 */
export const missingTerms = z.object({
  /** Names, identifiers and two-word terms that occur nowhere in the library. */
  neverMentioned: z.array(z.string()),
  /** Names the library has, but none of the top pages carry. */
  notOnPages: z.array(z.string())
});
export type MissingTerms = z.infer<typeof missingTerms>;

export const searchResult = z.object({
  passages: z.array(passage),
  evidence,
  lanes: z.array(laneName).describe('lanes that ran for this query'),
  query: z.object({ terms: z.array(z.string()), identifiers: z.array(z.string()), expansions: z.array(z.string()) }),
  /** Absent from older hosts' results; search.query always fills it. */
  missing: missingTerms.optional(),
  tookMs: z.number(),
  /** Cumulative ms at the end of each stage (prepare, lanes, feedback, fuse, evidence), for diagnosis. */
  timings: z.record(z.string(), z.number()).optional()
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchMethods = {
  query: method(searchQueryInput, searchResult, 'Ranked page passages for a question, with evidence strength.')
};

export const searchEvents = {};
