import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  level?: LogLevel;
  /** Rotate when the current file grows past this size. */
  maxBytes?: number;
  /** How many rotated files (name.1 … name.N) to keep. */
  keep?: number;
  /** Also echo warnings and errors to stderr (off in tests and the CLI's --json mode). */
  echo?: boolean;
}

/**
 * Structured JSON-lines logger. Writes are synchronous appends: log volume is small and a
 * synchronous write is never lost when the process dies right after logging an error.
 */
export class FileLogger implements Logger {
  private readonly path: string;
  private readonly min: number;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;

  constructor(
    private readonly opts: FileLoggerOptions,
    private readonly scope = 'core'
  ) {
    mkdirSync(opts.dir, { recursive: true });
    this.path = join(opts.dir, opts.fileName ?? 'benchmate.log');
    this.min = LEVELS[opts.level ?? 'info'];
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.keep = opts.keep ?? 3;
    this.size = safeSize(this.path);
  }

  get file(): string {
    return this.path;
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  child(scope: string): Logger {
    const parent = this;
    const full = `${this.scope}.${scope}`;
    const w = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) =>
      parent.write(level, msg, fields, full);
    return { debug: w('debug'), info: w('info'), warn: w('warn'), error: w('error'), child: (s) => parent.child(`${scope}.${s}`) };
  }

  private write(level: LogLevel, msg: string, fields?: Record<string, unknown>, scope = this.scope): void {
    if (LEVELS[level] < this.min) return;
    const line =
      JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...serialiseFields(fields) }) + '\n';
    try {
      if (this.size + line.length > this.maxBytes) this.rotate();
      appendFileSync(this.path, line);
      this.size += Buffer.byteLength(line);
    } catch {
      /* logging must never take the app down */
    }
    if (this.opts.echo && LEVELS[level] >= LEVELS.warn) process.stderr.write(`[${level}] ${scope}: ${msg}\n`);
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch {
        /* missing generation */
      }
    }
    try {
      renameSync(this.path, `${this.path}.1`);
    } catch {
      /* nothing to rotate */
    }
    this.size = 0;
  }
}

function serialiseFields(fields?: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** A logger that drops everything (for unit tests of services that only need the port). */
export const nullLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => nullLogger
};
