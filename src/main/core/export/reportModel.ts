import { createHash } from 'node:crypto';
import { z } from 'zod';
import { chatMessage, chatScope } from '../../../shared/contract/sessions';
import type { SessionState } from '../sessions/journal';
import { summaryOf } from '../sessions/sessionSummary';

/**
 * The JSON export format ("benchmate.sessions", version 1) — also the single model every other
 * format (Markdown, HTML, PDF) is rendered from, so all four carry the same content and hash.
 *
 * {
 *   "format": "benchmate.sessions",     // constant, identifies the file
 *   "version": 1,                       // bumped on any incompatible change
 *   "exportedAt": ISO-8601,             // not covered by the hash
 *   "generator": { "name": "Benchmate", "version": app version },
 *   "contentSha256": hex,               // sha256 of JSON.stringify(sessions) exactly as serialised here
 *   "sessions": [{
 *     "id", "title", "machine", "serialNumber", "technician", "scope": {machineModels, documentIds, tags, language?},
 *     "modelId": string|null, "createdAt", "updatedAt",
 *     "messages": [{ "id", "role": "user"|"assistant", "text", "createdAt",
 *        assistant only: "mode": "answer"|"search_only"|"not_found", "replyTo", "query", "stopReason", "modelId",
 *        "sources": [{ "n", "docId", "docTitle", "revision", "page" (physical, 1-based), "pageLabel",
 *                      "sectionPath", "quote" (verbatim page text), "highlight": {charStart, charEnd} }],
 *        "related": [same shape, not cited], "feedback"?: {rating, comment, at}, "metrics"?: {...} }],
 *     "escalations"?: [{ "id", "messageId", "status": "open"|"acknowledged"|"resolved", "note", "resolution",
 *                        "handledBy", "createdAt", "updatedAt" }]   // only when the session has any
 *   }]
 * }
 *
 * To verify a file: sha256(JSON.stringify(JSON.parse(file).sessions)) must equal contentSha256 (hash
 * the parsed value as-is: re-validating it through a schema may reorder keys).
 */
export const EXPORT_FORMAT_ID = 'benchmate.sessions';
export const EXPORT_VERSION = 1;

export const exportedEscalation = z.object({
  id: z.string(),
  messageId: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  note: z.string(),
  resolution: z.string(),
  handledBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
});
export type ExportedEscalation = z.infer<typeof exportedEscalation>;

export const exportedSession = z.object({
  id: z.string(),
  title: z.string(),
  machine: z.string(),
  serialNumber: z.string(),
  technician: z.string(),
  scope: chatScope,
  modelId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(chatMessage),
  /** Escalated answers and what the supervisor answered (absent when there are none: older hashes stay valid). */
  escalations: z.array(exportedEscalation).optional()
});
export type ExportedSession = z.infer<typeof exportedSession>;

export const exportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT_ID),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  sessions: z.array(exportedSession)
});
export type ExportDocument = z.infer<typeof exportDocumentSchema>;

export function buildExportDocument(
  states: SessionState[],
  appVersion: string,
  now = new Date(),
  escalationsOf: (sessionId: string) => ExportedEscalation[] = () => []
): ExportDocument {
  const sessions: ExportedSession[] = states.map((s) => {
    const sum = summaryOf(s);
    const escalations = escalationsOf(sum.id);
    return {
      id: sum.id,
      title: sum.title,
      machine: sum.machine,
      serialNumber: sum.serialNumber,
      technician: sum.technician,
      scope: sum.scope,
      modelId: sum.modelId,
      createdAt: sum.createdAt,
      updatedAt: sum.updatedAt,
      messages: structuredClone(s.messages),
      ...(escalations.length ? { escalations } : {})
    };
  });
  return {
    format: EXPORT_FORMAT_ID,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    generator: { name: 'Benchmate', version: appVersion },
    contentSha256: contentHash(sessions),
    sessions
  };
}

export function contentHash(sessions: ExportedSession[]): string {
  return createHash('sha256').update(JSON.stringify(sessions)).digest('hex');
}

/** Pairs each question with its answer (an unanswered trailing question has answer undefined). */
export function turnsOf(session: ExportedSession): Array<{ question: ExportedSession['messages'][number]; answer?: ExportedSession['messages'][number] }> {
  const out: Array<{ question: ExportedSession['messages'][number]; answer?: ExportedSession['messages'][number] }> = [];
  for (const m of session.messages) {
    if (m.role === 'user') out.push({ question: m });
    else if (out.length && !out[out.length - 1].answer) out[out.length - 1].answer = m;
  }
  return out;
}

/** The same format as a standard JSON Schema (draft 2020-12), for tools outside Benchmate. */
export function exportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(exportDocumentSchema, { io: 'output' }) as Record<string, unknown>;
}
