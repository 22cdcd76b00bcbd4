import type { TrainingCitation } from '../../../shared/contract/training';

/**
 * The model path: the chat model writes a question about one cited passage of the topic, then
 * grades the technician's answer against that passage. Both calls are constrained by a JSON
 * schema grammar (node-llama-cpp), with bounded strings so even a poor model ends its object
 * within the token budget. Output that still does not parse returns undefined: the caller then
 * uses the deterministic question or grader, and records that it did.
 */

/** What training needs from the chat model (the real LlamaChatEngine satisfies it). */
export interface StructuredEnginePort {
  modelId(): string | null;
  completeJson(prompt: string, schema: object, opts?: { maxTokens?: number }): Promise<string>;
}

/** Bounds of the model's strings: they also bound its output in tokens (and the grammar's work). */
export interface ModelLimits {
  questionChars: number;
  pointChars: number;
  points: number;
  explanationChars: number;
}
export const DEFAULT_LIMITS: ModelLimits = { questionChars: 200, pointChars: 100, points: 3, explanationChars: 240 };

export const questionSchema = (l: ModelLimits) => ({
  type: 'object',
  properties: {
    question: { type: 'string', minLength: 8, maxLength: l.questionChars },
    expectedPoints: { type: 'array', items: { type: 'string', minLength: 1, maxLength: l.pointChars }, minItems: 1, maxItems: l.points }
  },
  required: ['question', 'expectedPoints']
});

export const gradeSchema = (l: ModelLimits) => ({
  type: 'object',
  properties: {
    verdict: { enum: ['correct', 'wrong'] },
    explanation: { type: 'string', minLength: 1, maxLength: l.explanationChars }
  },
  required: ['verdict', 'explanation']
});

export interface ModelQuestion {
  question: string;
  expectedPoints: string[];
}
export interface ModelGrade {
  verdict: 'correct' | 'wrong';
  explanation: string;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseQuestion(text: string): ModelQuestion | undefined {
  const v = parseJson(text);
  const q = typeof v?.question === 'string' ? v.question.trim() : '';
  const points = Array.isArray(v?.expectedPoints) ? v.expectedPoints.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()) : [];
  return q && points.length ? { question: q, expectedPoints: points.slice(0, 3) } : undefined;
}

export function parseGrade(text: string): ModelGrade | undefined {
  const v = parseJson(text);
  const verdict = v?.verdict;
  const explanation = typeof v?.explanation === 'string' ? v.explanation.trim() : '';
  return (verdict === 'correct' || verdict === 'wrong') && explanation ? { verdict, explanation } : undefined;
}

const LEVEL_HINT = {
  definition: 'what a term or component is',
  value: 'a value, setting or parameter',
  procedure: 'the order or purpose of a procedure step'
} as const;

export function questionPrompt(passage: TrainingCitation, level: keyof typeof LEVEL_HINT, topic: { goal: string; instructions: string }): string {
  return [
    'You are a trainer for equipment technicians. Write ONE short exam question that can be answered from the passage alone.',
    `The question should be about ${LEVEL_HINT[level]}.`,
    topic.goal ? `Training goal: ${topic.goal}` : '',
    topic.instructions ? `Instructions: ${topic.instructions}` : '',
    `Passage (${passage.docTitle}, page ${passage.pageLabel}):`,
    passage.quote,
    'Reply as JSON: {"question": "...", "expectedPoints": ["what a correct answer must contain"]}'
  ]
    .filter(Boolean)
    .join('\n');
}

export function gradePrompt(passage: TrainingCitation, question: string, expectedPoints: readonly string[], answer: string): string {
  return [
    'Grade a technician\'s answer strictly against the passage. Reply as JSON: {"verdict": "correct" | "wrong", "explanation": "one sentence"}.',
    `Passage (${passage.docTitle}, page ${passage.pageLabel}):`,
    passage.quote,
    `Question: ${question}`,
    `Expected points: ${expectedPoints.join('; ')}`,
    `Technician's answer: ${answer}`
  ].join('\n');
}

/** Token budget per structured call (bounded by the schema's string limits). */
export const MODEL_MAX_TOKENS = 400;
