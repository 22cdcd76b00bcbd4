import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream'
};

export const mimeType = (path: string): string => MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; " +
  "style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * The CSP header for the page. It is derived from index.html's own CSP meta (one source of truth)
 * with the WebSocket origin of *this* request added to connect-src: the meta only allows loopback
 * sockets, which would break a deliberately remote (--allow-remote) host.
 */
export function pageCsp(metaContent: string | undefined, wsOrigin: string): string {
  const directives = (metaContent ?? FALLBACK_CSP)
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  const i = directives.findIndex((d) => d.startsWith('connect-src'));
  if (i >= 0) directives[i] = `${directives[i]} ${wsOrigin}`;
  else directives.push(`connect-src 'self' ${wsOrigin}`);
  if (!directives.some((d) => d.startsWith('frame-ancestors'))) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin'
};

/** Serves the built renderer: files by path, unknown extension-less paths get index.html (SPA). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, wsOrigin: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const root = resolve(staticDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, SECURITY_HEADERS).end('Bad request');
    return;
  }
  const target = resolve(join(root, pathname));
  if (target !== root && !target.startsWith(root + sep)) {
    res.writeHead(403, SECURITY_HEADERS).end('Forbidden');
    return;
  }
  const file = await fileAt(target);
  if (file && !file.endsWith(`${sep}index.html`)) {
    res.writeHead(200, { 'Content-Type': mimeType(file), 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  if (!file && extname(pathname) !== '') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
    return;
  }
  await serveIndex(req, res, root, wsOrigin);
}

async function serveIndex(req: IncomingMessage, res: ServerResponse, root: string, wsOrigin: string): Promise<void> {
  let html: string;
  try {
    html = await readFile(join(root, 'index.html'), 'utf8');
  } catch {
    res
      .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      .end(`The renderer is not built (no ${join(root, 'index.html')}). Run "npm run build" or use "npm run serve".`);
    return;
  }
  const meta = META_CSP.exec(html);
  // The header replaces the meta: two CSPs would intersect and the meta's loopback-only
  // connect-src would still block a remote host's socket.
  if (meta) html = html.replace(META_CSP, '');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': pageCsp(meta?.[1], wsOrigin),
    ...SECURITY_HEADERS
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) {
      const index = join(path, 'index.html');
      return (await stat(index)).isFile() ? index : undefined;
    }
  } catch {
    /* missing */
  }
  return undefined;
}
