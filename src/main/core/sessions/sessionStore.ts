import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChatMessage, MessageFeedback, SessionPatch, SessionSummary } from '../../../shared/contract/sessions';
import { chatScope } from '../../../shared/contract/sessions';
import { AppError, echo } from '../platform/errors';
import { fsyncDir, readJsonIfExists, writeFileAtomic, writeJsonAtomic } from '../platform/atomicFile';
import type { Logger } from '../platform/logger';
import { appendRecords, applyRecord, readJournal, type JournalRecord, type SessionState } from './journal';
import { aggregateOf, summaryOf, type SessionAggregate } from './sessionSummary';

interface IndexEntry {
  summary: SessionSummary;
  agg: SessionAggregate;
  /** Journal size the entry was computed from; a different size on disk means rebuild. */
  journalBytes: number;
}

interface IndexFile {
  version: 1;
  sessions: Record<string, IndexEntry>;
}

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * An index entry is only a cache of its journal; one of the wrong shape (a hand edit, a bug in an
 * older version) is ignored and the journal re-read, rather than trusted into the listing.
 */
function usableEntry(id: string, entry: unknown): entry is IndexEntry {
  const e = entry as Partial<IndexEntry> | null;
  const s = e?.summary as Partial<SessionSummary> | undefined;
  if (typeof e !== 'object' || e === null || typeof e.journalBytes !== 'number') return false;
  if (typeof e.agg !== 'object' || e.agg === null || typeof s !== 'object' || s === null) return false;
  return s.id === id && typeof s.title === 'string' && typeof s.updatedAt === 'string' && typeof s.createdAt === 'string';
}

/**
 * Persistence for sessions: journals are the source of truth (see journal.ts); `index.json` is
 * a cache of summaries + aggregates (for listing and stats without reading every journal),
 * written atomically and revalidated against journal sizes on open, so a crash between a
 * journal append and the index write only costs one journal re-read at the next start.
 */
