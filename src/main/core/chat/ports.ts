/**
 * What chat needs from its neighbours, as narrow structural types. The real SearchService and
 * ChatEngine satisfy these without adapters; tests inject small fakes of the *neighbours*
 * (never of chat itself) to steer evidence strength or the model's text.
 */

import type { AnswerSpan } from '../../../shared/contract/sessions';
import type { ChatEngine } from '../models/chatEngine';

export interface RetrievedPassage {
  docId: string;
  docTitle: string;
  page: number;
  pageLabel: string;
  sectionPath: string;
  /** Chunk text, a verbatim slice of the page's text. */
  text: string;
  /** Chunk offsets into the page text (optional: older search results may lack them). */
  charStart?: number;
  charEnd?: number;
  highlight: { charStart: number; charEnd: number };
  score?: number;
  /** The page's answer span (answer line), when extracted. */
  span?: AnswerSpan;
}

export interface SearchFiltersPort {
  documentIds?: string[];
  machineModels?: string[];
  tags?: string[];
  language?: string;
}

export interface SearchPort {
  query(input: { text: string; filters: SearchFiltersPort; limit: number }): Promise<{
    passages: RetrievedPassage[];
    evidence: { strength: number; belowThreshold: boolean };
    /** Salient question terms the manuals lack (told to the user in a not-found answer). */
    missing?: { neverMentioned: string[]; notOnPages: string[] };
  }>;
}

/** Document facts a citation needs that passages do not carry (the revision). */
export interface DocumentInfoPort {
  documentInfo(docId: string): Promise<{ title: string; revision: string } | undefined>;
}

// The engine's own types: one definition, shared (type-only import keeps node-llama-cpp out).
export type { ChatTurnMetrics, ChatTurnRequest, ChatTurnResult } from '../models/chatEngine';
export type ChatEnginePort = ChatEngine;

/** The answer line (answer/answerService.ts): each page's best answering span, best first. */
export interface AnswerSpanPort {
  spans(question: string, passages: readonly RetrievedPassage[]): Promise<Array<AnswerSpan & { passageIndex: number }>>;
}
