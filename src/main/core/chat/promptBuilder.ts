import { answerLineText } from '../../../shared/answerLine';
import { describeSource } from './citations';
import type { RetrievedPassage } from './ports';

export const SYSTEM_PROMPT = [
  'You are Benchmate, an assistant for equipment service technicians.',
  "Answer ONLY from the numbered manual passages in the user's message; never use outside knowledge.",
  'Cite the passage for every statement with its number in square brackets, like [1] or [2][3].',
  'If the passages do not answer the question, say plainly: "The manuals do not cover this." Do not guess.',
  'Be brief: a few sentences or short numbered steps. Copy fault codes, part numbers and values exactly.'
].join('\n');

export interface PromptInput {
  question: string;
  passages: RetrievedPassage[];
  /** Earlier turns, oldest first (assistant text as stored). */
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
  contextSize: number;
  countTokens(text: string): number;
  revisionOf?(docId: string): string;
  /** Tokens reserved for the answer; default scales with the context (max 512). */
  maxAnswerTokens?: number;
}

export interface BuiltPrompt {
  systemPrompt: string;
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
  user: string;
  /** The passages actually in the prompt, in prompt order ([1] = index 0). */
  passages: RetrievedPassage[];
  maxAnswerTokens: number;
  promptTokens: number;
  droppedHistoryTurns: number;
  droppedPassages: number;
}

/** Per-message overhead of chat templates (role headers, separators); generous on purpose. */
const PER_MESSAGE_OVERHEAD = 12;
const SAFETY_MARGIN = 16;

/**
 * Fits the prompt into the model's context: system instructions and the question are
 * mandatory; then passages in rank order (so [1] is always the best one and numbering has no
 * gaps), truncating the first one if even it does not fit whole; then as much recent history
 * as remains (whole turns, newest first). Answer tokens are reserved up front.
 */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const count = (t: string) => input.countTokens(t);
  const maxAnswerTokens = input.maxAnswerTokens ?? Math.max(64, Math.min(512, Math.floor(input.contextSize / 4)));
  const question = `Question: ${input.question.trim()}`;
  const header = 'Manual passages:\n';
  let budget =
    input.contextSize -
    maxAnswerTokens -
    SAFETY_MARGIN -
    count(SYSTEM_PROMPT) -
    2 * PER_MESSAGE_OVERHEAD -
    count(question) -
    count(header);

  const blocks: string[] = [];
  const used: RetrievedPassage[] = [];
  for (const p of input.passages) {
    const n = used.length + 1;
    const head = `[${n}] ${describeSource({ ...p, revision: input.revisionOf?.(p.docId) ?? '' })}\n`;
    // The answering line first, then its passage for context.
    const keyLine = p.span ? `Answering line: ${answerLineText(p.span)}\n` : '';
    let body = keyLine + p.text.trim();
    let cost = count(head + body + '\n\n');
    if (cost > budget && used.length === 0) {
      // The best passage must be present even in a tiny context: keep its beginning.
      body = truncateToTokens(body, Math.max(0, budget - count(head) - 4), count);
      cost = count(head + body + '\n\n');
    }
    if (cost > budget || !body) break;
    blocks.push(head + body);
    used.push(keyLine + p.text.trim() === body ? p : { ...p, text: body });
    budget -= cost;
  }

  const history: BuiltPrompt['history'] = [];
  let dropped = 0;
  const turns = input.history.map((m) => ({ role: m.role, text: stripMarkers(m.text) }));
  for (let i = turns.length - 1; i >= 0; i--) {
    const cost = count(turns[i].text) + PER_MESSAGE_OVERHEAD;
    if (cost > budget) {
      dropped = i + 1;
      break;
    }
    history.unshift(turns[i]);
    budget -= cost;
  }
  // A history must start with a user turn for most chat templates.
  while (history.length && history[0].role !== 'user') {
    history.shift();
    dropped++;
  }

  const user = used.length
    ? `${header}${blocks.join('\n\n')}\n\n${question}`
    : `${header}(none found)\n\n${question}`;
  return {
    systemPrompt: SYSTEM_PROMPT,
    history,
    user,
    passages: used,
    maxAnswerTokens,
    promptTokens:
      count(SYSTEM_PROMPT) + count(user) + history.reduce((s, h) => s + count(h.text) + PER_MESSAGE_OVERHEAD, 0) + 2 * PER_MESSAGE_OVERHEAD,
    droppedHistoryTurns: dropped,
    droppedPassages: input.passages.length - used.length
  };
}

/** Earlier answers' [n] markers pointed at earlier passages; they would mislead the model now. */
export function stripMarkers(text: string): string {
  return text.replace(/\s*\[\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\s*\]/g, '').trim();
}

/** Binary search on a character cut so the text fits `maxTokens` (tokenizers are not linear). */
export function truncateToTokens(text: string, maxTokens: number, count: (t: string) => number): string {
  if (maxTokens <= 0) return '';
  if (count(text) <= maxTokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(text.slice(0, mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  const cut = text.slice(0, lo);
  const sp = cut.lastIndexOf(' ');
  return (sp > lo * 0.8 ? cut.slice(0, sp) : cut).trimEnd();
}
