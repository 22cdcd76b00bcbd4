import type { ChatSessionModelFunctions, GbnfJsonSchema, Llama, LlamaContextSequence } from 'node-llama-cpp';
import { llamaBindings } from '../models/llamaBindings';
import { z } from 'zod';
import { actionName, type ActionName, type ActionOutcome } from '../../../shared/contract/actions';
import type { MessageAction } from '../../../shared/contract/sessions';
import { ACTIONS } from './actionCatalog';

/** What the model's call goes through: ActionService.propose with the caller's context, session filled in. */
export type ProposeAction = (name: string, args: Record<string, unknown>) => Promise<ActionOutcome>;

/** What the model is told back: the result, that the user must confirm first, or why it was refused. */
export function replyToModel(o: ActionOutcome): unknown {
  if (o.status === 'done') return o.result;
  if (o.status === 'confirm') return `Proposed to the user, waiting for confirmation: ${o.summary}`;
  return `Refused: ${o.reason}`;
}

/**
 * An action's arguments as the JSON-schema subset node-llama-cpp turns into a grammar. Built from
 * the same zod schema that checks them (so a model is never told something the check refuses);
 * bounds the grammar cannot express are still enforced by the check.
 */
export function actionParams(name: ActionName): GbnfJsonSchema {
  const json = z.toJSONSchema(ACTIONS[name].args, { io: 'input' }) as Record<string, unknown>;
  return keepGrammarSubset(json) as GbnfJsonSchema;
}

function keepGrammarSubset(s: unknown): unknown {
  if (!s || typeof s !== 'object') return s;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ['type', 'enum', 'const', 'description', 'minLength', 'maxLength', 'required']) if (k in src) out[k] = src[k];
  if (src.type === 'integer' || src.type === 'number') out.type = src.type;
  if (src.properties) out.properties = Object.fromEntries(Object.entries(src.properties as Record<string, unknown>).map(([k, v]) => [k, keepGrammarSubset(v)]));
  if (src.items) out.items = keepGrammarSubset(src.items);
  return out;
}

/**
 * The actions as node-llama-cpp chat-session functions, for chat models that call functions:
 * every call goes through `propose`, so roles, argument checks and confirmation apply exactly as
 * for a slash command. `onOutcome` hands proposals (confirm cards) and results to the caller.
 */
export function actionFunctions(propose: ProposeAction, onOutcome: (o: ActionOutcome) => void): ChatSessionModelFunctions {
  const fns: Record<string, unknown> = {};
  for (const name of actionName.options) {
    // Built as the plain object defineChatSessionFunction returns: its generics need a literal schema type.
    fns[name] = {
      description: ACTIONS[name].description,
      params: actionParams(name),
      async handler(params: unknown) {
        const o = await propose(name, (params ?? {}) as Record<string, unknown>);
        onOutcome(o);
        return replyToModel(o);
      }
    };
  }
  return fns as ChatSessionModelFunctions;
}

/** Ids a chat turn fills in itself: the model never chooses which session or answer an action is about. */
const TURN_FILLED = ['sessionId', 'messageId'];
/** Calls one answer may make; a model that loops on calls is told to answer instead. */
export const MAX_ACTIONS_PER_TURN = 4;

/** The parameters the model is shown in a chat turn: the action's own, minus the ids the turn fills. */
export function turnParams(name: ActionName): GbnfJsonSchema {
  const full = actionParams(name) as { properties?: Record<string, unknown>; required?: string[] };
  const properties = Object.fromEntries(Object.entries(full.properties ?? {}).filter(([k]) => !TURN_FILLED.includes(k)));
  const required = (full.required ?? []).filter((k) => !TURN_FILLED.includes(k));
  const out: Record<string, unknown> = { ...full, properties };
  if (required.length) out.required = required;
  else delete out.required;
  return out as GbnfJsonSchema;
}

