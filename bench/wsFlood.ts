/**
 * Web host under a call flood and a client that never reads: `npm run bench:ws [-- --calls N --seconds S]`.
 * Runs the real web host as a child process on 127.0.0.1 over a temp data folder with two
 * imported manuals, then measures (each against a baseline taken in the same run):
 * - host memory (RSS) during a flood of N `search.query` calls on one socket  vs  its idle RSS;
 * - another client's `app.info` latency during the flood  vs  the same call on the idle host;
 * - host RSS while a client requests big replies and never reads them, and after it disconnects.
 * Linux only (reads /proc/<pid>/status).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { contract } from '../src/shared/contract';
import { makeManualPdf, writePdf } from '../test/fixtures/pdf/makePdf';

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const CALLS = flag('calls', 10_000);
const SECONDS = flag('seconds', 120);
const LAZY_CALLS = flag('lazy-calls', 200);
const repo = new URL('..', import.meta.url).pathname;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => `${n.toFixed(0)} MB`;

type Reply = { id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string } }; event?: string; payload?: unknown };

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** A request/response client that matches replies by id. */
function client(ws: WebSocket) {
  let next = 1;
  const waiting = new Map<number, (r: Reply['result']) => void>();
  const events: Reply[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Reply;
    if (m.event) events.push(m);
    else if (typeof m.id === 'number') {
      waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    }
  });
  return {
    events,
    call(method: string, input?: unknown): Promise<Reply['result']> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      });
    }
  };
}

async function latency(c: ReturnType<typeof client>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.call('app.info');
    out.push(performance.now() - t);
    await sleep(50);
  }
  return out;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const dir = await mkdtemp(join(tmpdir(), 'benchmate-bench-ws-'));
const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src/main/web/main.ts'), '--port', '0', '--data-dir', join(dir, 'data'), '--static-dir', dir], {
  cwd: repo,
  stdio: ['ignore', 'pipe', 'ignore']
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Benchmate web host: (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error('web host exited')));
  });
  const u = new URL(url);
  const wsUrl = `ws://${u.host}/ws?token=${u.searchParams.get('token')}`;
  const pid = child.pid!;

  // Content to search: two manuals, one big enough that fileBytes replies are ~1.5 MB.
  const probe = client(await connect(wsUrl));
  const pages = (title: string, n: number) => Array.from({ length: n }, (_, i) => ({ text: `${title} page ${i + 1}\nFault E-${200 + i}: check the pump filter and torque the M8 bolts to 25 Nm. ${'Service note. '.repeat(200)}` }));
  const small = await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf({ title: 'X200', pages: pages('X200', 20) }));
  const big = await writePdf(join(dir, 'in'), 'big.pdf', await makeManualPdf({ title: 'Big', pages: pages('Big', 400) }));
  await probe.call('library.import', { paths: [small, big] });
  while (probe.events.filter((e) => e.event === 'jobs.finished').length < 2) await sleep(200);
  // Raw socket replies are read through the contract's own schema, as the typed client would.
  const docs = contract.library.list.output.parse((await probe.call('library.list'))?.value);
  const bigDoc = docs.find((d) => d.title === 'Big')!;
  await sleep(3000);

  const idleRss = rssMb(pid);
  const idleLat = await latency(probe, 20);
  console.log(`idle: RSS ${mb(idleRss)}, app.info p50 ${pct(idleLat, 0.5).toFixed(1)} ms, max ${Math.max(...idleLat).toFixed(1)} ms`);

  // 1) Flood: CALLS search.query at once on one socket.
  const floodWs = await connect(wsUrl);
  const counts = { ok: 0, busy: 0, limited: 0, other: 0 };
  floodWs.on('message', (d) => {
    const m = JSON.parse(d.toString()) as Reply;
    if (m.event) return;
    if (m.result?.ok) counts.ok++;
    else if (m.result?.error?.code === 'BUSY') counts.busy++;
    else if (m.result?.error?.code === 'RATE_LIMITED') counts.limited++;
    else counts.other++;
  });
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) floodWs.send(JSON.stringify({ id: i + 1, method: 'search.query', input: { text: `fault E-${200 + (i % 400)} pump filter`, limit: 10 } }));
  let peak = idleRss;
  const floodLat: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  while (counts.ok + counts.busy + counts.limited + counts.other < CALLS && performance.now() - t0 < SECONDS * 1000) floodLat.push(...(await latency(probe, 1)));
  clearInterval(sampler);
  const floodS = (performance.now() - t0) / 1000;
  console.log(
    `flood of ${CALLS} search.query: answered ${counts.ok} ok + ${counts.busy} BUSY + ${counts.limited} RATE_LIMITED + ${counts.other} other in ${floodS.toFixed(1)} s; ` +
      `peak RSS ${mb(peak)} = ${(peak / idleRss).toFixed(2)}x idle; other client app.info p95 ${pct(floodLat, 0.95).toFixed(0)} ms, ` +
      `max ${Math.max(...floodLat).toFixed(0)} ms (${(Math.max(...floodLat) / Math.max(...idleLat)).toFixed(1)}x idle max)`
  );
  floodWs.terminate();
  await sleep(2000);

  // 2) A client that asks for big replies and never reads them.
  const before = rssMb(pid);
  const lazy = await connect(wsUrl);
  lazy.pause(); // stop reading the socket: the host's sends pile up
  let dropped = false;
  lazy.on('close', () => (dropped = true));
  for (let i = 0; i < LAZY_CALLS; i++) lazy.send(JSON.stringify({ id: i + 1, method: 'library.fileBytes', input: { docId: bigDoc.id } }));
  let lazyPeak = before;
  for (let i = 0; i < 100; i++) {
    lazyPeak = Math.max(lazyPeak, rssMb(pid));
    await sleep(100);
  }
  const lazyLat = await latency(probe, 10);
  const droppedByHost = dropped;
  lazy.terminate();
  await sleep(3000);
  const after = rssMb(pid);
  console.log(
    `never-reading client (${LAZY_CALLS} x ${(bigDoc.bytes / 1e6).toFixed(1)} MB fileBytes): peak RSS ${mb(lazyPeak)} = ${(lazyPeak / idleRss).toFixed(2)}x idle, ` +
      `${mb(after)} 3 s after disconnect (${(after / idleRss).toFixed(2)}x idle); host dropped it: ${droppedByHost}; other client app.info max ${Math.max(...lazyLat).toFixed(0)} ms`
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await rm(dir, { recursive: true, force: true });
}
