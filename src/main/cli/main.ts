#!/usr/bin/env node
/**
 * Benchmate CLI over the same core as the app: `npm run cli -- <command> [args] [--json]`.
 * `--data-dir <dir>` (or BENCHMATE_DATA_DIR) selects the userData folder.
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../core/createCore';
import { pathsFor } from '../core/config';
import { toErrorData } from '../core/platform/errors';
import { defaultUserDataDir } from '../core/platform/defaultPaths';
import { parseArgs, type CliContext } from './command';
import { commands } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const args = parseArgs(rest);
  const json = args.flags.json === true;
  const command = commands.find((c) => c.name === name);
  if (!command || args.flags.help === true) {
    const lines = ['Usage: benchmate <command> [options] [--data-dir DIR] [--json]', '', 'Commands:'];
    for (const c of commands) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
    (command || name === undefined || name === 'help' ? process.stdout : process.stderr).write(lines.join('\n') + '\n');
    return command || name === undefined || name === 'help' ? 0 : 2;
  }
  const dataDir = (typeof args.flags['data-dir'] === 'string' ? args.flags['data-dir'] : undefined) ?? process.env.BENCHMATE_DATA_DIR ?? defaultUserDataDir();
  const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const out = (text: string) => process.stdout.write(text + '\n');
  const outJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  let core: Awaited<ReturnType<typeof createCore>> | undefined;
  try {
    const early = await command.beforeCore?.({ args, json, out, outJson, dataDir, version });
    if (early !== undefined) return early;
    core = await createCore({ paths: pathsFor(dataDir), host: 'cli', version, logEcho: !json, restoreModels: command.needsModels === true });
    const ctx: CliContext = { core, args, json, out, outJson };
    return await command.run(ctx);
  } catch (e) {
    const error = toErrorData(e);
    if (json) outJson({ ok: false, error });
    else process.stderr.write(`error (${error.code}): ${error.message}\n`);
    return 1;
  } finally {
    await core?.dispose();
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/**
 * Exit by setting `process.exitCode` and letting the event loop end, never `process.exit()` right
 * after writing: on a pipe stdout is asynchronous, and exiting at once cut `--json` output at the
 * 64 KiB pipe buffer. Once stdout/stderr have drained, a short unref'd timer still ends a process
 * that some forgotten handle would keep alive.
 */
async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  setTimeout(() => process.exit(code), 2000).unref();
}

main(process.argv.slice(2)).then(finish, (e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? e.stack : String(e)}\n`);
  return finish(1);
});
