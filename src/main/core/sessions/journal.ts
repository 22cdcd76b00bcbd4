import { promises as fs } from 'node:fs';
import type { ChatMessage, MessageFeedback, SessionPatch, SessionSummary } from '../../../shared/contract/sessions';

/**
 * One session = one append-only JSON-lines journal (`<sessions>/<id>.jsonl`).
 *
 * Why a journal and not LanceDB or one JSON file per session: a chat turn is a small append, and
 * "a completed message survives kill -9 right after chat.done" needs a write that is durable
 * before the event goes out. Appending one line + fsync is the cheapest durable write there is
 * (rewriting a whole session file per message grows quadratically; LanceDB appends create a
 * new data fragment + manifest version per message and need compaction). A crash can at worst
 * tear the last line, which `readJournal` detects and drops — every earlier line is intact.
 */

export type SessionHeader = Pick<
  SessionSummary,
  'id' | 'title' | 'scope' | 'machine' | 'serialNumber' | 'technician' | 'pinned' | 'createdAt'
>;

export type JournalRecord =
  | { t: 'created'; v: 1; at: string; session: SessionHeader }
  | { t: 'patch'; at: string; patch: SessionPatch }
  | { t: 'message'; at: string; message: ChatMessage }
  | { t: 'remove'; at: string; messageIds: string[] }
  | { t: 'feedback'; at: string; messageId: string; feedback: MessageFeedback };

export interface SessionState {
  header: SessionHeader;
  updatedAt: string;
  messages: ChatMessage[];
}

export interface JournalRead {
  state: SessionState | undefined;
  /** Bytes of intact, newline-terminated records; anything after is a torn write. */
  validBytes: number;
  totalBytes: number;
}

export async function readJournal(path: string): Promise<JournalRead> {
  const buf = await fs.readFile(path);
  let state: SessionState | undefined;
  let offset = 0;
  let validBytes = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    if (nl < 0) break; // unterminated last line: torn write
    const line = buf.subarray(offset, nl).toString('utf8');
    offset = nl + 1;
    if (!line.trim()) {
      validBytes = offset;
      continue;
    }
    let rec: JournalRecord;
    try {
      rec = JSON.parse(line) as JournalRecord;
    } catch {
      break; // a garbled line can only be the torn tail; stop here
    }
    state = applyRecord(state, rec);
    validBytes = offset;
  }
  return { state, validBytes, totalBytes: buf.length };
}

export function applyRecord(state: SessionState | undefined, rec: JournalRecord): SessionState | undefined {
  if (rec.t === 'created') return { header: { ...rec.session }, updatedAt: rec.at, messages: [] };
  if (!state) return undefined; // records before a header cannot be placed
  switch (rec.t) {
    case 'patch': {
      const { scope, ...rest } = rec.patch;
      const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      state.header = { ...state.header, ...clean, ...(scope ? { scope } : {}) };
      break;
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
