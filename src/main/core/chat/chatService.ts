import { randomUUID } from 'node:crypto';
import type { EventMap } from '../../../shared/contract';
import type { TurnStarted } from '../../../shared/contract/chat';
import type { ChatMessage, ChatScope, FeedbackRating } from '../../../shared/contract/sessions';
import { AppError, toErrorData } from '../platform/errors';
import { haltPoint } from '../platform/haltPoints';
import { answerTurn, type TurnDeps } from './turnPipeline';
import type { TurnActions } from './turnActions';

/** What a turn needs (TurnDeps, minus its per-turn delta callback) plus the event sink. */
export interface ChatServiceDeps extends Omit<TurnDeps, 'onDelta'> {
  events: { emit<E extends keyof EventMap>(event: E, payload: EventMap[E]): void };
}

interface ActiveTurn {
  sessionId: string;
  messageId: string;
  /** Empty while the turn is only reserved (its question is not stored yet). */
  userMessageId: string;
  /** Text streamed so far (for chat.active after a window reload). */
  streamed: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The technician's conversation loop. Calls return at once with ids; each turn then runs in the
 * background (turnPipeline.ts) and ends with exactly one chat.done (after the answer is durably
 * stored) or chat.error. One turn per session at a time: a second send gets CONFLICT. A stop
 * ends the turn with chat.done and stopReason 'abort', whenever it comes.
 */
export class ChatService {
  private readonly turns = new Map<string, ActiveTurn>();
  private disposed = false;

  constructor(private readonly deps: ChatServiceDeps) {}

  /** `owner`: who a new session belongs to (the caller's profile, see access/ownership.ts). */
  /** `actions`: the caller's assistant actions, offered to a model that can call functions. */
  async send(
    input: { sessionId?: string; text: string; scope?: ChatScope },
    owner: { ownerId: string; technician?: string } = { ownerId: '' },
    actions?: TurnActions
  ): Promise<TurnStarted> {
    const { store } = this.deps;
    if (!input.sessionId) {
      const sessionId = (await store.create({ scope: input.scope, ...owner })).header.id;
      this.deps.events.emit('sessions.changed', { sessionId, reason: 'created' });
      // Nobody else knows the new id yet, so reserving after the await cannot race.
      return this.withTurn(sessionId, async (turn) => this.ask(turn, input.text, actions));
    }
    return this.withTurn(input.sessionId, async (turn) => {
      const s = await store.get(turn.sessionId);
      if (input.scope && JSON.stringify(input.scope) !== JSON.stringify(s.header.scope)) {
        await store.patch(turn.sessionId, { scope: input.scope });
      }
      return this.ask(turn, input.text, actions);
    });
  }

  stop(sessionId: string): { stopped: boolean } {
    const turn = this.turns.get(sessionId);
    if (!turn || turn.controller.signal.aborted) return { stopped: false };
    turn.controller.abort();
    return { stopped: true };
  }

  regenerate(sessionId: string, actions?: TurnActions): Promise<TurnStarted> {
    return this.withTurn(sessionId, async (turn) => {
      const s = await this.deps.store.get(sessionId);
      const lastUser = [...s.messages].reverse().find((m) => m.role === 'user');
      if (!lastUser) throw new AppError('NOT_FOUND', 'This session has no question to answer again.');
      const stale = s.messages.filter((m) => m.role === 'assistant' && m.replyTo === lastUser.id).map((m) => m.id);
      if (stale.length) await this.deps.store.removeMessages(sessionId, stale);
      // The engine may cache this session's KV state for the old answer; it no longer matches.
      this.deps.engine()?.dropSession(sessionId);
      return this.start(turn, lastUser, actions);
    });
  }

  editLast(sessionId: string, text: string, actions?: TurnActions): Promise<TurnStarted> {
    return this.withTurn(sessionId, async (turn) => {
      const s = await this.deps.store.get(sessionId);
      const idx = s.messages.map((m) => m.role).lastIndexOf('user');
      if (idx < 0) throw new AppError('NOT_FOUND', 'This session has no question to edit.');
      await this.deps.store.removeMessages(sessionId, s.messages.slice(idx).map((m) => m.id));
      this.deps.engine()?.dropSession(sessionId);
      return this.ask(turn, text, actions);
    });
  }

  /**
   * A model-proposed action card on a stored answer was confirmed or declined: the answer keeps
   * the outcome, so the transcript shows it after a reload and the card cannot be used twice.
   */
  async settleAction(sessionId: string, messageId: string, proposalId: string, status: 'confirmed' | 'declined' | 'refused', text?: string): Promise<void> {
    const changed = await this.deps.store.updateMessage(sessionId, messageId, (m) =>
      m.actions?.some((a) => a.proposalId === proposalId)
        ? { ...m, actions: m.actions.map((a) => (a.proposalId === proposalId ? { ...a, status, ...(text ? { text } : {}) } : a)) }
        : undefined
    );
    if (changed) this.deps.events.emit('sessions.changed', { sessionId, reason: 'updated' });
  }

