import type { StoreApi } from 'zustand/vanilla';
import type { Api, EventPayload } from '../../../../shared/contract';
import type { ChatScope, FeedbackRating, SessionSummary } from '../../../../shared/contract/sessions';
import type { AppErrorData, Result } from '../../../../shared/result';
import type { ScopeOptions } from './chatPorts';
import type * as T from './transcript';

/**
 * The chat store's shape, in its own file so the store's parts (session list, transcript and
 * turns, turn runner) depend on it and not on each other.
 */
export const EMPTY_SCOPE: ChatScope = { machineModels: [], documentIds: [], tags: [] };

/** The sidebar's list of sessions. */
export interface SessionListState {
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  /** Sidebar filter text; `hitIds` = sessions whose messages match it (from sessions.search). */
  filter: string;
  hitIds: string[] | null;

  loadSessions(): Promise<void>;
  setFilter(text: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  /** Machine / serial / technician for the service report. */
  updateDetails(id: string, patch: { machine: string; serialNumber: string; technician: string }): Promise<boolean>;
  togglePin(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  onSessionsChanged(e: EventPayload<'sessions.changed'>): void;
}

/** The open session's transcript and the turn being streamed into it. */
export interface TranscriptState {
  activeId: string | null;
  transcript: T.Transcript;
  /** The answer being streamed (only one turn at a time per window). */
  streaming: { sessionId: string; messageId: string } | null;
  stopping: boolean;
  /**
   * Records of the open session's journal that were damaged and set aside when it was read
   * (sessions.get `damagedEntries`); 0 for an intact session. Shown as a notice, not an error.
   */
  damagedEntries: number;

  open(sessionId: string): Promise<void>;
  newChat(): void;
  send(text: string): Promise<boolean>;
  stop(): Promise<void>;
  regenerate(): Promise<void>;
  editLast(text: string): Promise<boolean>;
  feedback(messageId: string, rating: FeedbackRating, comment?: string): Promise<boolean>;

  // Event sinks (wired by connectChatEvents).
  onDelta(e: EventPayload<'chat.delta'>): void;
  onDone(e: EventPayload<'chat.done'>): void;
  onError(e: EventPayload<'chat.error'>): void;
}

/** Scope, the library/model facts chat depends on, and the last error. */
export interface ChatEnvState {
  /** Scope for the open session (or for the next new one). */
  scope: ChatScope;
  scopeOptions: ScopeOptions;
  /** False until the library / model state was read once (avoids a flash of the wrong empty state). */
  envLoaded: boolean;
  modelLoaded: boolean | null;
  error: AppErrorData | null;

  setScope(scope: ChatScope): Promise<void>;
  refreshEnvironment(): Promise<void>;
  clearError(): void;
}

export type ChatState = SessionListState & TranscriptState & ChatEnvState;
export type ChatStore = StoreApi<ChatState>;

/** What each part of the store is built from. */
export interface ChatSliceContext {
  api: Api;
  set: ChatStore['setState'];
  get: ChatStore['getState'];
  /** Records a failed call's error on the store; true when `r` failed. */
  fail<V>(r: Result<V>): r is { ok: false; error: AppErrorData };
  /** Reloads the session list soon (coalesces bursts of events into one call). */
  scheduleListReload(): void;
}
