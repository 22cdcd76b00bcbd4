import type { ChatHistoryItem, ChatSessionModelFunctions, GbnfJsonSchema, LlamaChat, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { llamaBindings } from './llamaBindings';
import { AppError, isAbortError } from '../platform/errors';
import { runFunctionRounds, type FunctionCalling } from './functionRounds';


export interface ChatTurnRequest {
  sessionId: string; // one context sequence per chat session -> KV cache reuse across turns
  systemPrompt: string;
  history: Array<{ role: 'user' | 'assistant'; text: string }>; // earlier turns, oldest first, as sent before
  user: string; // new user message (the chat layer already put retrieved passages in it)
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  signal?: AbortSignal;
  onToken?: (text: string) => void;
  /**
   * Functions the model may call during this turn (node-llama-cpp chat-session functions; their
   * handlers run between generation rounds and their results go back to the model).
   */
  functions?: ChatSessionModelFunctions;
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
  /** History turns dropped (oldest first) to fit the context window; 0 normally. */
  droppedHistoryTurns?: number;
}
export interface ChatEngine {
  isLoaded(): boolean;
  modelId(): string | null;
  contextSize(): number;
  countTokens(text: string): number; // for the chat layer's context budget
  generate(req: ChatTurnRequest): Promise<ChatTurnResult>; // throws AppError('MODEL_NOT_LOADED') when none
  complete(prompt: string, opts?: { maxTokens?: number; signal?: AbortSignal }): Promise<string>; // short utility generations (query rewrite)
  dropSession(sessionId: string): void;
  /** How the loaded model calls functions (absent: it does not). */
  functionCalling?(): FunctionCalling;
}

interface SequenceSlot {
  sequence: LlamaContextSequence;
  chat: LlamaChat;
  sessionId: string | null;
  lastUsed: number;
  /** Turns on one sequence run one after another. */
  queue: Promise<unknown>;
}

interface Attached {
  /** Aborted on detach so an unload never waits for a long answer to finish. */
  detaching: AbortController;
  modelId: string;
  model: LlamaModel;
  context: LlamaContext;
  utility: SequenceSlot;
  sessions: SequenceSlot[];
  functionCalling: FunctionCalling;
}

const DEFAULT_MAX_TOKENS = 512;
/** Per-message template overhead (role markers, newlines) assumed when budgeting. */
const TURN_OVERHEAD_TOKENS = 8;
const UTILITY_SESSION = '\u0000utility';

/**
 * The chat model behind a small, stable interface. Each chat session is pinned to one context
 * sequence of a shared LlamaContext: LlamaChat compares the new prompt's tokens with what the
 * sequence already holds and evaluates only the differing tail, so a follow-up turn costs the
 * new user message, not the whole conversation. Sequences are a bounded LRU: a session that
 * lost its sequence just re-evaluates its history once. One sequence is reserved for `complete`
 * so a query rewrite never evicts a conversation's cache.
 */
export class LlamaChatEngine implements ChatEngine {
  private attached: Attached | null = null;
  private clock = 0;

  /** Async only because node-llama-cpp's LlamaChat class is loaded lazily (llamaBindings.ts). */
  async attach(modelId: string, model: LlamaModel, context: LlamaContext): Promise<void> {
    if (context.totalSequences < 2) throw new Error('chat context needs at least 2 sequences');
    const { LlamaChat, ChatWrapper } = await llamaBindings();
    const slot = (): SequenceSlot => {
      const sequence = context.getSequence();
      return { sequence, chat: new LlamaChat({ contextSequence: sequence }), sessionId: null, lastUsed: 0, queue: Promise.resolve() };
    };
    const utility = slot();
    utility.sessionId = UTILITY_SESSION;
    const sessions = Array.from({ length: context.totalSequences - 1 }, slot);
    // A wrapper that keeps node-llama-cpp's default call syntax has no format of its own: the
    // model was never trained on it (ChatML, General, Alpaca…); Qwen, Llama 3.x, Mistral… have one.
    const call = utility.chat.chatWrapper.settings.functions?.call;
    const generic = JSON.stringify(ChatWrapper.defaultSettings.functions.call.prefix);
    const functionCalling: FunctionCalling = !call ? 'none' : JSON.stringify(call.prefix) === generic ? 'generic' : 'native';
    this.attached = { detaching: new AbortController(), modelId, model, context, utility, sessions, functionCalling };
  }

  functionCalling(): FunctionCalling {
    return this.attached?.functionCalling ?? 'none';
  }

  /** Forgets the model (the loader disposes it); waits for running turns to settle first. */
  async detach(): Promise<void> {
    const a = this.attached;
    this.attached = null;
    if (!a) return;
    a.detaching.abort();
    await Promise.allSettled([a.utility, ...a.sessions].map((s) => s.queue));
    for (const s of [a.utility, ...a.sessions]) s.chat.dispose({ disposeSequence: true });
  }

  isLoaded(): boolean {
    return this.attached !== null;
  }
  modelId(): string | null {
    return this.attached?.modelId ?? null;
  }
  contextSize(): number {
    return this.attached?.context.contextSize ?? 0;
  }
  countTokens(text: string): number {
    const a = this.attached;
    if (!a) throw new AppError('MODEL_NOT_LOADED', 'No chat model is loaded.');
    return a.model.tokenize(text, false).length;
  }

  /** Sessions currently holding a sequence (oldest first) — for diagnostics and tests. */
  warmSessions(): string[] {
    return [...(this.attached?.sessions ?? [])].filter((s) => s.sessionId).sort((x, y) => x.lastUsed - y.lastUsed).map((s) => s.sessionId!);
  }

  generate(req: ChatTurnRequest): Promise<ChatTurnResult> {
    const a = this.requireLoaded();
    const slot = this.acquire(a, req.sessionId);
    const signal = req.signal ? AbortSignal.any([req.signal, a.detaching.signal]) : a.detaching.signal;
    return this.enqueue(slot, () => this.generateOn(slot, { ...req, signal }));
  }

  async complete(prompt: string, opts: { maxTokens?: number; signal?: AbortSignal } = {}): Promise<string> {
    const a = this.requireLoaded();
    const res = await this.enqueue(a.utility, () =>
      this.generateOn(a.utility, {
        sessionId: UTILITY_SESSION,
        systemPrompt: '',
        history: [],
        user: prompt,
        maxTokens: opts.maxTokens ?? 96,
        temperature: 0,
        signal: opts.signal ? AbortSignal.any([opts.signal, a.detaching.signal]) : a.detaching.signal
      })
    );
    return res.text.trim();
  }

  /**
   * One generation constrained by a JSON schema grammar (training questions and grading). Runs on
   * the utility sequence from a clean history, so it never evicts a chat session's cache. Returns
   * the raw text: a budget cut can still leave incomplete JSON, which the caller must handle.
   */
  async completeJson(prompt: string, schema: object, opts: { maxTokens?: number; signal?: AbortSignal } = {}): Promise<string> {
    const a = this.requireLoaded();
    // The schema is the caller's plain object; the typed overload only serves literal schemas.
    const createGrammar = a.model.llama.createGrammarForJsonSchema.bind(a.model.llama) as (s: GbnfJsonSchema) => Promise<LlamaGrammar>;
    const grammar = await createGrammar(schema as GbnfJsonSchema);
    const signal = opts.signal ? AbortSignal.any([opts.signal, a.detaching.signal]) : a.detaching.signal;
    return this.enqueue(a.utility, async () => {
      const res = await a.utility.chat.generateResponse([{ type: 'user', text: prompt }, { type: 'model', response: [] }], {
        grammar,
        maxTokens: opts.maxTokens ?? 256,
        temperature: 0,
        signal,
        stopOnAbortSignal: true
      });
      return res.response;
    });
  }

  dropSession(sessionId: string): void {
    const slot = this.attached?.sessions.find((s) => s.sessionId === sessionId);
    if (!slot) return;
    slot.sessionId = null;
    slot.lastUsed = 0;
    void this.enqueue(slot, () => slot.sequence.clearHistory());
  }

  private requireLoaded(): Attached {
    if (!this.attached) throw new AppError('MODEL_NOT_LOADED', 'No chat model is loaded. Load one under Models.');
    return this.attached;
  }

  /** The session's own sequence, else a free one, else the least recently used (evicted). */
  private acquire(a: Attached, sessionId: string): SequenceSlot {
    let slot = a.sessions.find((s) => s.sessionId === sessionId);
    if (!slot) {
      slot = a.sessions.find((s) => s.sessionId === null) ?? [...a.sessions].sort((x, y) => x.lastUsed - y.lastUsed)[0];
      slot.sessionId = sessionId;
    }
    slot.lastUsed = ++this.clock;
    return slot;
  }

  private enqueue<T>(slot: SequenceSlot, fn: () => Promise<T>): Promise<T> {
    const run = slot.queue.then(fn, fn);
    slot.queue = run.catch(() => {});
    return run;
  }

  /**
   * Fits system + history + user + answer into the sequence's window by dropping the oldest
   * history turns (the chat layer budgets passages itself; this is the safety net).
   */
  private budget(req: ChatTurnRequest, contextSize: number): { history: ChatTurnRequest['history']; maxTokens: number; dropped: number } {
    const count = (t: string): number => this.countTokens(t) + TURN_OVERHEAD_TOKENS;
    let maxTokens = Math.max(1, req.maxTokens ?? DEFAULT_MAX_TOKENS);
    // The functions are documented in the system message: count their descriptions and schemas.
    const docs = req.functions ? count(JSON.stringify(Object.entries(req.functions).map(([n, f]) => [n, f.description, f.params]))) : 0;
    const fixed = count(req.systemPrompt) + count(req.user) + docs;
    const history = [...req.history];
    let used = fixed + history.reduce((n, h) => n + count(h.text), 0);
    let dropped = 0;
    while (history.length > 0 && used + maxTokens > contextSize) {
      used -= count(history.shift()!.text);
      dropped++;
    }
    // Still too long: shorten the answer rather than fail; LlamaChat's context shift covers the rest.
    if (used + maxTokens > contextSize) maxTokens = Math.max(16, contextSize - used);
    return { history, maxTokens, dropped };
  }

  private async generateOn(slot: SequenceSlot, req: ChatTurnRequest): Promise<ChatTurnResult> {
    const started = performance.now();
    const seq = slot.sequence;
    const { history, maxTokens, dropped } = this.budget(req, seq.contextSize);
    const items: ChatHistoryItem[] = [];
    if (req.systemPrompt) items.push({ type: 'system', text: req.systemPrompt });
    for (const h of history) items.push(h.role === 'user' ? { type: 'user', text: h.text } : { type: 'model', response: [h.text] });
    items.push({ type: 'user', text: req.user }, { type: 'model', response: [] });

    const inputBefore = seq.tokenMeter.usedInputTokens;
    const outputBefore = seq.tokenMeter.usedOutputTokens;
    let firstTokenAt = 0;
    let evaluatedPrompt = -1;
    let promptTokens = -1;
    const metricsAtFirstToken = (): void => {
      if (firstTokenAt) return;
      firstTokenAt = performance.now();
      // The whole prompt is in the sequence before the first token is sampled: what the meter
      // counted so far is exactly the prompt tail that was not already cached.
      evaluatedPrompt = seq.tokenMeter.usedInputTokens - inputBefore;
      promptTokens = seq.contextTokens.length;
    };
    let text = '';
    let stopReason: ChatTurnResult['stopReason'] = 'eos';
    try {
      const res = await runFunctionRounds(slot.chat, items, req.functions, {
        maxTokens,
        temperature: req.temperature ?? 0,
        seed: req.seed,
        signal: req.signal,
        stopOnAbortSignal: true,
        onToken: metricsAtFirstToken,
        onTextChunk: (chunk) => req.onToken?.(chunk)
      });
      text = res.text;
      stopReason = res.stopReason;
    } catch (e) {
      if (!(isAbortError(e) || req.signal?.aborted)) throw e;
      stopReason = 'abort';
    }
    const end = performance.now();
    const generatedTokens = seq.tokenMeter.usedOutputTokens - outputBefore;
    if (!firstTokenAt) {
      evaluatedPrompt = seq.tokenMeter.usedInputTokens - inputBefore;
      promptTokens = seq.contextTokens.length;
    }
    const genMs = firstTokenAt ? end - firstTokenAt : 0;
    return {
      text,
      stopReason,
      droppedHistoryTurns: dropped,
      metrics: {
        promptTokens,
        evaluatedPromptTokens: evaluatedPrompt,
        generatedTokens,
        ttftMs: firstTokenAt ? firstTokenAt - started : end - started,
        // The first token's time is TTFT; rate counts the tokens produced after it.
        tokensPerSecond: generatedTokens > 1 && genMs > 0 ? ((generatedTokens - 1) * 1000) / genMs : 0,
        totalMs: end - started
      }
    };
  }
}
