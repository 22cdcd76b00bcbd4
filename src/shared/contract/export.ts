import { z } from 'zod';
import { method } from './define';
import { idString, isoDate, pathString } from './common';

/** Session transcripts and service reports, plus the admin "documentation gaps" report. */

export const exportFormat = z.enum(['md', 'json', 'html', 'pdf']);
export type ExportFormat = z.infer<typeof exportFormat>;

const sessionIds = z.array(idString).min(1).max(500);

export const exportResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  /** sha256 of the canonical report content (also printed in the report for audit). */
  contentSha256: z.string()
});

export const exportBytes = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  contentSha256: z.string()
});

export const gapGroup = z.object({
  /** Normalised question used to group near-identical questions. */
  key: z.string(),
  question: z.string().describe('A representative wording'),
  reason: z.enum(['not_found', 'not_helpful', 'escalate']),
  count: z.number().int(),
  lastAskedAt: isoDate,
  sessionIds: z.array(z.string()),
  comments: z.array(z.string()),
  machineModels: z.array(z.string())
});
export type GapGroup = z.infer<typeof gapGroup>;

export const exportMethods = {
  run: method(
    z
      .object({
        sessionIds,
        format: exportFormat,
        /** File to write; relative paths resolve against baseDir. Must stay inside baseDir. */
        outPath: pathString,
        /** The target folder the user chose; defaults to <userData>/exports. */
        baseDir: pathString.optional()
      })
      .strict(),
    exportResult,
    'Write sessions as Markdown, JSON, HTML or a PDF service report (atomic; refuses paths outside baseDir).'
  ),
  render: method(
    z.object({ sessionIds, format: exportFormat }).strict(),
    exportBytes,
    'Same report returned as base64 bytes (the web host downloads it).'
  ),
  gaps: method(
    z.object({ sinceDays: z.number().int().positive().optional() }).strict().optional(),
    z.object({ groups: z.array(gapGroup), csv: z.string() }),
    'Questions that ended "not in the manuals", "not helpful" or escalated, grouped; with a CSV rendering.'
  )
};
