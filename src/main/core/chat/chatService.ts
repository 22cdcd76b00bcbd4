import { randomUUID } from 'node:crypto';
import type { EventMap } from '../../../shared/contract';
import type { TurnStarted } from '../../../shared/contract/chat';
import type { ChatMessage, ChatScope, FeedbackRating } from '../../../shared/contract/sessions';
import { AppError, isAbortError, toErrorData } from '../platform/errors';
import { runTurn, type TurnDeps } from './turnPipeline';

/** What a turn needs (TurnDeps, minus its per-turn delta callback) plus the event sink. */
export interface ChatServiceDeps extends Omit<TurnDeps, 'onDelta'> {
  events: { emit<E extends keyof EventMap>(event: E, payload: EventMap[E]): void };
}

interface ActiveTurn {
  messageId: string;
  userMessageId: string;
  /** Text streamed so far (for chat.active after a window reload). */
  streamed: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The technician's conversation loop. Calls return at once with ids; each turn then runs in the
 * background (turnPipeline.ts) and ends with exactly one chat.done (after the answer is durably
 * stored) or chat.error. One turn per session at a time: a second send gets CONFLICT.
 */
export class ChatService {
  private readonly turns = new Map<string, ActiveTurn>();
  private disposed = false;

  constructor(private readonly deps: ChatServiceDeps) {}

  async send(input: { sessionId?: string; text: string; scope?: ChatScope }): Promise<TurnStarted> {
    const { store } = this.deps;
    let sessionId = input.sessionId;
    if (sessionId) {
      this.assertIdle(sessionId);
      const s = await store.get(sessionId);
      if (input.scope && JSON.stringify(input.scope) !== JSON.stringify(s.header.scope)) {
        await store.patch(sessionId, { scope: input.scope });
      }
    } else {
      sessionId = (await store.create({ scope: input.scope })).header.id;
      this.deps.events.emit('sessions.changed', { sessionId, reason: 'created' });
    }
    const userMessage = this.userMessage(sessionId, input.text);
    await store.putMessage(sessionId, userMessage);
    return this.start(sessionId, userMessage);
  }

  stop(sessionId: string): { stopped: boolean } {
    const turn = this.turns.get(sessionId);
    if (!turn || turn.controller.signal.aborted) return { stopped: false };
    turn.controller.abort();
    return { stopped: true };
  }

  async regenerate(sessionId: string): Promise<TurnStarted> {
    this.assertIdle(sessionId);
    const s = await this.deps.store.get(sessionId);
    const lastUser = [...s.messages].reverse().find((m) => m.role === 'user');
    if (!lastUser) throw new AppError('NOT_FOUND', 'This session has no question to answer again.');
    const stale = s.messages.filter((m) => m.role === 'assistant' && m.replyTo === lastUser.id).map((m) => m.id);
    if (stale.length) await this.deps.store.removeMessages(sessionId, stale);
    // The engine may cache this session's KV state for the old answer; it no longer matches.
    this.deps.engine()?.dropSession(sessionId);
    return this.start(sessionId, lastUser);
  }

  async editLast(sessionId: string, text: string): Promise<TurnStarted> {
    this.assertIdle(sessionId);
    const s = await this.deps.store.get(sessionId);
    const idx = s.messages.map((m) => m.role).lastIndexOf('user');
    if (idx < 0) throw new AppError('NOT_FOUND', 'This session has no question to edit.');
    await this.deps.store.removeMessages(sessionId, s.messages.slice(idx).map((m) => m.id));
    this.deps.engine()?.dropSession(sessionId);
    const userMessage = this.userMessage(sessionId, text);
    await this.deps.store.putMessage(sessionId, userMessage);
    return this.start(sessionId, userMessage);
  }

  async feedback(input: { sessionId: string; messageId: string; rating: FeedbackRating; comment: string }): Promise<ChatMessage> {
    const s = await this.deps.store.get(input.sessionId);
    const m = s.messages.find((x) => x.id === input.messageId);
    if (!m || m.role !== 'assistant') throw new AppError('NOT_FOUND', 'No such answer in this session.');
    await this.deps.store.setFeedback(input.sessionId, input.messageId, {
      rating: input.rating,
      comment: input.comment.trim(),
      at: new Date().toISOString()
    });
    this.deps.events.emit('sessions.changed', { sessionId: input.sessionId, reason: 'updated' });
    return structuredClone(m);
  }

  active(): Array<{ sessionId: string; messageId: string; userMessageId: string; text: string }> {
    return [...this.turns.entries()].map(([sessionId, t]) => ({ sessionId, messageId: t.messageId, userMessageId: t.userMessageId, text: t.streamed }));
  }

  isBusy(sessionId: string): boolean {
    return this.turns.has(sessionId);
  }

  /** Resolves when the session's running turn (if any) has finished and been stored. */
  async waitIdle(sessionId: string): Promise<void> {
    await this.turns.get(sessionId)?.done;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const turns = [...this.turns.values()];
    for (const t of turns) t.controller.abort();
    await Promise.allSettled(turns.map((t) => t.done));
  }

  private assertIdle(sessionId: string): void {
    if (this.disposed) throw new AppError('INTERNAL', 'Chat is shutting down.');
    if (this.turns.has(sessionId)) throw new AppError('CONFLICT', 'An answer is still being written in this session; stop it first.');
  }

  private userMessage(sessionId: string, text: string): ChatMessage {
    return {
      id: randomUUID(),
      sessionId,
      role: 'user',
      text: text.trim(),
      createdAt: new Date().toISOString(),
      sources: [],
      related: []
    };
  }

  private start(sessionId: string, userMessage: ChatMessage): TurnStarted {
    const messageId = randomUUID();
    const controller = new AbortController();
    const turn: ActiveTurn = { messageId, userMessageId: userMessage.id, streamed: '', controller, done: Promise.resolve() };
    const deps: TurnDeps = {
      ...this.deps,
      onDelta: (delta) => {
        turn.streamed += delta;
        this.deps.events.emit('chat.delta', { sessionId, messageId, delta });
      }
    };
    const done = (async () => {
      try {
        const message = await runTurn(deps, { sessionId, messageId, userMessage, signal: controller.signal });
        // Stored (fsynced) before anyone hears about it: chat.done means "durable".
        await this.deps.store.putMessage(sessionId, message);
        this.turns.delete(sessionId);
        this.deps.events.emit('chat.done', { sessionId, message });
        this.deps.events.emit('sessions.changed', { sessionId, reason: 'message' });
      } catch (e) {
        this.turns.delete(sessionId);
        const error = controller.signal.aborted && isAbortError(e) ? { code: 'CANCELLED', message: 'Stopped.' } : toErrorData(e);
        if (error.code !== 'CANCELLED') this.deps.logger.error('chat turn failed', { sessionId, error: e });
        this.deps.events.emit('chat.error', { sessionId, messageId, error: { code: error.code, message: error.message } });
      }
    })();
    turn.done = done;
    this.turns.set(sessionId, turn);
    return { sessionId, messageId, userMessage };
  }
}
