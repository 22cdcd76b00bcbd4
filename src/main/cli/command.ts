import type { z } from 'zod';
import type { Core } from '../core/createCore';
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
}

export type BareCliContext = Omit<CliContext, 'core'> & { dataDir: string; version: string };

const BOOLEAN_FLAGS = new Set(['json', 'help', 'verbose']);

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
