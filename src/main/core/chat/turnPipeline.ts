import type { ChatMessage, ChatSource } from '../../../shared/contract/sessions';
import { AppError, throwIfAborted } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { SessionStore } from '../sessions/sessionStore';
import { CLOSEST_SECTIONS, notFoundAnswer, SEARCH_ONLY_SOURCES, searchOnlyAnswer } from './answerTemplates';
import { mapCitations, toSource } from './citations';
import { buildPrompt } from './promptBuilder';
import { rewriteFollowUp } from './queryRewrite';
import type { AnswerSpanPort, ChatEnginePort, ChatTurnResult, DocumentInfoPort, RetrievedPassage, SearchPort } from './ports';
import { isRefusal } from '../sessions/sessionSummary';
import { answerFirst, hasExactIdentifierMatch } from './answerLines';
import { modelActionsFor, type TurnActions } from './turnActions';

export interface TurnDeps {
  store: SessionStore;
  /** Getters: search and the chat engine may be created (or loaded) after chat. */
  search: () => SearchPort | undefined;
  engine: () => ChatEnginePort | undefined;
  /** The answer-line extractor; absent = passages in retrieval order with the search highlight. */
  answer?: () => AnswerSpanPort | undefined;
  documents?: DocumentInfoPort;
  retrieval: () => { resultsPerAnswer: number };
  /** Answer length cap (tokens); default scales with the context (see buildPrompt). */
  generation?: () => { maxAnswerTokens?: number };
  /** Whether the chat model may call assistant actions (settings `models.actions`); default 'auto'. */
  modelActions?: () => 'auto' | 'always' | 'off';
  logger: Logger;
  onDelta(delta: string): void;
}

export interface TurnInput {
  sessionId: string;
  messageId: string;
  userMessage: ChatMessage;
  signal: AbortSignal;
  /** The caller's assistant actions (their role applies); absent: the model calls none. */
  actions?: TurnActions;
}

/**
 * One answer: rewrite a follow-up → retrieve within the session's scope → decide the mode
 * (not_found below the evidence threshold, search_only without a model, else a grounded answer)
 * → stream → map citations. Returns the assistant message; the caller stores it.
 */
