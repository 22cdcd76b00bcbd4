import { LlamaChatSession, type ChatSessionModelFunctions, type GbnfJsonSchema, type Llama, type LlamaContextSequence } from 'node-llama-cpp';
import { z } from 'zod';
import { actionName, type ActionName, type ActionOutcome } from '../../../shared/contract/actions';
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
