#!/usr/bin/env node
/**
 * Benchmate web host: the same core as the desktop app, serving the built renderer over HTTP and
 * the contract over a WebSocket, on 127.0.0.1 with a per-run session token.
 * `npm run serve` (builds first) or `npm run serve:nobuild -- --port 0 --data-dir DIR`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/createCore';
import { pathsFor } from '../core/config';
import { defaultUserDataDir } from '../core/platform/defaultPaths';
import { parseWebOptions } from './options';
import { startWebHost, type WebHost } from './server';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function listen(start: (port: number) => Promise<WebHost>, port: number, explicit: boolean): Promise<WebHost> {
  try {
    return await start(port);
  } catch (e) {
    // The default port may be taken by another copy; an explicit --port is the user's choice.
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' && !explicit) {
      process.stderr.write(`Port ${port} is busy; using a free port instead.\n`);
      return start(0);
    }
    throw e;
  }
}

async function main(): Promise<number> {
  const parsed = parseWebOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? process.stdout : process.stderr).write(parsed.message + '\n');
    return parsed.exitCode;
  }
  const o = parsed.options;
  const dataDir = o.dataDir ?? defaultUserDataDir();
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const core = await createCore({ paths: pathsFor(dataDir), host: 'web', version, logEcho: true });
  let host: WebHost;
  try {
    host = await listen(
      (port) =>
        startWebHost({
          core,
          host: o.host,
          port,
          token: o.token,
          staticDir: o.staticDir ?? join(repoRoot, 'out', 'renderer'),
          uploadsDir: join(dataDir, 'uploads')
        }),
      o.port,
      o.portExplicit
    );
  } catch (e) {
    await core.dispose();
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`Could not listen on ${o.host}:${o.port}: ${code ?? String(e)}. Try --port 0 for any free port.\n`);
    return 1;
  }
  // First stdout line is the URL (the e2e fixture reads it); keep it machine-parseable.
  process.stdout.write(`Benchmate web host: ${host.url}\n`);
  process.stdout.write(`Data folder: ${dataDir}\nOpen the URL above in a browser. Ctrl+C stops the host.\n`);
  core.logger.info('web host listening', { port: host.port, host: o.host, remote: o.allowRemote });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      core.logger.info('web host stopping', { signal });
      void (async () => {
        try {
          await host.close();
          await core.dispose();
          resolve(0);
        } catch (e) {
          process.stderr.write(`shutdown failed: ${String(e)}\n`);
          resolve(1);
        }
      })();
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fatal: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  }
);
