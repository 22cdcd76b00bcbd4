// Types only: the CLI loads this module without node-llama-cpp for commands that need no model.
import type { ChatHistoryItem, ChatModelFunctionCall, ChatSessionModelFunctions, ChatWrapper, LlamaChat, LLamaChatGenerateResponseOptions } from 'node-llama-cpp';

/** How a loaded chat model calls functions: its own trained format, node-llama-cpp's generic one only, or not at all. */
export type FunctionCalling = 'native' | 'generic' | 'none';

/** Rounds of calls in one answer; the round after the last offers no functions, so a model that keeps calling still ends in text. */
const MAX_CALL_ROUNDS = 3;

type RoundOptions = Pick<LLamaChatGenerateResponseOptions, 'temperature' | 'seed' | 'signal' | 'stopOnAbortSignal' | 'onToken' | 'onTextChunk'> & { maxTokens: number };

/**
 * One answer on a LlamaChat, with function calling: node-llama-cpp stops a generation when the
 * model has made a call (its grammar keeps the call's name and parameters inside the function's
 * schema); the handler runs, the call and its result join the model's response, and generation
 * continues — LlamaChatSession's loop, kept here because the engine drives LlamaChat directly to
 * reuse each session's KV cache. `maxTokens` is one budget for all rounds together.
 */
export async function runFunctionRounds(
  chat: LlamaChat,
  items: ChatHistoryItem[],
  functions: ChatSessionModelFunctions | undefined,
  opts: RoundOptions
): Promise<{ text: string; stopReason: 'eos' | 'maxTokens' | 'abort' }> {
  let history = items;
  let window: ChatHistoryItem[] | undefined;
  let text = '';
  let remaining = opts.maxTokens;
  for (let round = 0; ; round++) {
    const offer = functions && Object.keys(functions).length && round < MAX_CALL_ROUNDS ? functions : undefined;
    const before = chat.sequence.tokenMeter.usedOutputTokens;
    const res = await chat.generateResponse(history, {
      ...opts,
      maxTokens: remaining,
      ...(offer ? { functions: offer, documentFunctionParams: true } : {}),
      ...(window ? { lastEvaluationContextWindow: { history: window } } : {})
    });
    text += res.response;
    remaining -= chat.sequence.tokenMeter.usedOutputTokens - before;
    const reason = res.metadata.stopReason;
    const calls = res.functionCalls ?? [];
    if (!offer || reason !== 'functionCalls' || calls.length === 0) {
      // A model that was offered functions may still try a call in the round without them; that
      // comes out as raw call syntax, which is no answer.
      if (functions && Object.keys(functions).length) text = withoutUnparsedCall(text, callPrefixes(chat.chatWrapper));
      return { text, stopReason: reason === 'maxTokens' ? 'maxTokens' : reason === 'abort' ? 'abort' : 'eos' };
    }
    history = res.lastEvaluation.cleanHistory;
    window = res.lastEvaluation.contextWindow;
    for (const call of calls) {
      const fn = offer[call.functionName];
      // The grammar only lets the model name offered functions; a missing one is answered, not thrown.
      const result: unknown = fn ? await fn.handler(call.params) : `There is no function “${call.functionName}”.`;
      const item: ChatModelFunctionCall = { type: 'functionCall', name: call.functionName, description: fn?.description, params: call.params, result, rawCall: call.raw };
      history = withCall(history, item);
      window = withCall(window, item);
    }
    if (remaining <= 0 || opts.signal?.aborted) return { text, stopReason: opts.signal?.aborted ? 'abort' : 'maxTokens' };
  }
}

/** The history with the call appended to its last model response (as LlamaChatSession does). */
function withCall(history: ChatHistoryItem[], call: ChatModelFunctionCall): ChatHistoryItem[] {
  const out = history.slice();
  const last = out.at(-1);
  if (last?.type === 'model') out[out.length - 1] = { ...last, response: [...last.response, call] };
  else out.push({ type: 'model', response: [call] });
  return out;
}

/** The text a wrapper starts a function call (or a section of calls) with, e.g. `||call:` or `<tool_call>`. */
export function callPrefixes(wrapper: ChatWrapper): string[] {
  const fns = wrapper.settings.functions;
  const raw = [fns.call.prefix, fns.parallelism?.call.sectionPrefix, ...(fns.parallelism?.call.sectionPrefixAlternateMatches ?? [])];
  return raw
    .filter((p): p is NonNullable<typeof p> => p != null)
    .map((p) => (typeof p === 'string' ? p : p.toString()).trim())
    // A one- or two-character prefix would cut ordinary text.
    .filter((p) => p.length >= 3);
}

/** The text before the first call prefix, trimmed; the text itself when it holds no call. */
export function withoutUnparsedCall(text: string, prefixes: string[]): string {
  const at = Math.min(...prefixes.map((p) => text.indexOf(p)).filter((i) => i >= 0));
  return Number.isFinite(at) ? text.slice(0, at).trimEnd() : text;
}
