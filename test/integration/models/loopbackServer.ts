import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url(path: string): string;
  /** Every GET/HEAD seen, with its Range header, in order. */
  requests: Array<{ method: string; path: string; range?: string }>;
  /** When > 0, the next full-body GET sends only this many bytes and then drops the connection. */
  cutNextAfter: number;
  /** Body bytes sent so far (all requests). */
  bytesSent: number;
  /** Throttle (bytes/s per response); 0 = unthrottled. */
  bytesPerSecond: number;
  close(): Promise<void>;
}

/**
 * A 127.0.0.1-only static file server with HTTP Range support, able to drop a transfer part way
 * through — what a flaky workshop Wi-Fi does — so resume is tested against real sockets.
 */
export async function startLoopbackServer(files: Record<string, Buffer>): Promise<LoopbackServer> {
  const state = { cutNextAfter: 0, bytesSent: 0, bytesPerSecond: 0 };
  const requests: LoopbackServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path, range: req.headers.range });
    const body = files[path];
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    let end = body.length - 1;
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const headers: Record<string, string | number> = { 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${path.split('/').pop()}"`, ETag: '"fixture-1"', 'Last-Modified': new Date(0).toUTCString() };
    if (m) {
      start = Number(m[1]);
      end = m[2] ? Math.min(Number(m[2]), end) : end;
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 });
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': body.length });
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const slice = body.subarray(start, end + 1);
    if (state.cutNextAfter > 0 && req.method === 'GET') {
      const n = state.cutNextAfter;
      state.cutNextAfter = 0;
      res.write(slice.subarray(0, n), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    if (!state.bytesPerSecond) {
      state.bytesSent += slice.length;
      res.end(slice);
      return;
    }
    // Throttled: 32 KiB pieces paced to the rate, so a client can be cancelled part way.
    const piece = 32 * 1024;
    let off = 0;
    const pump = (): void => {
      if (res.destroyed) return;
      if (off >= slice.length) {
        res.end();
        return;
      }
      const part = slice.subarray(off, off + piece);
      off += part.length;
      state.bytesSent += part.length;
      res.write(part);
      setTimeout(pump, (part.length / state.bytesPerSecond) * 1000);
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    requests,
    get bytesSent() {
      return state.bytesSent;
    },
    set bytesSent(v: number) {
      state.bytesSent = v;
    },
    get bytesPerSecond() {
      return state.bytesPerSecond;
    },
    set bytesPerSecond(v: number) {
      state.bytesPerSecond = v;
    },
    get cutNextAfter() {
      return state.cutNextAfter;
    },
    set cutNextAfter(v: number) {
      state.cutNextAfter = v;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      })
  };
}
