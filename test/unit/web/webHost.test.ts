import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient } from '../../../src/shared/contract/client';
import { startWebHost, type WebHost } from '../../../src/main/web/server';
import { createWsTransport, type WsLike } from '../../../src/renderer/src/lib/wsTransport';
import { tempCore } from '../../helpers/tempCore';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' ws://127.0.0.1:*" /></head><body>app</body></html>`;

let host: WebHost;
let env: Awaited<ReturnType<typeof tempCore>>;
let staticDir: string;
let base: string;

beforeAll(async () => {
  env = await tempCore();
  staticDir = await mkdtemp(join(tmpdir(), 'benchmate-static-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), INDEX);
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startWebHost({ core: env.core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir, uploadsDir: join(env.dir, 'uploads') });
  base = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host?.close();
  await env?.cleanup();
  await rm(staticDir, { recursive: true, force: true });
});

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (e) => reject(e));
  });
}

function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const wsFactory = (url: string): WsLike => new WebSocket(url) as unknown as WsLike;

describe('web host: WebSocket security', () => {
  it('refuses an upgrade without a token or with a wrong token (401) and accepts the right one', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}x`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`)).toBe(101);
  });

  it('refuses a foreign Origin and a non-loopback Host header even with the token', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, { Origin: `http://127.0.0.1:${host.port}` })).toBe(101);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, { Host: `evil.example:${host.port}` })).toBe(403);
  });
});

