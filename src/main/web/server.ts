import { timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/createCore';
import { isLoopback } from './options';
import type { Seat } from '../core/access/accessService';
import { webSeats } from './webSeats';
import { serveStatic } from './staticFiles';
import { handleUpload, UploadJanitor, uploadKind } from './uploads';
import { bridgeCore, DEFAULT_WS_LIMITS, MAX_WS_MESSAGE_BYTES, type BridgeStats, type WsLimits } from './wsBridge';

export interface WebHostOptions {
  core: Core;
  host: string;
  port: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Where POST /api/upload stores files; wiped on start and close. */
  uploadsDir: string;
  /** Per-socket limits (tests lower them); DEFAULT_WS_LIMITS otherwise. */
  wsLimits?: Partial<WsLimits>;
}

export interface WebHost {
  /** Page URL including the token, e.g. http://127.0.0.1:4870/?token=… */
  url: string;
  port: number;
  /** Sockets and their calls in flight / waiting (what a flood or a stuck client leaves behind). */
  wsStats(): BridgeStats;
  close(): Promise<void>;
}

/**
 * PDFs follow the library's own size limit; models (.gguf) can be many GB, up to this (and never
 * more than the free disk space allows, see uploads.ts). Other files are refused (uploadKind).
 */
export const MAX_MODEL_UPLOAD_BYTES = 32 * 1024 ** 3;
export function uploadLimit(fileName: string, maxPdfBytes: number): number {
  return uploadKind(fileName) === 'pdf' ? maxPdfBytes : MAX_MODEL_UPLOAD_BYTES;
}

/** Constant-time token comparison (length leaks, which is fine for a random token). */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token of an /api request: from a header only. A token in the query string ends up in
 * browser history, logs and Referer headers; only the WebSocket upgrade takes it there (browsers
 * cannot set headers on a WebSocket).
 */
function requestToken(req: IncomingMessage): string | null {
  const header = req.headers['x-benchmate-token'];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return null;
}

/**
 * When bound to loopback, the Host header must name loopback too: this stops DNS-rebinding pages
 * (evil.example resolving to 127.0.0.1) from even loading the app in the user's browser.
 */
function hostAllowed(req: IncomingMessage, boundHost: string): boolean {
  if (!isLoopback(boundHost)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return isLoopback(name);
}

/** Browsers always send Origin on a WebSocket upgrade; it must be this very page's origin. */
function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // non-browser clients (CLI tools, tests) — the token still applies
  return origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
}

/** On every API answer too: nothing the host sends should let a token-bearing URL leak as a Referer. */
const API_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { core, token } = opts;
  await rm(opts.uploadsDir, { recursive: true, force: true });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  const janitor = new UploadJanitor(opts.uploadsDir, (e) => core.logger.warn('upload cleanup failed', { error: e }));
  janitor.start();
  const stopJanitorEvents = core.events.on('jobs.finished', (s) => janitor.jobFinished(s.jobId));
  // Calls from web clients pass the janitor, which learns which uploads an import still needs.
  const calls = {
    call: async (method: string, input?: unknown, seat?: Seat) => {
      const result = await core.call(method, input, seat);
      janitor.afterCall(method, input, result);
      return result;
    },
    events: core.events,
    logger: core.logger,
    seats: webSeats(core)
  };
  const bridge = bridgeCore(wss, calls, { ...DEFAULT_WS_LIMITS, ...opts.wsLimits });

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, opts.host)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden host');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname.startsWith('/api/')) {
      if (!tokenMatches(token, requestToken(req))) {
        req.resume();
        res
          .writeHead(401, API_HEADERS)
          .end(JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong session token.' } }));
        return;
      }
      if (pathname === '/api/upload') {
        handleUpload(req, res, opts.uploadsDir, (name) => uploadLimit(name, core.settings.get().library.maxFileBytes)).catch((e: unknown) => {
          core.logger.error('upload failed', { error: e });
          if (!res.headersSent) res.writeHead(500).end();
        });
        return;
      }
      res
        .writeHead(404, API_HEADERS)
        .end(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: `No endpoint ${pathname}.` } }));
      return;
    }
    serveStatic(req, res, opts.staticDir, `ws://${req.headers.host ?? `${opts.host}:${port}`}`).catch((e: unknown) => {
      core.logger.error('static file failed', { error: e });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req, opts.host) || !originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/?token=${encodeURIComponent(token)}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    wsStats: () => bridge.stats(),
    close() {
      closing ??= (async () => {
        bridge.stop();
        janitor.stop();
        stopJanitorEvents();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await rm(opts.uploadsDir, { recursive: true, force: true });
      })();
      return closing;
    }
  };
}
