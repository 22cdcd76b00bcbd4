import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { auditEntry, type AuditEntry } from '../../../shared/contract/access';
import type { Logger } from '../platform/logger';

/**
 * `<userData>/audit.jsonl`: one JSON line per admin action or confirmed assistant action,
 * appended and fsynced before the caller gets its answer (the same reasoning as the session
 * journals: an append + fsync is the cheapest durable write). A crash can only tear the last line,
 * which `read` drops; a damaged line anywhere else is skipped and counted, never fatal.
 * The log is never rewritten by the app: it only grows (backups carry it along).
 */
export class AuditLog {
  private handle: fs.FileHandle | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly logger: Logger
  ) {}

  append(entry: AuditEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    const run = this.queue.then(async () => {
      if (!this.handle) {
        await fs.mkdir(dirname(this.path), { recursive: true });
        this.handle = await fs.open(this.path, 'a');
      }
      await this.handle.write(line);
      await this.handle.datasync();
    });
    this.queue = run.catch((e: unknown) => this.logger.error('audit append failed', { error: e }));
    return run;
  }

  /** Every readable entry, oldest first, plus how many lines were damaged. */
  async read(): Promise<{ entries: AuditEntry[]; damaged: number }> {
    await this.queue;
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: 0 };
      throw e;
    }
    const entries: AuditEntry[] = [];
    let damaged = 0;
    const lines = text.split('\n');
    // The part after the last newline is a torn append (or empty): not an entry.
    for (const line of lines.slice(0, -1)) {
      if (!line.trim()) continue;
      try {
        const parsed = auditEntry.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else damaged++;
      } catch {
        damaged++;
      }
    }
    return { entries, damaged };
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
  }
}

const SECRET_KEY = /pin|code|secret|password|passphrase|token/i;

/** What an audit entry records of a call's input: secrets masked, long strings cut, depth bounded. */
export function auditTarget(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 3) return '…';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => auditTarget(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '***' : auditTarget(v, depth + 1);
  return out;
}

export function auditCsv(entries: AuditEntry[]): string {
  const cell = (s: string): string => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s);
  const rows = entries.map((e) =>
    [e.at, e.actor.name, e.actor.role, e.actor.profileId, e.transport, e.action, e.result, e.target === undefined ? '' : JSON.stringify(e.target)].map(cell).join(',')
  );
  return ['at,actor,role,profileId,transport,action,result,target', ...rows].join('\n') + '\n';
}
