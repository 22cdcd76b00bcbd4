/**
 * WebSocket resource limits (issue 21): a per-socket cap on calls in flight, a bounded queue
 * (overflow answered BUSY), a bounded send buffer (reading pauses while a client
 * is behind; a client that never reads is dropped past the hard limit), and nothing kept after a
 * socket closes. Timing-free: the core here holds its calls behind a gate the test opens.
 * Memory and latency figures under a real flood are in `npm run bench:ws`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { EventMap } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import { TypedEmitter } from '../../../src/main/core/platform/emitter';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { bridgeCore, DEFAULT_WS_LIMITS, type CoreBridge, type WsLimits } from '../../../src/main/web/wsBridge';

/** A core whose 'hold' calls wait for the gate; 'ping' answers at once; 'big' answers 1 MB. */
class GatedCore {
  readonly events = new TypedEmitter<EventMap>(() => {});
  readonly logger = nullLogger;
  running = 0;
  maxRunning = 0;
  started = 0;
  /** 'step' calls in the order they started (their input), each waiting for its own release. */
  readonly stepOrder: unknown[] = [];
  private readonly stepGates: Array<() => void> = [];
  private gate!: Promise<void>;
  open!: () => void;
  constructor() {
    this.close();
  }
  close(): void {
    this.gate = new Promise((r) => (this.open = r));
  }
  /** Lets the earliest still-held 'step' call finish. */
  releaseStep(): void {
    this.stepGates.shift()?.();
  }
  async call(method: string, input?: unknown): Promise<Result<unknown>> {
    this.started++;
    if (method === 'step') {
      this.stepOrder.push(input);
      await new Promise<void>((r) => this.stepGates.push(r));
      return { ok: true, value: input };
    }
    if (method === 'ping') return { ok: true, value: 'pong' };
    if (method === 'big') return { ok: true, value: 'x'.repeat(1024 * 1024) };
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await this.gate;
    this.running--;
    return { ok: true, value: null };
  }
}

let server: Server;
let wss: WebSocketServer;
let bridge: CoreBridge;
let core: GatedCore;
let url: string;
const clients: WebSocket[] = [];

/** No rate limit unless a test asks for one: these tests are about queues, not call rates. */
const UNLIMITED_RATE = { callsPerSecond: 1e12, callBurst: 1e12 };
let clock = 0;

