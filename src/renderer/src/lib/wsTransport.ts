/**
 * WebSocket transport for the web host: the same contract as Electron IPC, carried as JSON.
 *
 *   client → server  { id, method, input }
 *   server → client  { id, result }            (result is always a Result envelope)
 *   server → client  { event, payload }        (every core event is pushed to every client)
 *
 * Deliberately free of DOM types so Node tests can drive it with the `ws` package.
 */
import type { EventName, MethodName } from '../../../shared/contract';
import type { Invoke, Subscribe } from '../../../shared/contract/client';
import type { Result } from '../../../shared/result';

/** The subset of the browser WebSocket API this client uses (the `ws` package matches it). */
export interface WsLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WsFactory = (url: string) => WsLike;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsTransportOptions {
  url: string;
  /** Defaults to the global WebSocket (browsers, Node ≥ 22). */
  createSocket?: WsFactory;
  /** How long a call made while disconnected waits for the connection before failing (ms). */
  connectWaitMs?: number;
  /** Reconnect backoff bounds (ms). */
  minReconnectMs?: number;
  maxReconnectMs?: number;
}

export interface WsTransport {
  invoke: Invoke;
  subscribe: Subscribe;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Stops reconnecting and fails pending calls. */
  close(): void;
}

const OPEN = 1;

const offline = (message: string): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message } });

/** Listeners per pushed event name; a throwing listener does not stop the others. */
function createEventHub(): { subscribe: Subscribe; dispatch(event: string, payload: unknown): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const subscribe: Subscribe = (event: EventName, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  const dispatch = (event: string, payload: unknown): void => {
    for (const l of [...(listeners.get(event) ?? [])]) {
      try {
        l(payload);
      } catch (e) {
        console.error('event listener threw', e);
      }
    }
  };
  return { subscribe, dispatch };
}

/** Calls sent on the current socket, answered by id; all answered OFFLINE when the socket closes. */
function createPendingCalls() {
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  return {
    add(resolve: (r: Result<unknown>) => void): number {
      const id = nextId++;
      pending.set(id, resolve);
      return id;
    },
    settle(id: number, result: Result<unknown>): void {
      const resolve = pending.get(id);
      pending.delete(id);
      resolve?.(result);
    },
    failAll(message: string): void {
      const failed = [...pending.values()];
      pending.clear();
      for (const resolve of failed) resolve(offline(message));
    }
  };
}

/** One server message: a call's answer (by id) or a pushed event; anything else is ignored. */
function routeMessage(data: unknown, calls: ReturnType<typeof createPendingCalls>, events: ReturnType<typeof createEventHub>): void {
  let msg: { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
  try {
    msg = JSON.parse(typeof data === 'string' ? data : String(data)) as typeof msg;
  } catch {
    return;
  }
  if (typeof msg.id === 'number') calls.settle(msg.id, msg.result as Result<unknown>);
  else if (typeof msg.event === 'string') events.dispatch(msg.event, msg.payload);
}

/**
 * Calls made while not connected wait here for the next 'open', up to `waitMs` (then they fail as
 * OFFLINE). `release` lets every waiter go at once: on open (they send) and on close (they fail).
 */
function createOpenWaiters(waitMs: number) {
  const waiting = new Set<() => void>();
  return {
    wait(): Promise<boolean> {
      return new Promise((resolve) => {
        const done = (value: boolean): void => {
          clearTimeout(timer);
          waiting.delete(onOpen);
          resolve(value);
        };
        const onOpen = (): void => done(true);
        const timer = setTimeout(() => done(false), waitMs);
        waiting.add(onOpen);
      });
    },
    release(): void {
      for (const w of [...waiting]) w();
    }
  };
}

export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const createSocket: WsFactory =
    opts.createSocket ??
    ((url) => {
      const Ctor = (globalThis as { WebSocket?: new (u: string) => WsLike }).WebSocket;
      if (!Ctor) throw new Error('No WebSocket implementation available.');
      return new Ctor(url);
    });
  const connectWaitMs = opts.connectWaitMs ?? 10_000;
  const minDelay = opts.minReconnectMs ?? 250;
  const maxDelay = opts.maxReconnectMs ?? 5_000;

  let socket: WsLike | null = null;
  let current: ConnectionState = 'closed';
  let closedByUser = false;
  let delay = minDelay;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const calls = createPendingCalls();
  const events = createEventHub();
  const waiters = createOpenWaiters(connectWaitMs);
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState): void => {
    if (s === current) return;
    current = s;
    for (const l of stateListeners) l(s);
  };

  function connect(): void {
    if (closedByUser) return;
    setState('connecting');
    let ws: WsLike;
    try {
      ws = createSocket(opts.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      delay = minDelay;
      setState('open');
      waiters.release();
    };
    ws.onmessage = (ev) => routeMessage(ev.data, calls, events);
    ws.onerror = () => {
      /* a close event always follows; reconnect logic lives there */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      calls.failAll('Connection to Benchmate was lost before the call finished.');
      setState('closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closedByUser || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
    delay = Math.min(maxDelay, delay * 2);
  }

  function whenOpen(): Promise<boolean> {
    if (socket && socket.readyState === OPEN) return Promise.resolve(true);
    if (closedByUser) return Promise.resolve(false);
    return waiters.wait();
  }

  const invoke: Invoke = async (method: MethodName, input: unknown) => {
    if (!(await whenOpen()) || !socket) return offline('Not connected to Benchmate.');
    const ws = socket;
    return new Promise<Result<unknown>>((resolve) => {
      const id = calls.add(resolve);
      try {
        ws.send(JSON.stringify({ id, method, input }));
      } catch (e) {
        calls.settle(id, offline(`Could not send the call: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  };

  connect();

  return {
    invoke,
    subscribe: events.subscribe,
    state: () => current,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      waiters.release();
      const ws = socket;
      if (ws) {
        ws.close();
        ws.onclose?.({ code: 1000, reason: 'closed by client' });
      }
      setState('closed');
    }
  };
}
