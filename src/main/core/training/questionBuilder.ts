import type { TrainingCitation, TrainingQuestion } from '../../../shared/contract/training';
import { answersMatch } from './answerMatch';
import type { Candidate, TermType } from './passages';
import type { QuestionKey } from './trainingStore';

/**
 * Deterministic questions (no model): one candidate passage per question, chosen by a seeded
 * generator so an attempt is reproducible, harder as the attempt goes on — a term (definition),
 * then a value or table cell, then the order of procedure steps — falling back to whatever the
 * section offers when it lacks a kind (a section without steps still gets three questions).
 */

export const BLANK = '____';

import type { Rng } from '../platform/seededRng';

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pick = <T>(xs: readonly T[], rng: Rng): T => xs[Math.floor(rng() * xs.length) % xs.length];

function shuffle<T>(xs: readonly T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const LEVELS = ['definition', 'value', 'procedure'] as const;

/** Candidate groups to try for question n (1-based), most fitting first. */
function preference(n: number, cs: Candidate[]): Candidate[][] {
  const by = (f: (c: Candidate) => boolean) => cs.filter(f);
  const defs = [by((c) => c.level === 'definition' && !!c.definitional), by((c) => c.level === 'definition')];
  const values = [by((c) => c.kind === 'table'), by((c) => c.kind === 'blank' && c.level === 'value')];
  const steps = [by((c) => c.kind === 'order')];
  const order = n <= 1 ? [...defs, ...values, ...steps] : n === 2 ? [...values, ...defs, ...steps] : [...steps, ...values, ...defs];
  return order.filter((g) => g.length > 0);
}

export interface BuiltQuestion {
  question: Omit<TrainingQuestion, 'answer'>;
  key: QuestionKey;
  candidate: Candidate;
}

export interface BuildContext {
  docId: string;
  docTitle: string;
  pageText(page: number): string;
  /** Terms/values of the whole manual by type (multiple-choice distractors). */
  pool: Map<TermType, string[]>;
}

const sameStart = (a: Candidate, b: { page: number; start: number }) => a.page === b.page && a.start === b.start;

/** Question n of an attempt from the topic's candidates, skipping passages already asked. */
export function buildQuestion(n: number, candidates: Candidate[], used: Array<{ page: number; start: number }>, ctx: BuildContext, rng: Rng): BuiltQuestion | undefined {
  const fresh = candidates.filter((c) => !used.some((u) => sameStart(c, u)));
  const groups = preference(n, fresh);
  if (!groups.length) return undefined;
  const c = pick(groups[0], rng);
  return { ...render(n, c, ctx, rng), candidate: c };
}

export function citationOf(c: Pick<Candidate, 'page' | 'pageLabel' | 'start' | 'end'>, ctx: Pick<BuildContext, 'docId' | 'docTitle' | 'pageText'>): TrainingCitation {
  return { docId: ctx.docId, docTitle: ctx.docTitle, page: c.page, pageLabel: c.pageLabel, quote: ctx.pageText(c.page).slice(c.start, c.end), charStart: c.start, charEnd: c.end };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function render(n: number, c: Candidate, ctx: BuildContext, rng: Rng): Omit<BuiltQuestion, 'candidate'> {
  const text = ctx.pageText(c.page);
  const citation = citationOf(c, ctx);
  const level = LEVELS[Math.min(n, 3) - 1];
  const base = { n, level, citation, expectedPoints: [] as string[] };
  const accepted = [oneLine(c.hidden.value)];
  if (c.kind === 'order') {
    const lead = oneLine(text.slice(c.start, c.hidden.start)).replace(/\s*\d{1,2}[.)]$/, '');
    const { choices, index } = choicesWith(accepted[0], c.siblings, rng);
    const prompt = `In the procedure on page ${c.pageLabel}, which step comes right after "${lead}"?`;
    return { question: { ...base, kind: 'order', prompt, cloze: `${lead} ${BLANK}`, choices }, key: { accepted, choiceIndex: index } };
  }
  const cloze = oneLine(text.slice(c.start, c.hidden.start) + BLANK + text.slice(c.hidden.end, c.end));
  if (c.kind === 'table') {
    const prompt = `Complete the table row on page ${c.pageLabel} (columns: ${oneLine(c.header)}): ${cloze}`;
    return { question: { ...base, kind: 'table', prompt, cloze, choices: [] }, key: { accepted } };
  }
  // The first question is multiple choice when the manual has enough terms of the same type.
  const distractors = (ctx.pool.get(c.hidden.type) ?? []).filter((t) => !answersMatch(t, accepted[0]));
  if (n === 1 && distractors.length >= 3) {
    const { choices, index } = choicesWith(accepted[0], distractors, rng);
    const prompt = `Which ${c.hidden.type.startsWith('number') ? 'value' : 'term'} completes this passage from page ${c.pageLabel}? "${cloze}"`;
    return { question: { ...base, kind: 'choice', prompt, cloze, choices }, key: { accepted, choiceIndex: index } };
  }
  const prompt = `Fill in the blank (page ${c.pageLabel}): "${cloze}"`;
  return { question: { ...base, kind: 'blank', prompt, cloze, choices: [] }, key: { accepted } };
}

/** The right answer among up to three others (no two alike), in a seeded order. */
function choicesWith(right: string, others: readonly string[], rng: Rng): { choices: string[]; index: number } {
  const picked: string[] = [];
  for (const o of shuffle(others, rng)) {
    if (picked.length >= 3) break;
    if (!answersMatch(o, right) && !picked.some((p) => answersMatch(p, o))) picked.push(o);
  }
  const choices = shuffle([right, ...picked], rng);
  return { choices, index: choices.indexOf(right) };
}