describe('web host: contract over WebSocket', () => {
  it('answers calls with Results, INVALID_INPUT for bad input, and pushes events', async () => {
    const t = createWsTransport({ url: `ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, createSocket: wsFactory });
    const api = createApiClient(t.invoke, t.subscribe);
    try {
      const info = await api.app.info();
      expect(info.ok).toBe(true);
      if (info.ok) {
        expect(info.value.host).toBe('test');
        expect(info.value.paths.userData).toBe(env.dir);
      }

      const bad = await api.settings.update({ retrieval: { resultsPerAnswer: 'many' } } as never);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.code).toBe('INVALID_INPUT');

      const unknown = await t.invoke('nope.nothing' as never, {});
      expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');

      const changed = new Promise<number>((resolve) => {
        const off = api.on('settings.changed', (s) => {
          off();
          resolve(s.retrieval.resultsPerAnswer);
        });
      });
      const saved = await api.settings.update({ retrieval: { resultsPerAnswer: 7 } });
      expect(saved.ok).toBe(true);
      expect(await changed).toBe(7);
    } finally {
      t.close();
    }
  });

  it('answers malformed messages with INVALID_INPUT instead of dropping the connection', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`);
    await new Promise((r) => ws.once('open', r));
    const next = (): Promise<{ id: unknown; result: { ok: boolean; error?: { code: string } } }> =>
      new Promise((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    let reply = next();
    ws.send('not json');
    expect((await reply).result.error?.code).toBe('INVALID_INPUT');
    reply = next();
    ws.send(JSON.stringify({ id: 5 }));
    const r2 = await reply;
    expect(r2.id).toBe(5);
    expect(r2.result.error?.code).toBe('INVALID_INPUT');
    reply = next();
    ws.send(JSON.stringify({ id: 6, method: 'app.info' }));
    expect((await reply).result.ok).toBe(true);
    ws.close();
  });

  it('desktop-only host methods answer NOT_FOUND in the web host', async () => {
    const t = createWsTransport({ url: `ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, createSocket: wsFactory });
    const r = await createApiClient(t.invoke, t.subscribe).host.pickFiles({});
    t.close();
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});

describe('web host: HTTP', () => {
  it('serves the renderer with a CSP header that allows this socket, and falls back to index.html', async () => {
    const page = await rawGet('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.body).not.toContain('http-equiv'); // header is authoritative
    const route = await rawGet('/library/some-doc');
    expect(route.status).toBe(200);
    expect(route.body).toContain('app');
    const js = await rawGet('/assets/app.js');
    expect(js.headers['content-type']).toMatch(/text\/javascript/);
    expect((await rawGet('/assets/missing.js')).status).toBe(404);
    const traversal = await rawGet('/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd');
    expect(traversal.body).not.toContain('root:');
  });

  it('refuses a non-loopback Host header (DNS rebinding)', async () => {
    expect((await rawGet('/', { Host: 'evil.example' })).status).toBe(403);
  });

  it('requires the token for uploads and stores the bytes under userData/uploads', async () => {
    const body = Buffer.from('%PDF-1.4 fake');
    const denied = await fetch(`${base}/api/upload`, { method: 'POST', headers: { 'x-file-name': 'a.pdf' }, body });
    expect(denied.status).toBe(401);
    // Not in the query string either (it would land in history, logs and Referer headers).
    const inQuery = await fetch(`${base}/api/upload?token=${TOKEN}`, { method: 'POST', headers: { 'x-file-name': 'a.pdf' }, body });
    expect(inQuery.status).toBe(401);
    const res = await fetch(`${base}/api/upload`, {
      method: 'POST',
      headers: { 'x-benchmate-token': TOKEN, 'x-file-name': encodeURIComponent('../../X200 manual.pdf') },
      body
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { ok: boolean; value: { path: string; name: string; bytes: number } };
    expect(json.ok).toBe(true);
    expect(json.value.name).toBe('X200 manual.pdf');
    expect(json.value.path.startsWith(join(env.dir, 'uploads'))).toBe(true);
    expect(await readFile(json.value.path, 'utf8')).toBe('%PDF-1.4 fake');
  });
});

describe('web transport', () => {
  it('fails calls with OFFLINE when the host is gone instead of hanging', async () => {
    const t = createWsTransport({ url: 'ws://127.0.0.1:1/ws?token=x', createSocket: wsFactory, connectWaitMs: 300, minReconnectMs: 50 });
    const r = await t.invoke('app.info', undefined);
    t.close();
    expect(!r.ok && r.error.code).toBe('OFFLINE');
  });
});

describe('web host: upload limits', () => {
  const upload = (name: string, body: Buffer) =>
    fetch(`${base}/api/upload`, { method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': name }, body });

  it('refuses anything but PDF, GGUF and pack (.tar) files, by name and then by their first bytes, and keeps nothing', async () => {
    const { readdir } = await import('node:fs/promises');
    const before = await readdir(join(env.dir, 'uploads')).catch(() => []);
    const exe = await upload('setup.exe', Buffer.alloc(4096, 7));
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_FILE');
    const fakePdf = await upload('manual.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 7)]));
    expect(fakePdf.status).toBe(415);
    expect(((await fakePdf.json()) as { error: { message: string } }).error.message).toMatch(/not a PDF file/);
    expect((await upload('short.pdf', Buffer.from('hello'))).status).toBe(415);
    expect((await upload('model.gguf', Buffer.alloc(2048, 1))).status).toBe(415);
    expect((await upload('pack.tar', Buffer.alloc(2048, 1))).status).toBe(415);
    expect(await readdir(join(env.dir, 'uploads')).catch(() => [])).toEqual(before);
  });

  it('streams an upload to disk as it arrives: the first part is on disk before the rest is sent', async () => {
    const { readdir, stat } = await import('node:fs/promises');
    const uploads = join(env.dir, 'uploads');
    const before = new Set(await readdir(uploads).catch(() => [] as string[]));
    const first = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(256 * 1024, 0x20)]);
    const rest = Buffer.alloc(256 * 1024, 0x21);
    let answer!: (v: { status: number; body: string }) => void;
    const answered = new Promise<{ status: number; body: string }>((r) => (answer = r));
    const req = request({ host: '127.0.0.1', port: host.port, path: '/api/upload', method: 'POST', headers: { 'x-benchmate-token': TOKEN, 'x-file-name': 'streamed-manual.pdf' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => answer({ status: res.statusCode ?? 0, body }));
    });
    req.write(first);
    // The gate is the request itself: it stays open (no end) until the first part is seen on disk.
    let onDisk = 0;
    while (onDisk < first.length) {
      const folder = (await readdir(uploads).catch(() => [] as string[])).find((f) => !before.has(f));
      onDisk = folder ? ((await stat(join(uploads, folder, 'streamed-manual.pdf')).catch(() => null))?.size ?? 0) : 0;
      if (onDisk < first.length) await new Promise((r) => setTimeout(r, 10));
    }
    req.end(rest);
    const { status, body } = await answered;
    expect(status).toBe(200);
    expect((JSON.parse(body) as { value: { bytes: number } }).value.bytes).toBe(first.length + rest.length);
  });

  it('accepts a knowledge pack: a tar archive, recognised by its ustar header', async () => {
    const header = Buffer.alloc(1024);
    header.write('pack.json', 0, 'latin1');
    header.write('ustar', 257, 'latin1');
    const res = await upload('field-laptops.tar', header);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: { path: string } }).value.path).toMatch(/field-laptops\.tar$/);
  });

  it('removes an uploaded manual once its import job has finished', async () => {
    const { makeManualPdf } = await import('../../fixtures/pdf/makePdf');
    const res = await upload('pump.pdf', Buffer.from(await makeManualPdf({ title: 'Pump', pages: [{ text: 'Replace the filter.' }] })));
    const { value } = (await res.json()) as { value: { path: string } };
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`);
    await new Promise((r) => ws.once('open', r));
    const finished = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        if ((JSON.parse(d.toString()) as { event?: string }).event === 'jobs.finished') resolve();
      })
    );
    ws.send(JSON.stringify({ id: 1, method: 'library.import', input: { paths: [value.path] } }));
    await finished;
    ws.close();
    const { stat } = await import('node:fs/promises');
    for (let i = 0; i < 100 && (await stat(value.path).catch(() => null)); i++) await new Promise((r) => setTimeout(r, 20));
    await expect(stat(join(value.path, '..'))).rejects.toThrow();
  });

  it('refuses a PDF over the library size limit with TOO_LARGE and keeps nothing', async () => {
    const saved = await env.core.api.settings.update({ library: { maxFileBytes: 10 } });
    expect(saved.ok).toBe(true);
    try {
      const res = await fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: { 'x-benchmate-token': TOKEN, 'x-file-name': 'big.pdf' },
        body: Buffer.alloc(64, 1)
      });
      expect(res.status).toBe(413);
      const json = (await res.json()) as { ok: boolean; error: { code: string } };
      expect(json.error.code).toBe('TOO_LARGE');
      // Same when the size is not declared up front (chunked body): the stream is cut off.
      const { readdir } = await import('node:fs/promises');
      const before = await readdir(join(env.dir, 'uploads')).catch(() => []);
      const chunked = await fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: { 'x-benchmate-token': TOKEN, 'x-file-name': 'streamed.pdf' },
        body: new ReadableStream({
          start(c) {
            for (let i = 0; i < 4; i++) c.enqueue(new Uint8Array(16));
            c.close();
          }
        }),
        duplex: 'half'
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(await readdir(join(env.dir, 'uploads')).catch(() => [])).toEqual(before);
      // A model file is not bound by the PDF limit.
      const gguf = await fetch(`${base}/api/upload`, {
        method: 'POST',
        headers: { 'x-benchmate-token': TOKEN, 'x-file-name': 'tiny.gguf' },
        body: Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60, 1)])
      });
      expect(gguf.status).toBe(200);
    } finally {
      await env.core.api.settings.update({ library: { maxFileBytes: 512 * 1024 * 1024 } });
    }
  });
});
