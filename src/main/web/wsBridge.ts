import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Core } from '../core/createCore';
import type { Seat } from '../core/access/accessService';
import type { WebSeats } from './webSeats';
import type { Result } from '../../shared/result';
import { CallScheduler } from './callScheduler';
import { RateLimiter } from './rateLimit';

/**
 * Incoming messages larger than this are refused by `ws`: the socket is closed with code 1009
 * "Max payload size exceeded" (uploads go over HTTP instead; the contract's own length limits keep
 * real calls far below it — the one bigger input, host.saveFile, is desktop-only).
 */
export const MAX_WS_MESSAGE_BYTES = 1024 * 1024;

/**
 * Per-connection resource limits. One socket must not be able to take the host's memory (a flood
 * of calls all running at once, or replies piling up for a client that never reads) or its time
 * (another client's calls waiting behind thousands of queued ones).
 */
export interface WsLimits {
  /**
   * Calls of one connection running in the core at once; the rest wait in its queue, in order.
   * Small on purpose: searches are CPU-bound on the core's thread, and every running call of a
   * flooding client sits in the event loop ahead of another client's call (bench:ws: 4 gave
   * another client p95 364 ms under a flood, 1 gave 64 ms). 2 keeps one lane free for a
   * client's quick calls while one of its long ones (an export, a model copy) runs.
   */
  maxInFlight: number;
  /**
   * Calls running at once over all connections. Above maxInFlight, so one flooding client never
   * holds every slot: another client's call starts on the next event-loop turn (callScheduler.ts).
   */
  maxRunning: number;
  /**
   * Calls per second per connection (a token bucket allowing bursts of `callBurst`); more are
   * answered RATE_LIMITED without being queued. The renderer sends a few dozen calls at start-up
   * and then a handful per user action, far below this.
   */
  callsPerSecond: number;
  callBurst: number;
  /**
   * Waiting calls (count / bytes) above which a new call is answered BUSY at once. (Reading is not
   * paused for this: a paused socket does not see its client hang up, so a vanished flooder's
   * queue would stay until it drained.) The renderer never has more than a few dozen calls out.
   */
  busyQueued: number;
  busyQueuedBytes: number;
  /** Reading pauses while more than this is waiting to be sent to the client, and resumes below `sendLowWater`. */
  sendHighWater: number;
  sendLowWater: number;
  /** A client this far behind on its replies/events is not reading: it is dropped. */
  sendHardLimit: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxInFlight: 2,
  maxRunning: 3,
  callsPerSecond: 200,
  callBurst: 400,
  busyQueued: 256,
  busyQueuedBytes: 16 * 1024 * 1024,
  sendHighWater: 8 * 1024 * 1024,
  sendLowWater: 1024 * 1024,
  sendHardLimit: 64 * 1024 * 1024
};

export interface BridgeStats {
  connections: number;
  inFlight: number;
  queued: number;
  busyAnswers: number;
  rateLimited: number;
  dropped: number;
}

export interface CoreBridge {
  /** Stops pushing events (the server closes the sockets). */
  stop(): void;
  stats(): BridgeStats;
}

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message } });

/**
 * The call id of a message the host will not parse (rate limited), read from its first bytes so
 * the client can still match the refusal to its call; null when it is not there.
 */
function envelopeId(data: RawData): number | string | null {
  const head = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).subarray(0, 120).toString('utf8');
  const m = /^\s*\{\s*"id"\s*:\s*(?:(-?\d{1,15})|"([^"\\]{0,64})")/.exec(head);
  return m ? (m[1] !== undefined ? Number(m[1]) : m[2]) : null;
}

interface Call {
  id: number | string;
  method: string;
  input: unknown;
  bytes: number;
}

/** Everything kept per socket; dropped as a whole when the socket closes. */
class Connection {
  readonly queue: Call[] = [];
  queuedBytes = 0;
  inFlight = 0;
  closed = false;
  readonly rate: RateLimiter;
  /** Who this socket is signed in as (see WebSeats): every call runs as this seat. */
  seat: Seat | undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly limits: WsLimits,
    private readonly scheduler: CallScheduler<Call, Connection>,
    private readonly onDrop: (reason: string) => void,
    private readonly onClosed: () => void,
    now: () => number
  ) {
    this.rate = new RateLimiter(limits.callsPerSecond, limits.callBurst, now);
  }

  /** True when the call was queued, false when the caller must answer BUSY. */
  accept(call: Call): boolean {
    if (this.queue.length >= this.limits.busyQueued || this.queuedBytes + call.bytes > this.limits.busyQueuedBytes) return false;
    this.queue.push(call);
    this.queuedBytes += call.bytes;
    this.scheduler.wake();
    return true;
  }

  hasWaiting(): boolean {
    return this.queue.length > 0;
  }

  next(): Call | undefined {
    const call = this.queue.shift();
    if (call) this.queuedBytes -= call.bytes;
    this.flowControl();
    return call;
  }

  /** Sends a frame; past the hard limit the client is not reading and the socket is dropped. */
  send(text: string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount + text.length > this.limits.sendHardLimit) {
      this.onDrop(`client not reading: over ${this.limits.sendHardLimit} bytes waiting to be sent`);
      this.close();
      // A paused socket with unread frames never reports 'close': let `ws` finish it off.
      this.ws.resume();
      this.ws.terminate();
      return;
    }
    // The callback runs once the frame is handed to the OS: the moment to resume reading.
    this.ws.send(text, () => this.flowControl());
    this.flowControl();
  }

  /**
   * Pauses reading while the client is behind on its replies (no new calls are taken from it
   * then); resumes once the send buffer is low again. A client that vanished meanwhile is noticed
   * through the failing writes (see the socket 'close' hook in bridgeCore).
   */
  flowControl(): void {
    if (this.closed) return;
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.limits.sendHighWater && !this.ws.isPaused) this.ws.pause();
    else if (buffered < this.limits.sendLowWater && this.ws.isPaused) this.ws.resume();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.remove(this);
    this.onClosed();
    this.queue.length = 0;
    this.queuedBytes = 0;
  }
}