  async feedback(input: { sessionId: string; messageId: string; rating: FeedbackRating; comment: string }): Promise<ChatMessage> {
    const s = await this.deps.store.get(input.sessionId);
    const m = s.messages.find((x) => x.id === input.messageId);
    if (!m || m.role !== 'assistant') throw new AppError('NOT_FOUND', 'No such answer in this session.');
    const after = await this.deps.store.setFeedback(input.sessionId, input.messageId, {
      rating: input.rating,
      comment: input.comment.trim(),
      at: new Date().toISOString()
    });
    this.deps.events.emit('sessions.changed', { sessionId: input.sessionId, reason: 'updated' });
    return after.messages.find((x) => x.id === input.messageId) ?? m;
  }

  active(): Array<{ sessionId: string; messageId: string; userMessageId: string; text: string }> {
    return [...this.turns.values()]
      .filter((t) => t.userMessageId)
      .map((t) => ({ sessionId: t.sessionId, messageId: t.messageId, userMessageId: t.userMessageId, text: t.streamed }));
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

  /**
   * Reserves the session's one turn slot synchronously — before any await — so two calls that
   * arrive together cannot both pass the idle check; the loser gets CONFLICT. The slot is freed
   * again if `setup` fails before the turn starts.
   */
  private async withTurn(sessionId: string, setup: (turn: ActiveTurn) => Promise<TurnStarted>): Promise<TurnStarted> {
    if (this.disposed) throw new AppError('INTERNAL', 'Chat is shutting down.');
    if (this.turns.has(sessionId)) throw new AppError('CONFLICT', 'An answer is still being written in this session; stop it first.');
    const turn: ActiveTurn = { sessionId, messageId: randomUUID(), userMessageId: '', streamed: '', controller: new AbortController(), done: Promise.resolve() };
    this.turns.set(sessionId, turn);
    try {
      return await setup(turn);
    } catch (e) {
      if (!turn.userMessageId) this.turns.delete(sessionId);
      throw e;
    }
  }

  private async ask(turn: ActiveTurn, text: string, actions?: TurnActions): Promise<TurnStarted> {
    const userMessage: ChatMessage = {
      id: randomUUID(),
      sessionId: turn.sessionId,
      role: 'user',
      text: text.trim(),
      createdAt: new Date().toISOString(),
      sources: [],
      related: []
    };
    await this.deps.store.putMessage(turn.sessionId, userMessage);
    haltPoint('ask:question-stored');
    return this.start(turn, userMessage, actions);
  }

  private start(turn: ActiveTurn, userMessage: ChatMessage, actions?: TurnActions): TurnStarted {
    const { sessionId, messageId, controller } = turn;
    turn.userMessageId = userMessage.id;
    const deps: TurnDeps = {
      ...this.deps,
      onDelta: (delta) => {
        turn.streamed += delta;
        this.deps.events.emit('chat.delta', { sessionId, messageId, delta });
        haltPoint('ask:streaming');
      }
    };
    turn.done = (async () => {
      try {
        let message: ChatMessage;
        try {
          message = await answerTurn(deps, { sessionId, messageId, userMessage, signal: controller.signal, actions });
        } catch (e) {
          // Stopped before the answer began (rewrite or retrieval): a stopped, empty answer, the
          // same outcome as a stop before the model's first token — not a failure.
          if (!controller.signal.aborted || toErrorData(e).code !== 'CANCELLED') throw e;
          message = stoppedAnswer(sessionId, messageId, userMessage.id);
        }
        // Stored (fsynced) before anyone hears about it: chat.done means "durable".
        await this.deps.store.putMessage(sessionId, message);
        this.turns.delete(sessionId);
        this.deps.events.emit('chat.done', { sessionId, message });
        this.deps.events.emit('sessions.changed', { sessionId, reason: 'message' });
      } catch (e) {
        this.turns.delete(sessionId);
        const error = toErrorData(e);
        this.deps.logger.error('chat turn failed', { sessionId, error: e });
        this.deps.events.emit('chat.error', { sessionId, messageId, error: { code: error.code, message: error.message } });
      }
    })();
    return { sessionId, messageId, userMessage };
  }
}

function stoppedAnswer(sessionId: string, messageId: string, replyTo: string): ChatMessage {
  return {
    id: messageId,
    sessionId,
    role: 'assistant',
    text: '',
    createdAt: new Date().toISOString(),
    replyTo,
    mode: 'answer',
    sources: [],
    related: [],
    stopReason: 'abort',
    modelId: null
  };
}
