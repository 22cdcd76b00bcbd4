/**
 * How many OCR workers run (issue 14, memory): each holds pdf.js, a canvas and tesseract (~150 MB),
 * so a second one starts only when enough pages wait and the memory is free, and an idle one ends.
 * The pool is real; its workers are stand-ins speaking the OCR worker protocol, held at a gate
 * (a BroadcastChannel) until the test opens it, so no timing decides what is observed.
 */
import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_PAGES_FOR_EXTRA_WORKER, OcrPool, type OcrPoolOptions } from '../../../../src/main/core/library/ocr/ocrPool';
import type { OcrPageResult } from '../../../../src/main/core/library/ocr/ocrTypes';

let channel = 0;

function fakeWorker(name: string): string {
  return `
    const { parentPort, BroadcastChannel } = require('node:worker_threads');
    const gate = new BroadcastChannel(${JSON.stringify(name)});
    let open = false;
    const held = [];
    const reply = (m) => parentPort.postMessage({ type: 'page', id: m.id, result: { page: m.page, text: 'page ' + m.page, words: [], confidence: 90, width: 1, height: 1, dpi: m.options.dpi } });
    gate.onmessage = (e) => { if (e.data === 'open') { open = true; held.splice(0).forEach(reply); } };
    parentPort.on('message', (m) => {
      if (m.type !== 'page') return;
      gate.postMessage('got ' + m.page);
      if (open) reply(m); else held.push(m);
    });
    gate.postMessage('hello'); // a worker that joins after the gate opened is told so
    parentPort.postMessage({ type: 'ready' });
  `;
}

interface Run {
  pool: OcrPool;
  gate: BroadcastChannel;
  open(): void;
  done: Promise<void>;
  results: OcrPageResult[];
  /** Workers running whenever a page came back. */
  runningSeen: number[];
  firstPageTaken: Promise<void>;
}

function start(pages: number, options: OcrPoolOptions): Run {
  const name = `ocr-pool-test-${process.pid}-${++channel}`;
  const gate = new BroadcastChannel(name);
  let opened = false;
  const open = () => {
    opened = true;
    gate.postMessage('open');
  };
  const firstPageTaken = new Promise<void>((resolve) => {
    gate.onmessage = (e) => {
      const msg = String((e as MessageEvent).data);
      if (msg === 'hello' && opened) gate.postMessage('open');
      if (msg.startsWith('got')) resolve();
    };
  });
  const pool = new OcrPool(2, { url: fakeWorker(name), eval: true }, options);
  const results: OcrPageResult[] = [];
  const runningSeen: number[] = [];
  const done = pool.recognise({
    docKey: 'doc',
    data: new Uint8Array([1, 2, 3]),
    pages: Array.from({ length: pages }, (_, i) => i + 1),
    options: { lang: 'eng', langPath: '/nowhere', dpi: 300 },
    onPage: (r) => {
      results.push(r);
      runningSeen.push(pool.running);
    }
  });
  return { pool, gate, open, done, results, runningSeen, firstPageTaken };
}

describe('OCR pool size', () => {
  const runs: Run[] = [];
  afterEach(async () => {
    for (const r of runs.splice(0)) {
      r.gate.close();
      await r.pool.dispose();
    }
  });
  const track = (r: Run) => (runs.push(r), r);
  const plenty = () => 64 * 1024 ** 3;

  it('starts a second worker when enough pages wait and memory is free', async () => {
    const r = track(start(MIN_PAGES_FOR_EXTRA_WORKER + 3, { freeMemory: plenty }));
    await r.firstPageTaken;
    expect(r.pool.running).toBe(2);
    r.open();
    await r.done;
    expect(r.results.map((x) => x.page).sort((a, b) => a - b)).toEqual(Array.from({ length: MIN_PAGES_FOR_EXTRA_WORKER + 3 }, (_, i) => i + 1));
  }, 60_000);

  it('keeps to one worker when the free memory would not hold another', async () => {
    const r = track(start(MIN_PAGES_FOR_EXTRA_WORKER + 3, { freeMemory: () => 0 }));
    await r.firstPageTaken;
    expect(r.pool.running).toBe(1);
    r.open();
    await r.done;
    expect(r.results).toHaveLength(MIN_PAGES_FOR_EXTRA_WORKER + 3);
    expect(Math.max(...r.runningSeen)).toBe(1);
  }, 60_000);

  it('keeps to one worker for a few pages: a second would cost more to start than it saves', async () => {
    const r = track(start(MIN_PAGES_FOR_EXTRA_WORKER, { freeMemory: plenty }));
    await r.firstPageTaken;
    expect(r.pool.running).toBe(1);
    r.open();
    await r.done;
    expect(r.results).toHaveLength(MIN_PAGES_FOR_EXTRA_WORKER);
  }, 60_000);

  it('ends idle workers', async () => {
    const r = track(start(2, { freeMemory: plenty, releaseAfterMs: 0 }));
    r.open();
    await r.done;
    await vi.waitFor(() => expect(r.pool.running).toBe(0), { timeout: 30_000, interval: 20 });
  }, 60_000);
});