export class SessionStore {
  private readonly index = new Map<string, IndexEntry>();
  private readonly loaded = new Map<string, SessionState>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private indexWrite: Promise<void> = Promise.resolve();
  private indexDirty = false;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    /** The journal append (tests substitute a failing one to check memory and disk stay in step). */
    private readonly io: { append: typeof appendRecords } = { append: appendRecords }
  ) {}

  private get indexPath(): string {
    return join(this.dir, 'index.json');
  }
  private journalPath(id: string): string {
    if (!ID_RE.test(id)) throw new AppError('INVALID_INPUT', `Bad session id "${echo(id)}".`);
    return join(this.dir, `${id}.jsonl`);
  }

  async open(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    let cached: IndexFile | undefined;
    try {
      cached = (await readJsonIfExists(this.indexPath)) as IndexFile | undefined;
    } catch (e) {
      // Kept aside for a post-mortem (the journals hold everything; the index is rebuilt from them).
      const copy = `index.json.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.indexPath, join(this.dir, copy)).catch(() => undefined);
      this.logger.warn('session index unreadable; moved aside, rebuilding from the journals', { error: e, copy });
    }
    const files = (await fs.readdir(this.dir)).filter((f) => f.endsWith('.jsonl'));
    let rebuilt = 0;
    for (const f of files) {
      const id = f.slice(0, -'.jsonl'.length);
      if (!ID_RE.test(id)) continue;
      const size = (await fs.stat(join(this.dir, f))).size;
      const entry = cached?.version === 1 && typeof cached.sessions === 'object' && cached.sessions ? cached.sessions[id] : undefined;
      if (usableEntry(id, entry) && entry.journalBytes === size) {
        this.index.set(id, entry);
        continue;
      }
      // One unreadable journal must not stop the app: it is logged and left out of the list.
      const state = await this.loadJournal(id).catch((e: unknown) => {
        this.logger.error('session journal unreadable; skipped', { id, error: e });
        return undefined;
      });
      if (state) {
        rebuilt++;
        this.loaded.set(id, state);
      }
    }
    if (rebuilt || (cached && Object.keys(cached.sessions ?? {}).length !== this.index.size)) await this.flushIndex();
  }

  /**
   * Reads a journal. A torn tail or damaged records are repaired so the next append starts on a
   * clean line — but only after the original is copied aside (`<id>.jsonl.corrupt-<time>`), so
   * nothing a repair drops is lost for good. A journal with no readable header is moved aside.
   */
  private async loadJournal(id: string): Promise<SessionState | undefined> {
    const path = this.journalPath(id);
    const r = await readJournal(path);
    if (!r.badRecords && !r.tornBytes) {
      if (!r.state) this.logger.warn('session journal without header; ignoring', { id });
      else this.index.set(id, { summary: summaryOf(r.state), agg: aggregateOf(r.state), journalBytes: r.totalBytes });
      return r.state;
    }
    const copy = `${id}.jsonl.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const damage = { id, badRecords: r.badRecords, tornBytes: r.tornBytes, copy };
    if (!r.state) {
      await fs.rename(path, join(this.dir, copy));
      this.logger.warn('session journal unreadable (no valid header); moved aside', damage);
      return undefined;
    }
    await fs.copyFile(path, join(this.dir, copy));
    this.logger.warn('session journal damaged; original copied aside, damaged entries set aside', damage);
    const repair: JournalRecord[] = r.badRecords ? [{ t: 'repair', at: new Date().toISOString(), setAside: r.badRecords, copy }] : [];
    const data = Buffer.concat([...r.goodLines, ...repair.map((x) => Buffer.from(JSON.stringify(x) + '\n'))]);
    await writeFileAtomic(path, data);
    this.index.set(id, { summary: summaryOf(r.state), agg: aggregateOf(r.state), journalBytes: data.length });
    return r.state;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** The owner's profile id without copying anything (checked for every streamed event per socket). */
  ownerOf(id: string): string | undefined {
    const e = this.index.get(id);
    return e ? (e.summary.ownerId ?? '') : undefined;
  }

  summaries(): SessionSummary[] {
    return [...this.index.values()].map((e) => structuredClone(e.summary));
  }

  aggregates(): SessionAggregate[] {
    return [...this.index.values()].map((e) => e.agg);
  }

  /** A copy of the session: callers may keep or change it without touching the store's state. */
  async get(id: string): Promise<SessionState> {
    const hit = this.loaded.get(id);
    return structuredClone(hit ?? (await this.serial(id, () => this.current(id))));
  }

  /** The stored state (loaded on first use); call inside serial() when loading. */
  private async current(id: string): Promise<SessionState> {
    const hit = this.loaded.get(id);
    if (hit) return hit;
    if (!this.index.has(id)) throw new AppError('NOT_FOUND', `No session ${id}.`);
    const state = await this.loadJournal(id);
    if (!state) throw new AppError('NOT_FOUND', `Session ${id} is unreadable.`);
    this.loaded.set(id, state);
    return state;
  }

  async create(fields: Partial<Omit<SessionSummary, 'id' | 'createdAt' | 'updatedAt'>> = {}): Promise<SessionState> {
    const id = randomUUID();
    const at = new Date().toISOString();
    const rec: JournalRecord = {
      t: 'created',
      v: 1,
      at,
      session: {
        id,
        title: fields.title ?? '',
        scope: chatScope.parse(fields.scope ?? {}),
        machine: fields.machine ?? '',
        serialNumber: fields.serialNumber ?? '',
        technician: fields.technician ?? '',
        pinned: fields.pinned ?? false,
        ownerId: fields.ownerId ?? '',
        createdAt: at
      }
    };
    const state = applyRecord(undefined, rec)!;
    await this.serial(id, () => this.commit(id, state, rec, 0));
    await fsyncDir(this.dir); // make the new file's directory entry durable too
    return structuredClone(state);
  }

  patch(id: string, patch: SessionPatch): Promise<SessionState> {
    return this.mutate(id, { t: 'patch', at: new Date().toISOString(), patch });
  }
  putMessage(id: string, message: ChatMessage): Promise<SessionState> {
    return this.mutate(id, { t: 'message', at: new Date().toISOString(), message });
  }
  removeMessages(id: string, messageIds: string[]): Promise<SessionState> {
    return this.mutate(id, { t: 'remove', at: new Date().toISOString(), messageIds });
  }
  /**
   * Rewrites one stored message from its current state in one serial step (no lost update between
   * read and write); `change` returns undefined to leave it as it is. Resolves whether it changed.
   */
  updateMessage(id: string, messageId: string, change: (m: ChatMessage) => ChatMessage | undefined): Promise<boolean> {
    return this.serial(id, async () => {
      const state = await this.current(id);
      const m = state.messages.find((x) => x.id === messageId);
      const next = m && change(structuredClone(m));
      if (!next) return false;
      const rec: JournalRecord = { t: 'message', at: new Date().toISOString(), message: next };
      await this.commit(id, applyRecord(structuredClone(state), rec)!, rec, this.index.get(id)?.journalBytes);
      return true;
    });
  }
  setFeedback(id: string, messageId: string, feedback: MessageFeedback): Promise<SessionState> {
    return this.mutate(id, { t: 'feedback', at: new Date().toISOString(), messageId, feedback });
  }

  async delete(id: string): Promise<boolean> {
    if (!this.index.has(id)) return false;
    await this.serial(id, async () => {
      // Unlink first: a crash before the index write leaves an index entry without a journal,
      // which open() drops — the reverse order could resurrect a deleted session.
      await fs.rm(this.journalPath(id), { force: true });
      this.index.delete(id);
      this.loaded.delete(id);
    });
    this.chains.delete(id);
    await this.flushIndex();
    return true;
  }

  /**
   * Read, change and write one session as one serial step. The change is applied to a copy and
   * becomes the stored state only after the journal append succeeded: a failed write leaves
   * memory as it was, and the journal is cut back to its last whole record (see commit).
   */
  private mutate(id: string, rec: JournalRecord): Promise<SessionState> {
    return this.serial(id, async () => {
      const next = applyRecord(structuredClone(await this.current(id)), rec)!;
      await this.commit(id, next, rec, this.index.get(id)?.journalBytes);
      return structuredClone(next);
    });
  }

  /** Appends `rec` (fsynced), then makes `state` the session's state; call inside serial(). */
  private async commit(id: string, state: SessionState, rec: JournalRecord, bytesBefore: number | undefined): Promise<void> {
    const path = this.journalPath(id);
    let size: number;
    try {
      size = await this.io.append(path, [rec]);
    } catch (e) {
      // A partial line left behind would glue the next record onto it and hide it from readers.
      if (bytesBefore !== undefined) await fs.truncate(path, bytesBefore).catch((t) => this.logger.error('journal cut-back failed', { id, error: t }));
      else await fs.rm(path, { force: true });
      throw e;
    }
    this.loaded.set(id, state);
    this.index.set(id, { summary: summaryOf(state), agg: aggregateOf(state), journalBytes: size });
    this.scheduleIndex();
  }

  /** Serialises journal work per session (appends must not interleave). */
  private serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(fn);
    this.chains.set(id, next);
    return next;
  }

  private scheduleIndex(): void {
    // Coalesce bursts: one atomic write covers every mutation queued before it starts.
    if (this.indexDirty) return;
    this.indexDirty = true;
    this.indexWrite = this.indexWrite.then(async () => {
      this.indexDirty = false;
      await this.writeIndex();
    });
  }

  async flushIndex(): Promise<void> {
    this.scheduleIndex();
    await this.indexWrite;
  }

  private async writeIndex(): Promise<void> {
    const file: IndexFile = { version: 1, sessions: Object.fromEntries(this.index) };
    try {
      await writeJsonAtomic(this.indexPath, file);
    } catch (e) {
      this.logger.error('session index write failed', { error: e });
    }
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
    await this.indexWrite;
  }
}
