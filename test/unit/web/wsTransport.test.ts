import { describe, expect, it } from 'vitest';
import { createWsTransport, type WsLike } from '../../../src/renderer/src/lib/wsTransport';

/** A scriptable socket: the test decides when it opens, what it answers and when it drops. */
class FakeSocket implements WsLike {
  readyState = 0;
  sent: Array<{ id: number; method: string; input: unknown }> = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  reply(id: number, result: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  push(event: string, payload: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const sockets: FakeSocket[] = [];
  const t = createWsTransport({
    url: 'ws://h/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    minReconnectMs: 5,
    maxReconnectMs: 20,
    connectWaitMs: 1_000
  });
  return { t, sockets };
}

describe('WebSocket transport', () => {
  it('queues calls until the socket opens, then matches answers by id', async () => {
    const { t, sockets } = setup();
    expect(t.state()).toBe('connecting');
    const a = t.invoke('app.info', undefined);
    const b = t.invoke('jobs.cancel', { jobId: 'x' });
    await tick();
    expect(sockets[0].sent).toHaveLength(0);
    sockets[0].open();
    await tick();
    expect(sockets[0].sent.map((m) => m.method)).toEqual(['app.info', 'jobs.cancel']);
    const [first, second] = sockets[0].sent;
    sockets[0].reply(second.id, { ok: true, value: { cancelled: false } });
    sockets[0].reply(first.id, { ok: true, value: 'info' });
    expect(await a).toEqual({ ok: true, value: 'info' });
    expect(await b).toEqual({ ok: true, value: { cancelled: false } });
    t.close();
  });

  it('fails in-flight calls with OFFLINE when the connection drops, then reconnects', async () => {
    const { t, sockets } = setup();
    const states: string[] = [];
    t.onState((s) => states.push(s));
    sockets[0].open();
    const pending = t.invoke('app.health', undefined);
    await tick();
    sockets[0].drop();
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('OFFLINE');
    await tick(30);
    expect(sockets.length).toBe(2);
    sockets[1].open();
    const again = t.invoke('app.info', undefined);
    await tick();
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: 1 });
    expect(await again).toEqual({ ok: true, value: 1 });
    expect(states).toEqual(['open', 'closed', 'connecting', 'open']);
    t.close();
  });

  it('delivers pushed events to subscribers until they unsubscribe', async () => {
    const { t, sockets } = setup();
    sockets[0].open();
    const got: unknown[] = [];
    const off = t.subscribe('jobs.progress', (p) => got.push(p));
    sockets[0].push('jobs.progress', { done: 1 });
    sockets[0].push('settings.changed', { other: true });
    off();
    sockets[0].push('jobs.progress', { done: 2 });
    expect(got).toEqual([{ done: 1 }]);
    t.close();
  });

  it('after close() calls fail fast and no reconnect happens', async () => {
    const { t, sockets } = setup();
    sockets[0].open();
    t.close();
    const r = await t.invoke('app.info', undefined);
    expect(!r.ok && r.error.code).toBe('OFFLINE');
    await tick(30);
    expect(sockets).toHaveLength(1);
  });
});