async function start(limits: Partial<WsLimits> = {}): Promise<void> {
  core = new GatedCore();
  server = createServer();
  wss = new WebSocketServer({ server });
  clock = 0;
  bridge = bridgeCore(wss, core as never, { ...DEFAULT_WS_LIMITS, ...UNLIMITED_RATE, ...limits }, () => clock);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    clients.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Waits for a condition the host reaches by itself (no sleeps that decide the outcome). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for: ${what}`);
}

beforeEach(() => {
  clients.length = 0;
});
afterEach(async () => {
  for (const c of clients) c.terminate();
  core.open();
  bridge.stop();
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  await new Promise((r) => server.close(r));
});

describe('WebSocket limits', () => {
  it('a flood of 10,000 calls on one socket: at most maxInFlight run, the queue stays bounded, another client is answered, every call is answered', async () => {
    await start();
    const flood = await connect();
    const answers = { ok: 0, busy: 0 };
    flood.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { result: Result<unknown> };
      if (m.result.ok) answers.ok++;
      else if (m.result.error.code === 'BUSY') answers.busy++;
    });
    for (let i = 1; i <= 10_000; i++) flood.send(JSON.stringify({ id: i, method: 'hold' }));
    await until(() => core.running === DEFAULT_WS_LIMITS.maxInFlight, 'the first calls to start');

    // While all of the flood is held, another client's call is answered.
    const other = await connect();
    const pong = await new Promise<unknown>((resolve) => {
      other.once('message', (d) => resolve(JSON.parse(d.toString())));
      other.send(JSON.stringify({ id: 'x', method: 'ping' }));
    });
    expect(pong).toEqual({ id: 'x', result: { ok: true, value: 'pong' } });
    expect(answers.ok).toBe(0); // ...and the flood is still held behind the gate

    const s = bridge.stats();
    expect(s.inFlight).toBe(DEFAULT_WS_LIMITS.maxInFlight); // the flood never takes the last free slot
    expect(s.queued).toBeLessThanOrEqual(DEFAULT_WS_LIMITS.busyQueued);
    expect(core.started).toBeLessThanOrEqual(DEFAULT_WS_LIMITS.maxInFlight + 1); // 4 holds + the ping

    core.open();
    await until(() => answers.ok + answers.busy === 10_000, 'every flood call answered');
    expect(core.maxRunning).toBe(DEFAULT_WS_LIMITS.maxInFlight);
    expect(answers.busy).toBe(bridge.stats().busyAnswers);
    expect(answers.busy).toBeGreaterThan(10_000 - DEFAULT_WS_LIMITS.busyQueued - 2 * DEFAULT_WS_LIMITS.maxInFlight - 1);
    expect(bridge.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  }, 60_000);

  it('answers BUSY past the hard queue limit, and the calls it accepted still run in order', async () => {
    await start({ maxInFlight: 1, busyQueued: 8 });
    const ws = await connect();
    const replies: Array<{ id: number; code?: string }> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { id: number; result: Result<unknown> };
      replies.push({ id: m.id, code: m.result.ok ? undefined : m.result.error.code });
    });
    for (let i = 1; i <= 50; i++) ws.send(JSON.stringify({ id: i, method: 'hold' }));
    await until(() => replies.length === 41, 'the overflow answered BUSY');
    expect(bridge.stats()).toMatchObject({ queued: 8, inFlight: 1 });
    core.open();
    await until(() => replies.length === 50, 'all answered');
    const ok = replies.filter((r) => !r.code).map((r) => r.id);
    expect(ok).toEqual([...ok].sort((a, b) => a - b));
    expect(replies.filter((r) => r.code === 'BUSY').length).toBe(50 - ok.length);
  });

  it('stops reading from a client that does not read its replies, drops it past the hard limit, and keeps nothing after', async () => {
    await start({ sendHighWater: 2 * 1024 * 1024, sendLowWater: 512 * 1024, sendHardLimit: 16 * 1024 * 1024 });
    const lazy = await connect();
    (lazy as unknown as { _socket: { pause(): void } })._socket.pause(); // never reads again
    for (let i = 1; i <= 200; i++) lazy.send(JSON.stringify({ id: i, method: 'big' }));
    // The host answers until its send buffer passes the high-water mark, then stops reading.
    await until(() => core.started > 0 && bridge.stats().inFlight === 0, 'the host to stop taking calls');
    const taken = core.started;
    expect(taken).toBeLessThan(200);
    // Events keep coming for it (1 MB each): past the hard limit the host drops the socket.
    for (let i = 0; i < 40 && bridge.stats().connections > 0; i++) core.events.emit('library.changed', { reason: 'status', docIds: ['y'.repeat(1024 * 1024)] });
    await until(() => bridge.stats().connections === 0, 'connection state released');
    await until(() => wss.clients.size === 0, 'the socket itself gone too');
    expect(bridge.stats()).toMatchObject({ connections: 0, inFlight: 0, queued: 0, dropped: 1 });
  }, 60_000);

  it('releases a closed socket\'s queue at once', async () => {
    await start();
    const ws = await connect();
    for (let i = 1; i <= 100; i++) ws.send(JSON.stringify({ id: i, method: 'hold' }));
    await until(() => bridge.stats().queued > 0, 'calls queued');
    ws.terminate();
    await until(() => bridge.stats().connections === 0, 'socket closed');
    expect(bridge.stats().queued).toBe(0);
  });

  it('fair scheduling: a slot freed by a flooding client goes to another client\'s waiting call, not to the flood\'s next one', async () => {
    await start({ maxInFlight: 2, maxRunning: 2 });
    const flood = await connect();
    for (let i = 1; i <= 50; i++) flood.send(JSON.stringify({ id: i, method: 'step', input: `flood-${i}` }));
    await until(() => core.stepOrder.length === 2, 'the flood to fill both slots');
    const other = await connect();
    const answer = new Promise<unknown>((resolve) => other.once('message', (d) => resolve(JSON.parse(d.toString()))));
    other.send(JSON.stringify({ id: 'o', method: 'step', input: 'other' }));
    await until(() => bridge.stats().queued === 49, 'the other call to wait in its queue');
    expect(core.stepOrder).toEqual(['flood-1', 'flood-2']); // no slot free: it waits
    core.releaseStep(); // flood-1 ends: the freed slot is the other client's
    await until(() => core.stepOrder.length === 3, 'the next call to start');
    expect(core.stepOrder[2]).toBe('other');
    core.releaseStep(); // flood-2 ends: the flood goes on
    core.releaseStep(); // the other call ends
    expect(await answer).toEqual({ id: 'o', result: { ok: true, value: 'other' } });
    await until(() => core.stepOrder.length === 5, 'the flood to continue');
    expect(core.stepOrder.slice(3)).toEqual(['flood-3', 'flood-4']);
    for (let i = 0; i < 60; i++) core.releaseStep();
  });

  it('with the default limits one flooding client leaves a slot free: another client\'s call starts while the flood is held', async () => {
    await start();
    const flood = await connect();
    for (let i = 1; i <= 100; i++) flood.send(JSON.stringify({ id: i, method: 'step', input: `flood-${i}` }));
    await until(() => core.stepOrder.length === DEFAULT_WS_LIMITS.maxInFlight, 'the flood to start');
    const other = await connect();
    other.send(JSON.stringify({ id: 'o', method: 'step', input: 'other' }));
    await until(() => core.stepOrder.includes('other'), 'the other call to start');
    expect(core.stepOrder).toHaveLength(DEFAULT_WS_LIMITS.maxInFlight + 1);
    for (let i = 0; i < 120; i++) core.releaseStep();
  });

  it('answers RATE_LIMITED (with the call id) past the calls-per-second budget, without queueing; the budget refills with time', async () => {
    await start({ callsPerSecond: 10, callBurst: 5 });
    const ws = await connect();
    const replies: Array<{ id: unknown; code?: string; message?: string }> = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { id: unknown; result: Result<unknown> };
      replies.push({ id: m.id, code: m.result.ok ? undefined : m.result.error.code, message: m.result.ok ? undefined : m.result.error.message });
    });
    for (let i = 1; i <= 8; i++) ws.send(JSON.stringify({ id: i, method: 'ping' }));
    await until(() => replies.length === 8, 'all answered');
    expect(replies.filter((r) => !r.code).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(replies.filter((r) => r.code === 'RATE_LIMITED').map((r) => r.id).sort()).toEqual([6, 7, 8]);
    expect(replies.find((r) => r.code)?.message).toMatch(/10 per second/);
    expect(core.started).toBe(5);
    expect(bridge.stats().rateLimited).toBe(3);
    clock += 200; // 0.2 s at 10/s: two more calls allowed
    for (let i = 9; i <= 11; i++) ws.send(JSON.stringify({ id: i, method: 'ping' }));
    await until(() => replies.length === 11, 'all answered');
    expect(replies.slice(8).filter((r) => !r.code)).toHaveLength(2);
    expect(replies.slice(8).filter((r) => r.code === 'RATE_LIMITED')).toHaveLength(1);
  });
});
