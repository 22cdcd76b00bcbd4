import type { AssociationOptions } from './associations';
import type { PageRerankOptions } from './pageRerank';
import type { SectionLaneOptions } from './sectionLane';
import type { WordNetExpansionOptions } from './wordnetExpansion';

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
  /** rescore: the first pass's pages re-scored in memory; all: second text and page searches. */
  feedbackLanes: 'rescore' | 'all';
  /** Favour feedback words associated (PMI) with the query's words. */
  feedbackAssociations: boolean;
  /** Query expansion from WordNet, filtered by the library's vocabulary; null = off. */
  wordnet: WordNetExpansionOptions | null;
  /** Search vectors exactly (no ANN) when a filter leaves at most this many; see exactVectorSearch. */
  exactVectorRows: number;
  /** Lanes read row addresses and place them with a ChunkLocator (false: they read rows; same results). */
  locator: boolean;
  rerankTop: number;
  /** Expansion from word associations learned from the library (PMI over sections); null = off. */
  associations: AssociationOptions | null;
  /** Second-stage page re-scoring for rank 1; null = off. */
  pageRerank: PageRerankOptions | null;
}
