import { z } from 'zod';
import { method } from './define';
import { idString, isoDate, MAX_ID, MAX_LIST, nameString } from './common';

/**
 * Chat sessions: the technician's conversations with the manuals. The message and source shapes
 * here are shared by chat (writer), sessions (storage/listing) and export (reports), so a citation
 * rendered in the app, in the Markdown transcript and in the PDF service report is the same data.
 */

/** What retrieval is restricted to for a session (empty arrays = no restriction). */
export const chatScope = z.object({
  machineModels: z.array(nameString).max(MAX_LIST).default([]),
  documentIds: z.array(z.string().max(MAX_ID)).max(MAX_LIST).default([]),
  tags: z.array(nameString).max(MAX_LIST).default([]),
  language: nameString.optional()
});
export type ChatScope = z.infer<typeof chatScope>;

/**
 * One passage an answer rests on. `n` is the citation number used in the answer text ([n]);
 * `quote` is the passage text exactly as it appears on `page` of the document (so the viewer can
 * highlight `highlight.charStart..charEnd` of that page's text).
 */
/**
 * The unit of a page that answers (the "answer line"): a sentence, a table row (with its header
 * row), an option line, a command/config block, or a numbered step. `text` is the page text
 * `[charStart, charEnd)` verbatim (line breaks kept); `marks` are the matched words, relative to
 * `text`.
 */
export const spanKind = z.enum(['sentence', 'row', 'option', 'step', 'code']);
export const answerSpan = z.object({
  docId: z.string(),
  page: z.number().int().positive(),
  kind: spanKind,
  text: z.string(),
  header: z.string().default(''),
  charStart: z.number().int(),
  charEnd: z.number().int(),
  marks: z.array(z.tuple([z.number().int(), z.number().int()])).default([]),
  /** A sentence the page break cuts: its rest at the top of the next page (that page's text `[charStart, charEnd)`). */
  continued: z.object({ page: z.number().int().positive(), text: z.string(), charStart: z.number().int(), charEnd: z.number().int() }).optional()
});
export type AnswerSpan = z.infer<typeof answerSpan>;

export const chatSource = z.object({
  n: z.number().int().positive(),
  docId: z.string(),
  docTitle: z.string(),
  revision: z.string().default(''),
  page: z.number().int().positive().describe('1-based physical page'),
  pageLabel: z.string().describe('Printed page label (falls back to the physical page number)'),
  sectionPath: z.string().default(''),
  quote: z.string(),
  highlight: z.object({ charStart: z.number().int(), charEnd: z.number().int() }),
  score: z.number().optional(),
  /** The page's best answering span; when present, `highlight` is exactly its offsets. */
  span: answerSpan.optional()
});
export type ChatSource = z.infer<typeof chatSource>;

export const feedbackRating = z.enum(['helpful', 'not_helpful', 'escalate']);
export type FeedbackRating = z.infer<typeof feedbackRating>;

export const messageFeedback = z.object({ rating: feedbackRating, comment: z.string().default(''), at: isoDate });
export type MessageFeedback = z.infer<typeof messageFeedback>;

export const turnMetrics = z.object({
  promptTokens: z.number(),
  evaluatedPromptTokens: z.number(),
  generatedTokens: z.number(),
  ttftMs: z.number(),
  tokensPerSecond: z.number(),
  totalMs: z.number()
});
export type TurnMetrics = z.infer<typeof turnMetrics>;

/**
 * How an assistant message was produced:
 * - `answer`: the model answered from the retrieved passages (citations in `sources`);
 * - `search_only`: no model loaded, the answer lists the top passages (all cited);
 * - `not_found`: retrieval evidence was below the threshold, the model was not asked; the closest
 *   sections are in `related` (they are NOT citations: nothing supports an answer).
 */
export const answerMode = z.enum(['answer', 'search_only', 'not_found']);
export type AnswerMode = z.infer<typeof answerMode>;

/**
 * An assistant action the model called during the answer (assistant actions, see actions.ts):
 * `confirm` is a card waiting for the user (`proposalId` confirms or declines it); it becomes
 * `confirmed` (applied) or `declined`. `text` is what was done, what confirming will do, or why
 * it was refused. `open` is the page an open_page action asks to show.
 */
export const messageAction = z.object({
  name: z.string(),
  status: z.enum(['done', 'confirm', 'confirmed', 'declined', 'refused']),
  text: z.string(),
  proposalId: z.string().optional(),
  open: z.object({ docId: z.string(), page: z.number().int() }).optional()
});
export type MessageAction = z.infer<typeof messageAction>;