/** How an outcome is kept on the answer (and shown in the transcript). */
export function toMessageAction(o: ActionOutcome): MessageAction {
  if (o.status === 'confirm') return { name: o.name, status: 'confirm', text: o.summary, proposalId: o.proposalId };
  if (o.status === 'refused') return { name: o.name, status: 'refused', text: o.reason };
  const open = o.name === 'open_page' ? (o.result as { docId: string; page: number }) : undefined;
  return { name: o.name, status: 'done', text: o.summary, ...(open ? { open: { docId: open.docId, page: open.page } } : {}) };
}

/**
 * The actions as functions for one chat turn of one caller. Each call: arguments outside the
 * shown schema are refused; the session (and, to escalate, this answer) are filled in by the
 * turn; the call goes through `propose` (role, strict schema, confirmation); the outcome is
 * recorded on the answer and told back to the model. A repeated identical call gets the first
 * call's reply instead of a second card.
 */
export function turnFunctions(propose: ProposeAction, turn: { sessionId: string; messageId: string }, record: (a: MessageAction) => void): ChatSessionModelFunctions {
  const replies = new Map<string, unknown>();
  const fns: Record<string, unknown> = {};
  for (const name of actionName.options) {
    const params = turnParams(name);
    const allowed = Object.keys((params as { properties?: object }).properties ?? {});
    fns[name] = {
      description: ACTIONS[name].description,
      params,
      async handler(raw: unknown) {
        const args = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
        const key = `${name} ${JSON.stringify(args)}`;
        if (replies.has(key)) return replies.get(key);
        let o: ActionOutcome;
        const extra = Object.keys(args).filter((k) => !allowed.includes(k));
        if (extra.length) o = { status: 'refused', name, reason: `The arguments do not fit ${name}: unknown “${extra[0].slice(0, 40)}”.` };
        else if (replies.size >= MAX_ACTIONS_PER_TURN) o = { status: 'refused', name, reason: `At most ${MAX_ACTIONS_PER_TURN} actions per answer; answer the question now.` };
        else {
          const shape = Object.keys((actionParams(name) as { properties?: object }).properties ?? {});
          const filled = { ...args, ...(shape.includes('sessionId') ? { sessionId: turn.sessionId } : {}), ...(shape.includes('messageId') ? { messageId: turn.messageId } : {}) };
          o = await propose(name, filled);
        }
        record(toMessageAction(o));
        const reply = replyToModel(o);
        replies.set(key, reply);
        return reply;
      }
    };
  }
  return fns as ChatSessionModelFunctions;
}

/**
 * One action call the model is forced to make: a JSON-schema grammar restricts its answer to
 * `{"name": …, "args": {…}}` (the schema may pin the name or the argument values), and whatever
 * it produced is then proposed like any other call — so a forced call still meets the role,
 * argument and confirmation checks. Used for models without native function calling, and in tests.
 */
export async function forcedActionCall(
  llama: Llama,
  sequence: LlamaContextSequence,
  prompt: string,
  schema: GbnfJsonSchema,
  propose: ProposeAction
): Promise<{ raw: string; outcome: ActionOutcome }> {
  // The schema is built at run time, so its literal type cannot drive node-llama-cpp's generics.
  const grammar = await (llama.createGrammarForJsonSchema as (s: GbnfJsonSchema) => ReturnType<Llama['createGrammarForJsonSchema']>)(schema);
  // A fresh conversation on a reused sequence: the forced call must not continue an earlier one.
  await sequence.clearHistory();
  // Loaded on use: chat turns import this module, and a CLI `docs` must not load node-llama-cpp.
  const { LlamaChatSession } = await llamaBindings();
  const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    const raw = await session.prompt(prompt, { grammar, maxTokens: 256, temperature: 0 });
    const call = grammar.parse(raw) as unknown as { name?: unknown; args?: unknown } | undefined;
    const args = call?.args && typeof call.args === 'object' ? (call.args as Record<string, unknown>) : {};
    return { raw, outcome: await propose(String(call?.name ?? ''), args) };
  } finally {
    session.dispose({ disposeSequence: false });
  }
}
