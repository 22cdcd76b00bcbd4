import { readFileSync } from 'node:fs';
import { createCore } from '../core/createCore';
import { pathsFor } from '../core/config';
import { toErrorData } from '../core/platform/errors';
import { defaultUserDataDir } from '../core/platform/defaultPaths';
import { UsageError, parseCommandLine, type CliContext } from './command';
import { commands } from './commands';
import { commandHelp, usageText } from './help';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env
};

/**
 * One CLI invocation; returns the exit code (see help.ts EXIT_CODES). Usage errors are one line
 * on stderr and exit 2, so a script sees why without reading the whole help.
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const line = parseCommandLine(argv);
  const usageError = (message: string) => {
    io.stderr(`benchmate: ${message}\n`);
    return 2;
  };
  if (!line.ok) return usageError(line.error);
  const { command: name, args, global } = line;
  if (name === 'help') {
    const topic = commands.find((c) => c.name === args.positional[0]);
    if (args.positional[0] !== undefined && !topic) return usageError(`unknown command "${args.positional[0]}" (run "benchmate help" for the list)`);
    io.stdout(topic ? commandHelp(topic) : usageText(commands));
    return 0;
  }
  if (name === undefined) {
    if (global.help) {
      io.stdout(usageText(commands));
      return 0;
    }
    return usageError('no command given (run "benchmate help" for the list)');
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return usageError(`unknown command "${name}" (run "benchmate help" for the list)`);
  if (global.help) {
    io.stdout(commandHelp(command));
    return 0;
  }

  const json = global.json;
  const dataDir = global.dataDir ?? io.env.BENCHMATE_DATA_DIR ?? defaultUserDataDir();
  const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const out = (text: string) => io.stdout(text + '\n');
  const outJson = (value: unknown) => io.stdout(JSON.stringify(value, null, 2) + '\n');
  const bare = { args, json, out, outJson, dataDir, version };
  let core: Awaited<ReturnType<typeof createCore>> | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  try {
    const early = await command.beforeCore?.(bare);
    if (early !== undefined) return early;
    let paths = pathsFor(dataDir);
    if (command.coreFolders) ({ paths, cleanup } = await command.coreFolders(bare, paths));
    core = await createCore({ paths, host: 'cli', version, logEcho: !json, restoreModels: command.needsModels === true });
    const ctx: CliContext = { core, args, json, out, outJson };
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${command.name}: ${e.message} (usage: ${command.usage})`);
    const error = toErrorData(e);
    if (json) outJson({ ok: false, error });
    else io.stderr(`error (${error.code}): ${error.message}\n`);
    return 1;
  } finally {
    await core?.dispose();
    await cleanup?.();
  }
}
