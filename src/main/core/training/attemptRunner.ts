import type { TopicVersion, TrainingQuestion } from '../../../shared/contract/training';
import type { Logger } from '../platform/logger';
import { answersMatch, choiceMatches } from './answerMatch';
import { DEFAULT_LIMITS, gradePrompt, gradeSchema, MODEL_MAX_TOKENS, parseGrade, parseQuestion, questionPrompt, questionSchema, type ModelLimits, type StructuredEnginePort } from './modelQuestions';
import { pageCandidates, termPool, type Candidate, type PageText } from './passages';
import { buildQuestion, citationOf, LEVELS, type BuildContext } from './questionBuilder';
import { seededRng } from '../platform/seededRng';
import type { QuestionKey, StoredAttempt } from './trainingStore';

/** The topic's material: its pages (questions come only from these) and the manual's term pool. */
export interface TopicMaterial {
  topic: TopicVersion;
  pages: PageText[];
  /** Pages around the topic, for multiple-choice distractors of the same type. */
  manualPages: PageText[];
}

export const QUESTIONS_PER_ATTEMPT = 3;
export const NEEDED = 2;

/**
 * Runs an attempt: builds question n (model-written when a model is given and its output parses,
 * otherwise deterministic), grades answers (the model's grammar-constrained verdict, or the
 * normalised match), and decides the result at 2 correct or 2 wrong.
 */
export class AttemptRunner {
  constructor(
    private readonly logger: Logger,
    private readonly maxTokens = MODEL_MAX_TOKENS,
    private readonly limits: ModelLimits = DEFAULT_LIMITS
  ) {}

  private context(m: TopicMaterial): BuildContext & { candidates: Candidate[] } {
    const byPage = new Map(m.pages.map((p) => [p.page, p.text]));
    return {
      docId: m.topic.docId,
      docTitle: m.topic.docTitle,
      pageText: (page) => byPage.get(page) ?? '',
      pool: termPool(m.manualPages.length ? m.manualPages : m.pages),
      candidates: m.pages.filter((p) => p.page >= m.topic.pageFrom && p.page <= m.topic.pageTo).flatMap(pageCandidates)
    };
  }

  /** Appends the next question to `a` (in place). False when the section offers no more passages. */
  async nextQuestion(a: StoredAttempt, m: TopicMaterial, engine: StructuredEnginePort | undefined): Promise<boolean> {
    const ctx = this.context(m);
    const n = a.questions.length + 1;
    const used = a.questions.map((q) => ({ page: q.citation.page, start: q.citation.charStart }));
    // A short section may run out of fresh passages: then a passage may be asked about again.
    const built = buildQuestion(n, ctx.candidates, used, ctx, seededRng(a.seed + n)) ?? buildQuestion(n, ctx.candidates, [], ctx, seededRng(a.seed + n));
    if (!built) return false;
    let question: Omit<TrainingQuestion, 'answer'> = built.question;
    const key: QuestionKey = built.key;
    if (engine) {
      const level = LEVELS[Math.min(n, 3) - 1];
      // The model sees the whole passage (the deterministic key is what the fallback grader uses).
      const citation = citationOf({ ...built.candidate }, ctx);
      const raw = await engine.completeJson(questionPrompt(citation, level, m.topic), questionSchema(this.limits), { maxTokens: this.maxTokens }).catch((e: unknown) => {
        this.logger.warn('training question generation failed', { error: e });
        return '';
      });
      const parsed = parseQuestion(raw);
      if (parsed) question = { n, level, kind: 'model', prompt: parsed.question, cloze: '', choices: [], expectedPoints: parsed.expectedPoints, citation };
      else this.logger.info('model question did not parse; deterministic question used', { attempt: a.id, n });
    }
    a.questions.push(question);
    a.keys.push(key);
    return true;
  }

  /** Grades the open question (in place) and settles the attempt when it is decided. */
  async grade(a: StoredAttempt, answer: string, engine: StructuredEnginePort | undefined, at: string): Promise<void> {
    const i = a.questions.findIndex((q) => !q.answer);
    const q = a.questions[i];
    const key = a.keys[i];
    const expected = key.choiceIndex !== undefined ? `${String.fromCharCode(65 + key.choiceIndex)}) ${q.choices[key.choiceIndex]}` : key.accepted[0];
    let verdict: 'correct' | 'wrong';
    let explanation: string;
    let grader: 'deterministic' | 'model' | 'fallback' = 'deterministic';
    const deterministic = (): boolean =>
      key.choiceIndex !== undefined && q.kind !== 'model'
        ? choiceMatches(answer, q.choices, key.choiceIndex)
        : [...key.accepted, ...(q.kind === 'model' ? q.expectedPoints : [])].some((k) => answersMatch(answer, k));
    if (q.kind === 'model' && engine) {
      const raw = await engine.completeJson(gradePrompt(q.citation, q.prompt, q.expectedPoints, answer), gradeSchema(this.limits), { maxTokens: this.maxTokens }).catch(() => '');
      const g = parseGrade(raw);
      if (g) {
        grader = 'model';
        verdict = g.verdict;
        explanation = g.explanation;
      } else {
        grader = 'fallback';
        verdict = deterministic() ? 'correct' : 'wrong';
        explanation = `The model's verdict could not be read; graded by matching the passage's key term ("${key.accepted[0]}").`;
      }
    } else {
      verdict = deterministic() ? 'correct' : 'wrong';
      explanation = verdict === 'correct' ? `Matches page ${q.citation.pageLabel}.` : `Page ${q.citation.pageLabel} says: ${expected}.`;
    }
    q.answer = { text: answer, at, verdict, explanation, grader, expected };
    if (verdict === 'correct') a.correct++;
    else a.wrong++;
    a.updatedAt = at;
    if (a.correct >= NEEDED) a.status = 'passed';
    else if (a.wrong >= NEEDED) a.status = 'failed';
    if (a.status === 'failed') a.reread = rereadPages(a);
  }
}

/** Pages to re-read after a failed attempt: those the wrong answers cite, then the other cited ones. */
export function rereadPages(a: Pick<StoredAttempt, 'questions'>): number[] {
  const wrong = a.questions.filter((q) => q.answer?.verdict === 'wrong').map((q) => q.citation.page);
  const rest = a.questions.map((q) => q.citation.page);
  return [...new Set([...wrong, ...rest])];
}
