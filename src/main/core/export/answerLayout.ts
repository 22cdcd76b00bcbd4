import { answerLineText, UNCITED_WARNING } from '../../../shared/answerLine';
import type { ChatMessage, ChatSource, MessageAction } from '../../../shared/contract/sessions';
import { describeSource } from '../chat/citations';
import type { ExportedSession } from './reportModel';

/**
 * The structure every export format prints for a search-only answer — the same as the app:
 * the answer line first ("From <title>, p. <label>:" then the span, line breaks kept), then
 * "More in the manuals" with each other source once. Model answers keep text + citations.
 */
export interface SearchOnlyLayout {
  lead: string;
  line: string;
  more: Array<{ cite: string; text: string }>;
}

/** What an export prints for a source of a search-only answer: its span, else its passage. */
export const shownText = (s: ChatSource) => (s.span ? answerLineText(s.span) : s.quote.trim());

export function searchOnlyLayout(answer: ChatMessage): SearchOnlyLayout | null {
  if (answer.mode !== 'search_only' || !answer.sources.length) return null;
  const [first, ...rest] = answer.sources;
  return {
    lead: `From ${describeSource(first)}${first.span?.continued ? ' (continues on the next page)' : ''}:`,
    line: shownText(first),
    more: rest.map((s) => ({ cite: `[${s.n}] ${describeSource(s)}`, text: shownText(s) }))
  };
}

/** The warning printed with a model answer that cites no passage (null when it cites). */
export const uncitedNote = (answer: ChatMessage): string | null => (answer.mode === 'answer' && answer.uncited ? UNCITED_WARNING : null);

/** An ISO time as the reader's local time with its zone: "2026-12-06 14:05 (UTC+01:00)". */
export function localTime(iso: string, offsetMinutes = new Date(iso).getTimezoneOffset()): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const local = new Date(t - offsetMinutes * 60_000);
  const off = -offsetMinutes;
  const zone = `UTC${off >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 16).replace('T', ' ')} (${zone})`;
}

/** "Escalated (resolved by Ana): replace the fuse F2" — one line per escalated answer, for every format. */
export function escalationLine(session: ExportedSession, messageId: string): string | undefined {
  const e = session.escalations?.find((x) => x.messageId === messageId);
  if (!e) return undefined;
  const by = e.handledBy ? ` by ${e.handledBy}` : '';
  const note = e.note ? ` Note: ${e.note}` : '';
  return e.status === 'resolved' ? `Escalated (resolved${by}): ${e.resolution}${note}` : `Escalated (${e.status}${by}).${note}`;
}

const ACTION_OUTCOME: Record<MessageAction['status'], string> = {
  done: 'Ran',
  confirmed: 'Confirmed',
  confirm: 'Proposed, not confirmed',
  declined: 'Declined',
  refused: 'Refused'
};

/** "Confirmed: escalate to supervisor — Escalated to a supervisor." — one line per assistant action on the answer. */
export const actionLines = (answer: ChatMessage): string[] =>
  (answer.actions ?? []).map((a) => `${ACTION_OUTCOME[a.status]}: ${a.name.replace(/_/g, ' ')}${a.text ? ` — ${a.text}` : ''}`);
