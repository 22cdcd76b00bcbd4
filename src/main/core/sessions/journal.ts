import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { isoDate } from '../../../shared/contract/common';
import type { ChatMessage, MessageFeedback, SessionPatch, SessionSummary } from '../../../shared/contract/sessions';
import { chatMessage, messageFeedback, sessionEditable, sessionSummary } from '../../../shared/contract/sessions';

/**
 * One session = one append-only JSON-lines journal (`<sessions>/<id>.jsonl`).
 *
 * Why a journal and not LanceDB or one JSON file per session: a chat turn is a small append, and
 * "a completed message survives kill -9 right after chat.done" needs a write that is durable
 * before the event goes out. Appending one line + fsync is the cheapest durable write there is
 * (rewriting a whole session file per message grows quadratically; LanceDB appends create a
 * new data fragment + manifest version per message and need compaction). A crash can at worst
 * tear the last line, which `readJournal` detects and drops — every earlier line is intact.
 *
 * Anything else that is wrong (a disk error, a hand edit, a sync tool merging two copies) can put a
 * bad line anywhere: every record is validated, a bad one is skipped and counted, and reading
 * goes on — a bad line in the middle must never cost the messages after it.
 */

export type SessionHeader = Pick<
  SessionSummary,
  'id' | 'title' | 'scope' | 'machine' | 'serialNumber' | 'technician' | 'pinned' | 'createdAt' | 'ownerId'
>;

export type JournalRecord =
  | { t: 'created'; v: 1; at: string; session: SessionHeader }
  | { t: 'patch'; at: string; patch: SessionPatch }
  | { t: 'message'; at: string; message: ChatMessage }
  | { t: 'remove'; at: string; messageIds: string[] }
  | { t: 'feedback'; at: string; messageId: string; feedback: MessageFeedback }
  /** Written when a damaged journal was rewritten: `setAside` bad records were dropped (copy in `copy`). */
  | { t: 'repair'; at: string; setAside: number; copy: string };

const journalRecord = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('created'),
    v: z.literal(1),
    at: isoDate,
    session: sessionSummary.pick({ id: true, title: true, scope: true, machine: true, serialNumber: true, technician: true, pinned: true, createdAt: true, ownerId: true })
  }),
  z.object({ t: z.literal('patch'), at: isoDate, patch: sessionEditable }),
  z.object({ t: z.literal('message'), at: isoDate, message: chatMessage }),
  z.object({ t: z.literal('remove'), at: isoDate, messageIds: z.array(z.string()) }),
  z.object({ t: z.literal('feedback'), at: isoDate, messageId: z.string(), feedback: messageFeedback }),
  z.object({ t: z.literal('repair'), at: isoDate, setAside: z.number().int().min(0), copy: z.string() })
]);

export interface SessionState {
  header: SessionHeader;
  updatedAt: string;
  messages: ChatMessage[];
  /** Damaged records set aside so far (from `repair` records and bad lines read now). */
  damagedEntries?: number;
}

export interface JournalRead {
  state: SessionState | undefined;
  /** Newline-terminated lines that did not parse or validate, or could not be placed. */
  badRecords: number;
  /** Bytes after the last newline: a torn write. */
  tornBytes: number;
  /** The good lines, each with its newline: what a repaired journal holds. */
  goodLines: Buffer[];
  totalBytes: number;
}

export async function readJournal(path: string): Promise<JournalRead> {
  const buf = await fs.readFile(path);
  let state: SessionState | undefined;
  let offset = 0;
  let badRecords = 0;
  const goodLines: Buffer[] = [];
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    if (nl < 0) break; // unterminated last line: torn write
    const raw = buf.subarray(offset, nl + 1);
    offset = nl + 1;
    const line = raw.toString('utf8');
    if (!line.trim()) continue;
    const rec = parseRecord(line);
    // A record before any header cannot be placed: as damaged as a garbled one.
    if (!rec || (!state && rec.t !== 'created')) {
      badRecords++;
      continue;
    }
    state = applyRecord(state, rec);
    goodLines.push(raw);
  }
  if (state && badRecords) state.damagedEntries = (state.damagedEntries ?? 0) + badRecords;
  return { state, badRecords, tornBytes: buf.length - offset, goodLines, totalBytes: buf.length };
}

function parseRecord(line: string): JournalRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = journalRecord.safeParse(json);
  return r.success ? (r.data as JournalRecord) : undefined;
}

export function applyRecord(state: SessionState | undefined, rec: JournalRecord): SessionState | undefined {
  if (rec.t === 'created') return { header: { ...rec.session }, updatedAt: rec.at, messages: [] };
  if (!state) return undefined; // records before a header cannot be placed
  switch (rec.t) {
    case 'patch': {
      const { scope, ...rest } = rec.patch;
      const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      state.header = { ...state.header, ...clean, ...(scope ? { scope } : {}) };
      // Renaming, pinning or tagging a session is not activity: "last activity" (and retention) keep
      // the time of its last message.
      return state;
    }
    case 'message': {
      const i = state.messages.findIndex((m) => m.id === rec.message.id);
      if (i >= 0) state.messages[i] = rec.message;
      else state.messages.push(rec.message);
      break;
    }
    case 'remove': {
      const drop = new Set(rec.messageIds);
      state.messages = state.messages.filter((m) => !drop.has(m.id));
      break;
    }
    case 'feedback': {
      const m = state.messages.find((x) => x.id === rec.messageId);
      if (m) m.feedback = rec.feedback;
      break;
    }
    case 'repair':
      state.damagedEntries = (state.damagedEntries ?? 0) + rec.setAside;
      return state; // not a user change: updatedAt stays
  }
  state.updatedAt = rec.at;
  return state;
}

/** Appends records and fsyncs before resolving: once this returns, the records survive a crash. */
export async function appendRecords(path: string, records: JournalRecord[]): Promise<number> {
  const data = records.map((r) => JSON.stringify(r) + '\n').join('');
  const handle = await fs.open(path, 'a');
  try {
    await handle.write(data);
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}