export async function answerTurn(deps: TurnDeps, input: TurnInput): Promise<ChatMessage> {
  const { sessionId, messageId, userMessage, signal, actions } = input;
  const session = await deps.store.get(sessionId);
  const upto = session.messages.findIndex((m) => m.id === userMessage.id);
  const earlier = upto >= 0 ? session.messages.slice(0, upto) : session.messages.slice();
  const available = deps.engine();
  // Undefined unless a chat model is loaded: every later use is then checked by the compiler.
  const engine = available?.isLoaded() ? available : undefined;

  const previousQuery = lastQuery(earlier);
  const rewrite = await rewriteFollowUp(
    previousQuery,
    userMessage.text,
    engine ? (prompt) => engine.complete(prompt, { maxTokens: 48, signal }) : undefined
  );
  throwIfAborted(signal);

  const search = deps.search();
  if (!search) throw new AppError('INTERNAL', 'Search is not available yet.');
  const scope = session.header.scope;
  const result = await search.query({
    text: rewrite.query,
    filters: {
      ...(scope.documentIds.length ? { documentIds: scope.documentIds } : {}),
      ...(scope.machineModels.length ? { machineModels: scope.machineModels } : {}),
      ...(scope.tags.length ? { tags: scope.tags } : {}),
      ...(scope.language ? { language: scope.language } : {})
    },
    limit: deps.retrieval().resultsPerAnswer
  });
  throwIfAborted(signal);
  const revisionOf = await revisions(deps.documents, result.passages);
  const base = {
    id: messageId,
    sessionId,
    role: 'assistant' as const,
    createdAt: new Date().toISOString(),
    replyTo: userMessage.id,
    query: rewrite.query
  };

  // The answer line: each top page's best span; pages ordered by it (the first is the answer line).
  const spans = result.passages.length ? ((await deps.answer?.()?.spans(rewrite.query, result.passages)) ?? []) : [];
  throwIfAborted(signal);
  const ranked = answerFirst(result.passages, spans);

  // A page naming the question's exact identifier is evidence, whatever the overall strength says.
  if (!result.passages.length || (result.evidence.belowThreshold && !hasExactIdentifierMatch(rewrite.query, spans))) {
    // The model is not asked at all: a small model handed weak passages will confidently guess.
    const closest = result.passages.slice(0, CLOSEST_SECTIONS).map((p, i) => toSource(p, i + 1, revisionOf));
    const text = notFoundAnswer(closest, result.missing);
    deps.onDelta(text);
    return { ...base, text, mode: 'not_found', sources: [], related: closest, stopReason: 'eos', modelId: null };
  }

  if (!engine) {
    const shown = ranked.slice(0, SEARCH_ONLY_SOURCES);
    const sources: ChatSource[] = shown.map((p, i) => toSource(p, i + 1, revisionOf));
    const text = searchOnlyAnswer(sources, shown);
    deps.onDelta(text);
    return { ...base, text, mode: 'search_only', sources, related: [], stopReason: 'eos', modelId: null };
  }

  const prompt = buildPrompt({
    question: userMessage.text,
    // The spans that answer are what the prompt quotes first (see answerFirst).
    passages: ranked,
    history: historyFor(earlier),
    contextSize: engine.contextSize(),
    countTokens: (t) => engine.countTokens(t),
    revisionOf,
    maxAnswerTokens: deps.generation?.().maxAnswerTokens
  });
  if (prompt.droppedPassages || prompt.droppedHistoryTurns) {
    deps.logger.debug('prompt trimmed to fit', { droppedPassages: prompt.droppedPassages, droppedHistory: prompt.droppedHistoryTurns });
  }
  const called = modelActionsFor(engine, deps.modelActions?.() ?? 'auto', actions, { sessionId, messageId });
  let streamed = '';
  const started = Date.now();
  let firstTokenAt = 0;
  let gen: ChatTurnResult;
  try {
    gen = await engine.generate({
      sessionId,
      systemPrompt: prompt.systemPrompt,
      history: prompt.history,
      user: prompt.user,
      maxTokens: prompt.maxAnswerTokens,
      temperature: 0.2,
      signal,
      ...(called ? { functions: called.functions } : {}),
      onToken: (t) => {
        if (!firstTokenAt) firstTokenAt = Date.now();
        streamed += t;
        deps.onDelta(t);
      }
    });
  } catch (e) {
    // Engines may throw on abort instead of returning stopReason 'abort': keep what streamed.
    if (!signal.aborted) throw e;
    const totalMs = Date.now() - started;
    gen = {
      text: streamed,
      stopReason: 'abort',
      metrics: {
        promptTokens: prompt.promptTokens,
        evaluatedPromptTokens: 0,
        generatedTokens: engine.countTokens(streamed),
        ttftMs: firstTokenAt ? firstTokenAt - started : totalMs,
        tokensPerSecond: 0,
        totalMs
      }
    };
  }
  const mapped = mapCitations(gen.text, prompt.passages, revisionOf);
  return {
    ...base,
    text: mapped.text,
    mode: 'answer',
    sources: mapped.sources,
    related: mapped.related,
    stopReason: gen.stopReason,
    modelId: engine.modelId(),
    metrics: gen.metrics,
    ...(called?.recorded.length ? { actions: called.recorded } : {}),
    // An answer resting on no cited passage is flagged (in the app and in exports), not hidden.
    ...(mapped.sources.length === 0 && mapped.text.trim() && !isRefusal({ role: 'assistant', mode: 'answer', text: mapped.text }) ? { uncited: true } : {})
  };
}

/** The standalone query of the latest answered turn (it already carries older entities). */
function lastQuery(earlier: ChatMessage[]): string | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const m = earlier[i];
    if (m.role === 'assistant' && m.query) return m.query;
    if (m.role === 'user') return m.text;
  }
  return undefined;
}

/**
 * History for the model: question/answer pairs the model actually answered. Templated turns
 * (not_found, search_only) are left out — they are long lists the model would learn to imitate.
 */
function historyFor(earlier: ChatMessage[]): Array<{ role: 'user' | 'assistant'; text: string }> {
  const out: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  for (let i = 0; i < earlier.length; i++) {
    const q = earlier[i];
    const a = earlier[i + 1];
    if (q.role === 'user' && a?.role === 'assistant' && a.mode === 'answer' && a.text.trim()) {
      out.push({ role: 'user', text: q.text }, { role: 'assistant', text: a.text });
      i++;
    }
  }
  return out;
}

async function revisions(docs: DocumentInfoPort | undefined, passages: RetrievedPassage[]): Promise<(docId: string) => string> {
  const map = new Map<string, string>();
  if (docs) {
    for (const id of new Set(passages.map((p) => p.docId))) {
      try {
        map.set(id, (await docs.documentInfo(id))?.revision ?? '');
      } catch {
        map.set(id, '');
      }
    }
  }
  return (id) => map.get(id) ?? '';
}
