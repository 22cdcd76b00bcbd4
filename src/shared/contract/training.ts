import { z } from 'zod';
import { method } from './define';
import { idString, isoDate, MAX_NAME, noInput } from './common';

/**
 * Guided training: an admin turns manual sections into topics of a course; a technician answers
 * three progressive questions per topic attempt (passed at 2 correct, failed at 2 wrong). Every
 * verdict cites a page of the topic. Topics are versioned: an attempt keeps the version it ran on.
 */

const text = (max: number) => z.string().trim().max(max);

/** Who is training. Today a local name; the id is derived from it (see core/training/technician.ts). */
export const technicianRef = z.object({ id: z.string(), name: z.string() });
export type TechnicianRef = z.infer<typeof technicianRef>;

export const topicVersion = z.object({
  id: z.string(),
  courseId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  docId: z.string(),
  docTitle: z.string(),
  /** Outline path ("2 Installation > 2.1 Mounting"), '' when the topic names a page range. */
  section: z.string(),
  pageFrom: z.number().int().positive(),
  pageTo: z.number().int().positive(),
  goal: z.string(),
  instructions: z.string(),
  createdAt: isoDate
});
export type TopicVersion = z.infer<typeof topicVersion>;

export const course = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** The current version of each topic, in course order. */
  topics: z.array(topicVersion)
});
export type Course = z.infer<typeof course>;

export const trainingCitation = z.object({
  docId: z.string(),
  docTitle: z.string(),
  page: z.number().int().positive(),
  pageLabel: z.string(),
  quote: z.string().describe('The passage verbatim from the page text'),
  charStart: z.number().int(),
  charEnd: z.number().int()
});
export type TrainingCitation = z.infer<typeof trainingCitation>;

export const questionLevel = z.enum(['definition', 'value', 'procedure']);
export const questionKind = z.enum(['blank', 'table', 'choice', 'order', 'model']);
export const graderKind = z.enum(['deterministic', 'model', 'fallback']);

export const answerRecord = z.object({
  text: z.string(),
  at: isoDate,
  verdict: z.enum(['correct', 'wrong']),
  explanation: z.string(),
  grader: graderKind,
  /** What was expected (shown once answered). */
  expected: z.string()
});

export const trainingQuestion = z.object({
  n: z.number().int().positive(),
  level: questionLevel,
  kind: questionKind,
  prompt: z.string(),
  /** Deterministic questions: the passage with the hidden part as ____ ('' for model questions). */
  cloze: z.string().default(''),
  choices: z.array(z.string()).default([]),
  /** Model questions: the points a good answer covers (empty for deterministic questions). */
  expectedPoints: z.array(z.string()).default([]),
  citation: trainingCitation,
  answer: answerRecord.optional()
});
export type TrainingQuestion = z.infer<typeof trainingQuestion>;

export const attemptStatus = z.enum(['in_progress', 'passed', 'failed']);

export const attempt = z.object({
  id: z.string(),
  courseId: z.string(),
  topicId: z.string(),
  topicVersion: z.number().int(),
  topicTitle: z.string(),
  technician: technicianRef,
  mode: z.enum(['model', 'deterministic']),
  status: attemptStatus,
  correct: z.number().int(),
  wrong: z.number().int(),
  startedAt: isoDate,
  updatedAt: isoDate,
  questions: z.array(trainingQuestion),
  /** Failed attempts: the topic pages to re-read (cited by the wrong answers first). */
  reread: z.array(z.number().int())
});
export type Attempt = z.infer<typeof attempt>;

export const topicProgress = z.object({
  technician: technicianRef,
  courseId: z.string(),
  courseTitle: z.string(),
  topicId: z.string(),
  topicTitle: z.string(),
  status: z.enum(['not_started', 'in_progress', 'passed', 'failed']),
  attempts: z.number().int(),
  lastActivity: isoDate.nullable(),
  lastAttemptId: z.string().nullable()
});
export type TopicProgress = z.infer<typeof topicProgress>;

const topicFields = {
  title: text(MAX_NAME).optional(),
  goal: text(2000).optional(),
  instructions: text(4000).optional()
};
const topicSource = {
  docId: idString,
  section: text(MAX_NAME).optional(),
  pageFrom: z.number().int().positive().optional(),
  pageTo: z.number().int().positive().optional()
};

export const trainingMethods = {
  courses: method(noInput, z.object({ items: z.array(course) }), 'Courses with their current topics.'),
  createCourse: method(
    z.object({ title: text(MAX_NAME).min(1), description: text(4000).optional() }).strict(),
    course,
    'Create an empty course.'
  ),
  deleteCourse: method(z.object({ id: idString }).strict(), z.object({ deleted: z.boolean() }), 'Delete a course (attempts are kept).'),
  addTopic: method(
    z.object({ courseId: idString, ...topicSource, ...topicFields }).strict(),
    topicVersion,
    'Add a topic from a document section (outline path, e.g. "2 > 2.1") or a page range.'
  ),
  updateTopic: method(
    z.object({ topicId: idString, ...topicFields, section: topicSource.section, pageFrom: topicSource.pageFrom, pageTo: topicSource.pageTo }).strict(),
    topicVersion,
    'Edit a topic: writes a new version (attempts keep the version they ran on).'
  ),
  removeTopic: method(z.object({ topicId: idString }).strict(), z.object({ removed: z.boolean() }), 'Remove a topic from its course.'),
  start: method(
    z.object({ topicId: idString, technician: text(200).min(1) }).strict(),
    attempt,
    'Start an attempt on a topic as a technician; returns the first question.'
  ),
  answer: method(
    z.object({ attemptId: idString, answer: text(4000) }).strict(),
    attempt,
    'Answer the open question; returns the attempt with the verdict and the next question (or the result).'
  ),
  attempt: method(z.object({ id: idString }).strict(), attempt, 'One attempt with every question, answer and citation.'),
  attempts: method(
    z.object({ technician: text(200).optional(), topicId: idString.optional() }).strict().optional(),
    z.object({ items: z.array(attempt) }),
    'Attempts, newest first.'
  ),
  progress: method(
    z.object({ technician: text(200).optional(), courseId: idString.optional() }).strict().optional(),
    z.object({ items: z.array(topicProgress) }),
    'Per technician and topic: status, attempts, last activity.'
  ),
  exportProgress: method(
    z.object({ technician: text(200).optional(), format: z.enum(['csv', 'pdf']) }).strict(),
    z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
    'A training record (CSV or PDF) of one technician or everyone.'
  )
};

export const trainingEvents = {
  'training.changed': z.object({
    reason: z.enum(['course', 'topic', 'attempt']),
    id: z.string()
  })
};
