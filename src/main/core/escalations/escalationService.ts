import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CallContext, EventMap } from '../../../shared/contract';
import { escalation, type Escalation, type EscalationCounts, type EscalationStatus } from '../../../shared/contract/escalations';
import { readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import { AppError } from '../platform/errors';
import { assertCanSeeSession } from '../access/ownership';
import type { SessionState } from '../sessions/journal';

const escalationsFile = z.object({ v: z.literal(1), items: z.array(escalation) });

export interface EscalationDeps {
  /** `<userData>/escalations.json`. */
  path: string;
  session(id: string): Promise<SessionState>;
  events: { emit<E extends keyof EventMap>(event: E, payload: EventMap[E]): void };
  now?: () => number;
}

/**
 * Escalation records: a copy of the question, answer and sources at the time (the session may be
 * edited or deleted later; the supervisor still needs what the technician saw), who sent it and
 * for which machine, and the status open → acknowledged → resolved with the resolution text.
 * Few and small, so one JSON file rewritten atomically per change (queued: no lost update).
 */
export class EscalationService {
  private items: Escalation[] = [];
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EscalationDeps) {}

  async open(): Promise<void> {
    const raw = await readJsonIfExists(this.deps.path);
    if (raw === undefined) return;
    const parsed = escalationsFile.safeParse(raw);
    if (!parsed.success) throw new Error(`escalations.json is damaged (${parsed.error.issues[0]?.message ?? 'invalid'}); restore it from a backup.`);
    this.items = parsed.data.items;
  }

  /** Escalates one answer; escalating it again while unresolved updates the note instead of duplicating. */
  async create(ctx: CallContext, input: { sessionId: string; messageId: string; note: string }): Promise<Escalation> {
    const s = await this.deps.session(input.sessionId).catch(() => undefined);
    assertCanSeeSession(ctx, s?.header.ownerId, input.sessionId);
    const answer = s!.messages.find((m) => m.id === input.messageId && m.role === 'assistant');
    if (!answer) throw new AppError('NOT_FOUND', `No answer ${input.messageId} in this session.`);
    const question = s!.messages.find((m) => m.id === answer.replyTo)?.text ?? '';
    const at = this.iso();
    const existing = this.items.find((e) => e.messageId === answer.id && e.status !== 'resolved');
    if (existing) return this.change(existing.id, (e) => ({ ...e, note: input.note || e.note, updatedAt: at }));
    const item: Escalation = {
      id: randomUUID(),
      sessionId: s!.header.id,
      messageId: answer.id,
      question,
      answer: answer.text,
      sources: answer.sources,
      technician: { profileId: ctx.profile?.id ?? '', name: s!.header.technician || ctx.profile?.name || '' },
      machine: s!.header.machine,
      serialNumber: s!.header.serialNumber,
      note: input.note,
      status: 'open',
      resolution: '',
      createdAt: at,
      updatedAt: at,
      handledBy: ''
    };
    await this.save((items) => [...items, item]);
    this.deps.events.emit('escalations.changed', { id: item.id, sessionId: item.sessionId, status: item.status });
    return item;
  }

  /** Admins see every escalation, a technician the ones they sent or that are on their sessions. */
  list(ctx: CallContext, filter: { status?: EscalationStatus; sessionId?: string } = {}): Escalation[] {
    return this.items
      .filter((e) => ctx.admin || e.technician.profileId === ctx.profile?.id)
      .filter((e) => (!filter.status || e.status === filter.status) && (!filter.sessionId || e.sessionId === filter.sessionId))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  counts(ctx: CallContext): EscalationCounts {
    const c: EscalationCounts = { open: 0, acknowledged: 0, resolved: 0 };
    for (const e of this.list(ctx)) c[e.status]++;
    return c;
  }

  /** For session exports: every escalation of these sessions, whoever may see them (the exporter checked). */
  forSessions(ids: string[]): Escalation[] {
    const set = new Set(ids);
    return this.items.filter((e) => set.has(e.sessionId));
  }

  acknowledge(ctx: CallContext, id: string): Promise<Escalation> {
    return this.change(id, (e) => {
      if (e.status !== 'open') throw new AppError('CONFLICT', `This escalation is already ${e.status}.`);
      return { ...e, status: 'acknowledged', handledBy: ctx.profile?.name ?? '', updatedAt: this.iso() };
    });
  }

  resolve(ctx: CallContext, id: string, resolution: string): Promise<Escalation> {
    return this.change(id, (e) => ({ ...e, status: 'resolved', resolution, handledBy: ctx.profile?.name ?? '', updatedAt: this.iso() }));
  }

  async dispose(): Promise<void> {
    await this.writes;
  }

  private async change(id: string, fn: (e: Escalation) => Escalation): Promise<Escalation> {
    let next: Escalation | undefined;
    await this.save((items) => {
      const current = items.find((e) => e.id === id);
      if (!current) throw new AppError('NOT_FOUND', `No escalation ${id}.`);
      const changed = fn(current);
      next = changed;
      return items.map((e) => (e.id === id ? changed : e));
    });
    if (!next) throw new AppError('NOT_FOUND', `No escalation ${id}.`);
    this.deps.events.emit('escalations.changed', { id, sessionId: next.sessionId, status: next.status });
    return next;
  }

  /** Changes are queued and applied to the latest list; written first, adopted after (a failed write changes nothing). */
  private save(update: (items: Escalation[]) => Escalation[]): Promise<void> {
    const run = this.writes.then(async () => {
      const items = update(this.items);
      await writeJsonAtomic(this.deps.path, { v: 1, items });
      this.items = items;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  private iso(): string {
    return new Date((this.deps.now ?? Date.now)()).toISOString();
  }
}
