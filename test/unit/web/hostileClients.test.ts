/**
 * Web host suite (issue 14): hostile or broken clients against the real host over a real core.
 * Every case must end in a clear refusal (status or error code) and the host must stay up —
 * after each case a fresh client's `app.info` is answered. Nothing here depends on timing:
 * fairness under a flood is proven with a gate in wsLimits.test.ts; here the flood checks that
 * every call gets a clear answer and another client is answered.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../src/main/web/server';
import { MAX_WS_MESSAGE_BYTES } from '../../../src/main/web/wsBridge';
import { tempCore } from '../../helpers/tempCore';

const TOKEN = 'hostile-suite-token-0123456789';
const SECRET = 'SECRET-OUTSIDE-THE-STATIC-FOLDER';

let host: WebHost;
let env: Awaited<ReturnType<typeof tempCore>>;
let root: string;
let staticDir: string;
let uploadsDir: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  env = await tempCore();
  root = await mkdtemp(join(tmpdir(), 'benchmate-hostile-'));
  staticDir = join(root, 'site', 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><html><body>app</body></html>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // Files a traversal would want: beside and above the static folder.
  await writeFile(join(root, 'site', 'secret.txt'), SECRET);
  await writeFile(join(root, 'secret.txt'), SECRET);
  uploadsDir = join(env.dir, 'uploads');
  host = await startWebHost({ core: env.core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir, uploadsDir });
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});

afterAll(async () => {
  await host?.close();
  await env?.cleanup();
  await rm(root, { recursive: true, force: true });
});

const wsUrl = (token = TOKEN) => `ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`;

function open(url = wsUrl(), headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    sockets.push(ws);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

type Reply = { id: unknown; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } };

/** Sends one raw frame and waits for the reply to it (replies carry no order guarantee across ids). */
function ask(ws: WebSocket, frame: string, id: unknown): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (d: WebSocket.RawData): void => {
      const m = JSON.parse(d.toString()) as Reply & { event?: string };
      if (m.event || m.id !== id) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

/** The host is still up: a fresh client is answered. */
async function expectHostUp(): Promise<void> {
  const ws = await open();
  const r = await ask(ws, JSON.stringify({ id: 'alive', method: 'app.info' }), 'alive');
  expect(r.result.ok).toBe(true);
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return open(url, headers).then(
    (ws) => (ws.close(), 101),
    (e: Error) => Number(/HTTP (\d+)/.exec(e.message)?.[1] ?? 0)
  );
}

/** A GET with the path sent byte for byte (fetch would normalise the dots away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upload(name: string, body: Buffer): Promise<{ status: number; json: Reply['result'] & { value?: { path: string; name: string } } }> {
  return fetch(`http://127.0.0.1:${host.port}/api/upload`, { method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': name }, body }).then(
    async (r) => ({ status: r.status, json: (await r.json()) as never })
  );
}

describe('web host suite: authentication and origin', () => {
  it('a missing, wrong, empty or truncated token is refused with 401 (socket and API)', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws`)).toBe(401);
    expect(await upgradeStatus(wsUrl('wrong-token-0123456789abcdef'))).toBe(401);
    expect(await upgradeStatus(wsUrl(''))).toBe(401);
    expect(await upgradeStatus(wsUrl(TOKEN.slice(0, -1)))).toBe(401);
    const api = await fetch(`http://127.0.0.1:${host.port}/api/upload`, { method: 'POST', headers: { 'x-benchmate-token': 'nope', 'x-file-name': 'a.pdf' }, body: '%PDF-' });
    expect(api.status).toBe(401);
    expect(((await api.json()) as Reply['result']).error?.code).toBe('UNAUTHORIZED');
    await expectHostUp();
  });

  it('a foreign Origin (another site, a file page, "null") is refused with 403 even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', 'file://', `http://127.0.0.1:${host.port + 1}`, `http://localhost.evil.example:${host.port}`]) {
      expect(await upgradeStatus(wsUrl(), { Origin: origin })).toBe(403);
    }
    expect(await upgradeStatus(wsUrl(), { Origin: `http://127.0.0.1:${host.port}` })).toBe(101); // the host's own page
    await expectHostUp();
  });
});

describe('web host suite: the token stays in its page', () => {
  it('the page (which carries the token in its URL), static files, API answers and uploads all send Referrer-Policy: no-referrer', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const answers = [
      await fetch(`${base}/?token=${TOKEN}`),
      await fetch(`${base}/assets/app.js`),
      await fetch(`${base}/missing.js`),
      await fetch(`${base}/api/nothing`, { headers: { 'x-benchmate-token': TOKEN } }),
      await fetch(`${base}/api/upload`, { method: 'POST' }),
      await fetch(`${base}/api/upload`, { method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': 'a.exe' }, body: 'MZ' })
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 404, 401, 415]);
    for (const r of answers) expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('web host suite: abusive messages', () => {
  it(`an oversized message (over ${MAX_WS_MESSAGE_BYTES} bytes) closes that socket with 1009; other clients carry on`, async () => {
    const bystander = await open();
    const ws = await open();
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, method: 'search.query', input: { text: 'x'.repeat(MAX_WS_MESSAGE_BYTES) } }));
    expect(await closed).toBe(1009);
    const r = await ask(bystander, JSON.stringify({ id: 2, method: 'app.info' }), 2);
    expect(r.result.ok).toBe(true);
    await expectHostUp();
  });

  it('a flood of 5,000 calls on one socket: each gets a clear answer (ok, BUSY or RATE_LIMITED), another client is answered', async () => {
    const flood = await open();
    const codes = new Map<string, number>();
    let answered = 0;
    const all = new Promise<void>((resolve) =>
      flood.on('message', (d) => {
        const m = JSON.parse(d.toString()) as Reply & { event?: string };
        if (m.event) return;
        const code = m.result.ok ? 'ok' : m.result.error!.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (++answered === 5000) resolve();
      })
    );
    for (let i = 1; i <= 5000; i++) flood.send(JSON.stringify({ id: i, method: 'library.list' }));
    const other = await open();
    expect((await ask(other, JSON.stringify({ id: 'o', method: 'app.info' }), 'o')).result.ok).toBe(true);
    await all;
    expect([...codes.keys()].every((c) => ['ok', 'BUSY', 'RATE_LIMITED'].includes(c))).toBe(true);
    expect(codes.get('RATE_LIMITED')).toBeGreaterThan(0); // 5,000 at once is far over the per-second budget
    expect(codes.get('ok')).toBeGreaterThan(0);
    expect(host.wsStats()).toMatchObject({ inFlight: 0, queued: 0 });
    await expectHostUp();
  }, 60_000);
});

describe('web host suite: malformed calls', () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['not JSON', '{"id":1,', null, 'INVALID_INPUT'],
    ['a JSON array', '[1,2,3]', null, 'INVALID_INPUT'],
    ['no method', JSON.stringify({ id: 3 }), 3, 'INVALID_INPUT'],
    ['method of the wrong type', JSON.stringify({ id: 4, method: 42 }), 4, 'INVALID_INPUT'],
    ['an object as id', JSON.stringify({ id: { a: 1 }, method: 'app.info' }), null, 'INVALID_INPUT'],
    ['an unknown method', JSON.stringify({ id: 6, method: 'library.dropEverything' }), 6, 'NOT_FOUND'],
    ['a method named after Object members', JSON.stringify({ id: 7, method: '__proto__.toString' }), 7, 'NOT_FOUND'],
    ['constructor.name', JSON.stringify({ id: 8, method: 'constructor.name' }), 8, 'NOT_FOUND'],
    ['input of the wrong type', JSON.stringify({ id: 9, method: 'search.query', input: { text: 42 } }), 9, 'INVALID_INPUT'],
    ['a string where an object goes', JSON.stringify({ id: 10, method: 'settings.update', input: 'dark' }), 10, 'INVALID_INPUT'],
    ['unknown keys in a strict input', JSON.stringify({ id: 11, method: 'sessions.get', input: { id: 'x', extra: true } }), 11, 'INVALID_INPUT'],
    ['a __proto__ key in the input', `{"id":12,"method":"settings.update","input":{"__proto__":{"polluted":true},"ui":{"__proto__":{"polluted":true}}}}`, 12, 'any'],
    ['a constructor.prototype key', `{"id":13,"method":"sessions.search","input":{"text":"a","constructor":{"prototype":{"polluted":true}}}}`, 13, 'any'],
    ['deeply nested input', `{"id":14,"method":"search.query","input":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 14, 'INVALID_INPUT']
  ];

  it.each(cases)('%s → a clear error, the socket stays open, the host stays up', async (_name, frame, id, code) => {
    const ws = await open();
    const r = await ask(ws, frame, id);
    expect(r.id).toBe(id);
    if (code === 'any') expect(r.result.ok ? 'ok' : r.result.error!.code).toMatch(/^(ok|INVALID_INPUT)$/);
    else {
      expect(r.result.ok).toBe(false);
      expect(r.result.error!.code).toBe(code);
      expect(r.result.error!.message.length).toBeGreaterThan(5);
      expect(r.result.error!.message.length).toBeLessThan(2000);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect((await ask(ws, JSON.stringify({ id: 'after', method: 'app.info' }), 'after')).result.ok).toBe(true);
    await expectHostUp();
  });
});

describe('web host suite: path traversal', () => {
  const staticAttempts = [
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5c..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '//secret.txt',
    '/secret.txt%00.js',
    '/%c0%ae%c0%ae/secret.txt'
  ];

  it.each(staticAttempts)('static GET %s never serves a file outside the renderer folder', async (path) => {
    const res = await rawGet(path);
    expect(res.body).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body).toContain('app'); // the SPA fallback (index.html), nothing else
    await expectHostUp();
  });

  it('an absolute path (encoded) is refused', async () => {
    const res = await rawGet(`/${encodeURIComponent(join(root, 'secret.txt'))}`);
    expect(res.body).not.toContain(SECRET);
    const passwd = await rawGet('/%2Fetc%2Fpasswd');
    expect(passwd.body).not.toMatch(/root:/);
  });

  it.each([
    ['../../evil.pdf', 'evil.pdf'],
    ['..%2F..%2Fevil2.pdf', 'evil2.pdf'],
    ['/etc/evil3.pdf', 'evil3.pdf'],
    ['C:\\Windows\\evil4.pdf', 'evil4.pdf'],
    ['sub/dir/evil5.pdf', 'evil5.pdf']
  ])('upload named %s is stored as a plain %s inside its own upload folder', async (name, stored) => {
    const r = await upload(name, Buffer.from('%PDF-1.4 test'));
    expect(r.status).toBe(200);
    expect(r.json.value!.name).toBe(stored);
    expect(dirname(dirname(r.json.value!.path))).toBe(uploadsDir);
    await expect(readdir(dirname(uploadsDir))).resolves.not.toContain(stored);
  });

  it.each(['..', '.', '', '%2e%2e', '/'])('upload named "%s" is refused with INVALID_INPUT', async (name) => {
    const r = await upload(name, Buffer.from('%PDF-1.4 test'));
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('INVALID_INPUT');
  });

  it('an upload whose bytes are not a PDF is refused (UNSUPPORTED_FILE) and nothing is kept', async () => {
    const before = await readdir(uploadsDir).catch(() => [] as string[]);
    const r = await upload('manual.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'));
    expect(r.status).toBe(415);
    expect(r.json.error?.code).toBe('UNSUPPORTED_FILE');
    expect(await readdir(uploadsDir).catch(() => [] as string[])).toEqual(before);
    await expectHostUp();
  });
});

// Last, so every case above has had its chance to log something.
describe('web host suite: logs', () => {
  it('the token never reaches the logs, whatever the clients did', async () => {
    await upgradeStatus(wsUrl(TOKEN + 'x'));
    const ws = await open();
    await ask(ws, JSON.stringify({ id: 1, method: 'no.such', input: { token: 'x' } }), 1);
    const logs = join(env.dir, 'logs');
    const files = await readdir(logs).catch(() => [] as string[]);
    // Earlier cases logged warnings (a socket over the size limit, refused upgrades): there is something to search.
    let text = '';
    for (const f of files) text += await readFile(join(logs, f), 'utf8');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
  });
});