export const chatMessage = z.object({
  id: z.string(),
  sessionId: z.string(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  createdAt: isoDate,
  /** Assistant only: the user message this answers. */
  replyTo: z.string().optional(),
  mode: answerMode.optional(),
  /** Assistant only: the standalone search query used (after follow-up rewriting). */
  query: z.string().optional(),
  /** Cited passages, numbered 1..k in order of first citation in `text`. */
  sources: z.array(chatSource).default([]),
  /** Retrieved but uncited passages (or, for not_found, the closest sections). */
  related: z.array(chatSource).default([]),
  stopReason: z.enum(['eos', 'maxTokens', 'abort']).optional(),
  modelId: z.string().nullable().optional(),
  metrics: turnMetrics.optional(),
  /** `answer` mode: the model's text cites no passage (shown as a warning, kept in exports). */
  uncited: z.boolean().optional(),
  /** Assistant actions the model called in this answer, in call order. */
  actions: z.array(messageAction).optional(),
  feedback: messageFeedback.optional()
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const sessionFields = z.object({
  title: z.string(),
  scope: chatScope,
  machine: z.string().default(''),
  serialNumber: z.string().default(''),
  technician: z.string().default(''),
  pinned: z.boolean().default(false),
  /** The profile that created the session (roles: technicians see their own, admins all; '' = before profiles). */
  ownerId: z.string().default('')
});

export const sessionSummary = sessionFields.extend({
  id: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Chat model of the latest answer (null: search-only / none yet). */
  modelId: z.string().nullable(),
  messageCount: z.number().int(),
  lastQuestion: z.string().default('')
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const sessionDetail = sessionSummary.extend({
  messages: z.array(chatMessage),
  /** Journal records that were damaged and set aside when the session was read (0 or absent: none). */
  damagedEntries: z.number().int().optional()
});
export type SessionDetail = z.infer<typeof sessionDetail>;

export const sessionEditable = z
  .object({
    title: z.string().min(1).max(200).optional(),
    scope: chatScope.optional(),
    machine: z.string().max(200).optional(),
    serialNumber: z.string().max(200).optional(),
    technician: z.string().max(200).optional(),
    pinned: z.boolean().optional()
  })
  .strict();
export type SessionPatch = z.infer<typeof sessionEditable>;

export const sessionSearchHit = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  messageId: z.string(),
  role: z.enum(['user', 'assistant']),
  snippet: z.string(),
  createdAt: isoDate
});
export type SessionSearchHit = z.infer<typeof sessionSearchHit>;

export const sessionsMethods = {
  create: method(
    sessionEditable.omit({ pinned: true }).optional(),
    sessionSummary,
    'Start an empty session (title defaults to the first question).'
  ),
  list: method(
    z
      .object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) })
      .strict()
      .optional(),
    z.object({ items: z.array(sessionSummary), total: z.number().int() }),
    'Sessions, pinned first, then newest (by last update) first; paginated.'
  ),
  get: method(z.object({ id: idString }).strict(), sessionDetail, 'One session with all its messages.'),
  update: method(
    z.object({ id: idString, patch: sessionEditable }).strict(),
    sessionSummary,
    'Rename, pin/unpin, change scope or the machine/serial/technician fields.'
  ),
  delete: method(z.object({ id: idString }).strict(), z.object({ deleted: z.boolean() }), 'Delete a session.'),
  search: method(
    z.object({ text: z.string().min(1).max(500), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.array(sessionSearchHit),
    'Full-text search across every message of every session (all words must match).'
  ),
  retention: method(
    z.object({ dryRun: z.boolean().default(true) }).strict().optional(),
    z.object({
      retentionDays: z.number().nullable(),
      sessions: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: isoDate }))
    }),
    'Apply the retention setting now (old unpinned sessions are deleted); dryRun only lists them.'
  )
};

export const sessionsEvents = {
  'sessions.changed': z.object({
    sessionId: z.string(),
    reason: z.enum(['created', 'updated', 'message', 'deleted'])
  })
};

/** Usage numbers for app.stats / app.health (computed from per-session counters, no journal reads). */
export const chatStats = z.object({
  sessions: z.number().int(),
  messages: z.number().int(),
  questions: z.number().int(),
  answers: z.number().int(),
  avgTtftMs: z.number().nullable().describe('mean time to first token over model answers'),
  avgTokensPerSecond: z.number().nullable(),
  refusedShare: z.number().describe('answers that were "not in the manuals" / all answers'),
  searchOnlyShare: z.number(),
  feedback: z.object({ helpful: z.number().int(), notHelpful: z.number().int(), escalated: z.number().int() })
});
export type ChatStatsData = z.infer<typeof chatStats>;
