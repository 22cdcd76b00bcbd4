import type { SessionDetail, SessionPatch, SessionSearchHit, SessionSummary } from '../../../shared/contract/sessions';
import type { EventMap } from '../../../shared/contract';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { SessionState } from './journal';
import type { SessionStore } from './sessionStore';
import { summaryOf } from './sessionSummary';

export interface ChatStats {
  sessions: number;
  messages: number;
  questions: number;
  answers: number;
  /** Mean time to first token over model answers (ms); null before the first one. */
  avgTtftMs: number | null;
  avgTokensPerSecond: number | null;
  /** Share of answers that were "not in the manuals" (0..1; 0 with no answers). */
  refusedShare: number;
  searchOnlyShare: number;
  feedback: { helpful: number; notHelpful: number; escalated: number };
}

const DAY_MS = 86_400_000;

export interface RetentionResult {
  retentionDays: number | null;
  sessions: Array<{ id: string; title: string; updatedAt: string }>;
}

/**
 * Listing, search, edits, retention and stats over the session store. Retention deletes
 * sessions whose last update is older than `retentionDays` (pinned sessions are exempt: pinning
 * is how a technician says "keep this"); it runs at start and then daily.
 */
export class SessionService {
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly deps: {
      retentionDays: () => number | null;
      isBusy?: (sessionId: string) => boolean;
      events: { emit<E extends keyof EventMap>(event: E, payload: EventMap[E]): void };
      logger: Logger;
    }
  ) {}

  async create(fields: Partial<Pick<SessionSummary, 'title' | 'scope' | 'machine' | 'serialNumber' | 'technician' | 'ownerId'>> = {}): Promise<SessionSummary> {
    const s = await this.store.create(fields);
    this.deps.events.emit('sessions.changed', { sessionId: s.header.id, reason: 'created' });
    return summaryOf(s);
  }

  /** `visible` limits the list to the sessions a caller may see (roles: their own, or all for an admin). */
  list(offset = 0, limit = 50, visible: (ownerId: string) => boolean = () => true): { items: SessionSummary[]; total: number } {
    const all = this.store.summaries().filter((s) => visible(s.ownerId ?? '')).sort(
      (a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id)
    );
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  /** The owner's profile id ('' for sessions from before profiles); undefined when there is no such session. */
  ownerOf(id: string): string | undefined {
    return this.store.ownerOf(id);
  }

  async get(id: string): Promise<SessionDetail> {
    const s = await this.store.get(id);
    return { ...summaryOf(s), messages: structuredClone(s.messages), ...(s.damagedEntries ? { damagedEntries: s.damagedEntries } : {}) };
  }

  async update(id: string, patch: SessionPatch): Promise<SessionSummary> {
    if (!this.store.has(id)) throw new AppError('NOT_FOUND', `No session ${id}.`);
    const s = await this.store.patch(id, patch);
    this.deps.events.emit('sessions.changed', { sessionId: id, reason: 'updated' });
    return summaryOf(s);
  }

  async delete(id: string): Promise<boolean> {
    if (this.deps.isBusy?.(id)) throw new AppError('CONFLICT', 'Stop the running answer before deleting this session.');
    const deleted = await this.store.delete(id);
    if (deleted) this.deps.events.emit('sessions.changed', { sessionId: id, reason: 'deleted' });
    return deleted;
  }

  /** All states (loads journals as needed): for search, export of many, the gap report. */
  async allStates(): Promise<SessionState[]> {
    const out: SessionState[] = [];
    for (const s of this.store.summaries()) {
      try {
        out.push(await this.store.get(s.id));
      } catch (e) {
        this.deps.logger.warn('session unreadable', { id: s.id, error: e });
      }
    }
    return out;
  }

  /** Every word must occur (case-insensitive) in the message text (titles are in the list already). */
  async search(text: string, limit = 50): Promise<SessionSearchHit[]> {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const hits: SessionSearchHit[] = [];
    for (const s of await this.allStates()) {
      const title = summaryOf(s).title;
      for (const m of s.messages) {
        const hay = m.text.toLowerCase();
        if (!words.every((w) => hay.includes(w))) continue;
        hits.push({ sessionId: s.header.id, sessionTitle: title, messageId: m.id, role: m.role, snippet: snippet(m.text, words), createdAt: m.createdAt });
      }
    }
    return hits.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }

  /**
   * Deletes unpinned sessions not updated for `retentionDays` (nothing when the setting is off);
   * `dryRun` only lists them. Every deletion is logged with the session's id and title.
   */
  async applyRetention(now = Date.now(), opts: { dryRun?: boolean } = {}): Promise<RetentionResult> {
    const days = this.deps.retentionDays();
    if (!days) return { retentionDays: null, sessions: [] };
    const cutoff = now - days * DAY_MS;
    const due = this.store
      .summaries()
      .filter((s) => !s.pinned && Date.parse(s.updatedAt) < cutoff && !this.deps.isBusy?.(s.id))
      .map((s) => ({ id: s.id, title: s.title, updatedAt: s.updatedAt }));
    if (opts.dryRun) return { retentionDays: days, sessions: due };
    const removed: RetentionResult['sessions'] = [];
    for (const s of due) {
      if (await this.store.delete(s.id)) {
        removed.push(s);
        this.deps.events.emit('sessions.changed', { sessionId: s.id, reason: 'deleted' });
      }
    }
    if (removed.length) this.deps.logger.info('retention removed sessions', { days, removed });
    return { retentionDays: days, sessions: removed };
  }

  /** Runs retention at start and then daily (and whenever the setting changes: see createCore). */
  startRetention(everyMs = DAY_MS): void {
    const run = () => void this.applyRetention().catch((e) => this.deps.logger.error('retention failed', { error: e }));
    run();
    this.retentionTimer = setInterval(run, everyMs);
    this.retentionTimer.unref();
  }

  stats(): ChatStats {
    const aggs = this.store.aggregates();
    const sum = (f: (a: (typeof aggs)[number]) => number) => aggs.reduce((s, a) => s + f(a), 0);
    const answers = sum((a) => a.answers);
    const ttftN = sum((a) => a.ttftCount);
    const tpsN = sum((a) => a.tpsCount);
    return {
      sessions: aggs.length,
      messages: sum((a) => a.userMessages + a.answers),
      questions: sum((a) => a.userMessages),
      answers,
      avgTtftMs: ttftN ? sum((a) => a.ttftSumMs) / ttftN : null,
      avgTokensPerSecond: tpsN ? sum((a) => a.tpsSum) / tpsN : null,
      refusedShare: answers ? sum((a) => a.refused) / answers : 0,
      searchOnlyShare: answers ? sum((a) => a.searchOnly) / answers : 0,
      feedback: { helpful: sum((a) => a.helpful), notHelpful: sum((a) => a.notHelpful), escalated: sum((a) => a.escalated) }
    };
  }

  dispose(): void {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
  }
}

function snippet(text: string, words: string[]): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = Math.max(0, flat.toLowerCase().indexOf(words[0]));
  const start = Math.max(0, at - 60);
  const end = Math.min(flat.length, at + 100);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
