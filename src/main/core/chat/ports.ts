/**
 * What chat needs from its neighbours, as narrow structural types. The real SearchService and
 * ChatEngine satisfy these without adapters; tests inject small fakes of the *neighbours*
 * (never of chat itself) to steer evidence strength or the model's text.
 */

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
  }>;
}

/** Document facts a citation needs that passages do not carry (the revision). */
export interface DocumentInfoPort {
  documentInfo(docId: string): Promise<{ title: string; revision: string } | undefined>;
}

export interface ChatTurnRequest {
  sessionId: string;
  systemPrompt: string;
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
  user: string;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

export interface ChatTurnMetrics {
  promptTokens: number;
  evaluatedPromptTokens: number;
  generatedTokens: number;
  ttftMs: number;
  tokensPerSecond: number;
  totalMs: number;
}

export interface ChatTurnResult {
  text: string;
  stopReason: 'eos' | 'maxTokens' | 'abort';
  metrics: ChatTurnMetrics;
}

/** Mirrors src/main/core/models/chatEngine.ts (agreed interface). */
export interface ChatEnginePort {
  isLoaded(): boolean;
  modelId(): string | null;
  contextSize(): number;
  countTokens(text: string): number;
  generate(req: ChatTurnRequest): Promise<ChatTurnResult>;
  complete(prompt: string, opts?: { maxTokens?: number; signal?: AbortSignal }): Promise<string>;
  dropSession(sessionId: string): void;
}
