/**
 * Follow-up questions ("and how do I reset it?") retrieve nothing useful on their own. They are
 * rewritten into a standalone search query: by the chat model when one is loaded (its rewrite
 * is only trusted if it kept the conversation's entities — small models often drift), otherwise
 * by carrying the previous question's entities (identifiers, model names, content nouns).
 */

const STOP = new Set(
  (
    'a an the and or but if then than so to of in on at by for with from into onto about as is are was were be been ' +
    'being do does did doing have has had having i me my we our you your he she it its they them their this that these ' +
    'those there here what which who whom whose when where why how can could should would will shall may might must ' +
    'not no yes also too very just only any some all each every more most other such same own again further once ' +
    'please tell show explain mean means meaning get got make made use used using need needs want like one ones thing things ' +
    'step steps way ways work works happen happens okay ok thanks thank'
  ).split(' ')
);
/** Pronouns that need an antecedent from earlier in the conversation. */
const PRONOUN = /\b(it|its|they|them|their|he|she|him|her)\b/i;
/** Deixis: "that file", "this setting", "the same option", "those values" point back. */
const DEIXIS = /\b(?:this|that|these|those|the same|such|said)\s+(?!(?:is|was|are|were|the|a|an|it|i|you|we|they|my|your|can|will|would|should|has|have|does|do)\b)[a-z][\w-]*/i;
/** "the same", "the other one", "the previous one": bare references. */
const BARE_REFERENCE = /\b(?:the same|the other one|the previous one|the last one|that one|this one|the above)\b/i;
const CONTINUATION = /^\s*(and|but|also|so|then|what about|how about|and what|ok|okay|same for|what if)\b/i;
/** Fault codes, model and part numbers: a token with a digit, optionally letters/dashes around it. */
const IDENT = /\b[A-Za-z]{0,6}[-_]?\d[\w./-]*\b/g;

export function extractIdentifiers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(IDENT)) {
    const t = m[0].trim();
    // Plain small numbers ("2 steps") are not identifiers; "E-204", "X200", "5V", "10.2" are.
    if (/^\d{1,2}$/.test(t)) continue;
    out.add(t);
  }
  return [...out];
}

export function contentWords(text: string): string[] {
  const words = text.replace(IDENT, ' ').match(/[\p{L}][\p{L}'-]{2,}/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (!STOP.has(lw) && !out.some((o) => o.toLowerCase() === lw)) out.push(w);
  }
  return out;
}

/**
 * Whether a question depends on the conversation: it opens with a continuation ("and on the
 * X300?", "what about…"), points back ("that file", "the same"), uses a pronoun with too few
 * words of its own to name the subject, or is too short to stand alone. A self-contained
 * question is searched alone, exactly as in a fresh chat.
 */
export function isFollowUp(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/);
  if (words.length > 20) return false;
  const own = contentWords(t).length + extractIdentifiers(t).length;
  if (CONTINUATION.test(t) && words.length <= 10) return true;
  if (DEIXIS.test(t) || BARE_REFERENCE.test(t)) return true;
  // "how do I reset it?" leans on the earlier subject; "why does the pump stop when it heats up?" does not.
  if (PRONOUN.test(t) && own <= 2) return true;
  return own < 2;
}

/** The entities of the previous question worth carrying: identifiers first, then content words. */
export function carriedEntities(previous: string, current: string, max = 4): string[] {
  const have = current.toLowerCase();
  const out: string[] = [];
  for (const t of [...extractIdentifiers(previous), ...contentWords(previous)]) {
    if (out.length >= max) break;
    if (!have.includes(t.toLowerCase()) && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

export function heuristicRewrite(previousQuery: string | undefined, question: string): string {
  const q = question.trim();
  if (!previousQuery || !isFollowUp(q)) return q;
  const carry = carriedEntities(previousQuery, q);
  return carry.length ? `${q} ${carry.join(' ')}` : q;
}

export interface RewriteResult {
  query: string;
  method: 'none' | 'heuristic' | 'model';
}

export async function rewriteFollowUp(
  previousQuery: string | undefined,
  question: string,
  complete?: (prompt: string) => Promise<string>
): Promise<RewriteResult> {
  const q = question.trim();
  if (!previousQuery || !isFollowUp(q)) return { query: q, method: 'none' };
  const heuristic = heuristicRewrite(previousQuery, q);
  if (complete) {
    try {
      const raw = await complete(rewritePrompt(previousQuery, q));
      const candidate = cleanModelQuery(raw);
      if (candidate && keepsEntities(candidate, previousQuery, q)) return { query: candidate, method: 'model' };
    } catch {
      /* a failing rewrite must never fail the turn: fall back to the heuristic */
    }
  }
  return { query: heuristic, method: 'heuristic' };
}

export function rewritePrompt(previous: string, followUp: string): string {
  return [
    'Rewrite the follow-up question as one standalone search query for equipment manuals.',
    'Keep fault codes, model names and part numbers exactly. Output only the query.',
    '',
    `Previous question: ${previous}`,
    `Follow-up question: ${followUp}`,
    'Standalone query:'
  ].join('\n');
}

function cleanModelQuery(raw: string): string {
  const line = raw.trim().split('\n')[0]?.trim() ?? '';
  const unquoted = line.replace(/^["'`]+|["'`]+$/g, '').replace(/^standalone query:\s*/i, '').trim();
  return unquoted.length >= 3 && unquoted.length <= 300 ? unquoted : '';
}

/** A rewrite must keep the previous turn's identifiers (or, lacking those, one carried noun). */
function keepsEntities(candidate: string, previous: string, followUp: string): boolean {
  const lc = candidate.toLowerCase();
  const ids = extractIdentifiers(previous);
  if (ids.length) return ids.every((id) => lc.includes(id.toLowerCase()));
  const carry = carriedEntities(previous, followUp);
  return carry.length === 0 || carry.some((w) => lc.includes(w.toLowerCase()));
}