/**
 * Speaks the contract over WebSocket: `{id, method, input}` → `core.call` → `{id, result}`, and
 * pushes every core event to every connected client as `{event, payload}`. Core.call already
 * validates with zod and never throws, so a bad message can only ever produce an error result.
 * Each socket runs at most `maxInFlight` calls at once (in order), with backpressure on reading
 * and sending (see WsLimits).
 */
export function bridgeCore(
  wss: WebSocketServer,
  core: Pick<Core, 'call' | 'events' | 'logger'> & { seats?: WebSeats },
  limits: WsLimits = DEFAULT_WS_LIMITS,
  /** Milliseconds clock for the rate limit (tests pass their own). */
  now: () => number = () => performance.now()
): CoreBridge {
  const connections = new Set<Connection>();
  const scheduler = new CallScheduler<Call, Connection>(limits.maxInFlight, limits.maxRunning, runCall);
  let busyAnswers = 0;
  let rateLimited = 0;
  let dropped = 0;

  wss.on('connection', (ws: WebSocket, req?: IncomingMessage) => {
    const conn = new Connection(
      ws,
      limits,
      scheduler,
      (reason) => {
        dropped++;
        core.logger.warn('websocket dropped', { reason });
      },
      () => {
        connections.delete(conn);
        if (conn.seat) core.seats?.close(conn.seat);
      },
      now
    );
    conn.seat = core.seats?.open(req);
    connections.add(conn);
    scheduler.add(conn);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!conn.closed) receive(conn, data, isBinary);
    });
    ws.on('error', (e) => core.logger.warn('websocket error', { error: e }));
    ws.on('close', () => conn.close());
    // The TCP socket's own close: `ws` reports 'close' for a paused socket only once resumed.
    req?.socket.once('close', () => {
      conn.close();
      ws.resume();
    });
  });

  function receive(conn: Connection, data: RawData, isBinary: boolean): void {
    // Counted before any parsing: a flood costs the host as little as possible.
    if (!conn.rate.take()) {
      rateLimited++;
      return reply(conn, envelopeId(data), {
        ok: false,
        error: { code: 'RATE_LIMITED', message: `Too many calls on this connection (over ${limits.callsPerSecond} per second); slow down and retry.` }
      });
    }
    if (isBinary) return reply(conn, null, invalid('Binary messages are not supported; send JSON text.'));
    const text = data.toString();
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return reply(conn, null, invalid('Message is not valid JSON.'));
    }
    const m = msg as { id?: unknown; method?: unknown; input?: unknown };
    const id = typeof m?.id === 'number' || typeof m?.id === 'string' ? m.id : null;
    if (id === null || typeof m.method !== 'string') {
      return reply(conn, id, invalid('Expected {id, method, input}.'));
    }
    if (!conn.accept({ id, method: m.method, input: m.input, bytes: text.length })) {
      busyAnswers++;
      reply(conn, id, {
        ok: false,
        error: { code: 'BUSY', message: `Too many calls waiting on this connection (${limits.busyQueued}); retry once earlier calls have answered.` }
      });
    }
  }

  async function runCall(conn: Connection, call: Call): Promise<void> {
    const result = await core.call(call.method, call.input, conn.seat);
    reply(conn, call.id, result);
  }

  function reply(conn: Connection, id: number | string | null, result: Result<unknown>): void {
    let text: string;
    try {
      text = JSON.stringify({ id, result });
    } catch (e) {
      core.logger.error('could not serialise a result', { error: e });
      text = JSON.stringify({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'Result could not be serialised.' } } });
    }
    conn.send(text);
  }

  const stopEvents = core.events.onAny((event, payload) => {
    if (connections.size === 0) return;
    const text = JSON.stringify({ event, payload });
    for (const conn of connections) if (!conn.seat || !core.seats || core.seats.sees(conn.seat, event, payload)) conn.send(text);
  });

  return {
    stop: stopEvents,
    stats() {
      let inFlight = 0;
      let queued = 0;
      for (const c of connections) {
        inFlight += c.inFlight;
        queued += c.queue.length;
      }
      return { connections: connections.size, inFlight, queued, busyAnswers, rateLimited, dropped };
    }
  };
}
