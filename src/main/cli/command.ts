import type { z } from 'zod';
import type { Core } from '../core/createCore';
import type { CorePaths } from '../core/config';
import { AppError } from '../core/platform/errors';

export interface ParsedArgs {
  /** Positional arguments after the command name. */
  positional: string[];
  /** `--flag value` / `--flag=value`; bare `--flag` is `true`. Repeated flags keep the last value. */
  flags: Record<string, string | true>;
}

export interface CliContext {
  core: Core;
  args: ParsedArgs;
  /** `--json`: print exactly one JSON document on stdout and nothing else. */
  json: boolean;
  out(text: string): void;
  outJson(value: unknown): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Uses loaded models (chat, embeddings): the core then reloads the remembered ones at start. */
  needsModels?: boolean;
  /** Returns the process exit code. Throw AppError for user-facing failures. */
  run(ctx: CliContext): Promise<number>;
  /**
   * Runs before a core opens the data folder (e.g. `backup restore` must not create or lock the
   * folder it restores into). Returns an exit code, or undefined to go on to `run` with a core.
   */
  beforeCore?(ctx: BareCliContext): Promise<number | undefined>;
  /**
   * Adjusts the folders the core opens (e.g. `ask --no-save` keeps its session in a temp folder);
   * `cleanup` runs after the core is disposed.
   */
  coreFolders?(ctx: BareCliContext, paths: CorePaths): Promise<{ paths: CorePaths; cleanup(): Promise<void> }>;
}

export type BareCliContext = Omit<CliContext, 'core'> & { dataDir: string; version: string };

// Switches never take a value: `ocr --force <docId>` must not read the id as the value of --force.
const BOOLEAN_FLAGS = new Set(['json', 'help', 'verbose', 'no-save', 'force', 'with-models', 'dry-run', 'yes', 'reference', 'csv']);

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('--')) {
          flags[name] = next;
          i++;
        } else flags[name] = true;
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

/** `--models X,Y` → ['X','Y'] (trimmed, empties dropped). */
export function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.flags[name];
  if (v === undefined || v === true) return undefined;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--role chat` checked against a contract enum: a typo is a usage error, not an unchecked cast. */
export function enumFlag<S extends z.ZodEnum>(args: ParsedArgs, name: string, values: S): z.output<S> | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const parsed = values.safeParse(v);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `--${name} must be one of: ${values.options.join(', ')}.`);
  return parsed.data;
}

/** Options every command takes, before or after the command name. */
export interface GlobalOptions {
  json: boolean;
  help: boolean;
  dataDir?: string;
}

export type CommandLine =
  | { ok: true; command: string | undefined; args: ParsedArgs; global: GlobalOptions }
  | { ok: false; error: string };

/**
 * Splits a whole command line: global options (`--json`, `--data-dir DIR`, `--help`/`-h`) may
 * stand anywhere; the first word that is not one of them is the command; everything after it
 * goes to the command's own parser. A command option before the command name is an error rather
 * than a silent swallow of the command name as its value (`--force docs`).
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const global: GlobalOptions = { json: false, help: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') global.json = true;
    else if (a === '--help' || a === '-h') global.help = true;
    else if (a === '--data-dir' || a.startsWith('--data-dir=')) {
      const value = a === '--data-dir' ? argv[++i] : a.slice('--data-dir='.length);
      if (!value || value.startsWith('--')) return { ok: false, error: '--data-dir needs a folder: --data-dir DIR' };
      global.dataDir = value;
    } else if (a.startsWith('-')) return { ok: false, error: `unknown option ${a.split('=')[0]} before the command name (command options go after it)` };
    else break;
  }
  const command = argv[i];
  const args = parseArgs(command === undefined ? [] : argv.slice(i + 1));
  if (args.flags['data-dir'] === true) return { ok: false, error: '--data-dir needs a folder: --data-dir DIR' };
  if (typeof args.flags['data-dir'] === 'string') global.dataDir = args.flags['data-dir'];
  if (args.flags.json === true) global.json = true;
  if (args.flags.help === true) global.help = true;
  if (global.json) args.flags.json = true;
  return { ok: true, command, args, global };
}

/**
 * A command line the command cannot run (missing argument, unknown subcommand): runCli prints it
 * as one line with the command's usage on stderr and exits 2, like an unknown command.
 */
export class UsageError extends Error {}

/** The argument, or a UsageError naming what is missing. */
export function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

