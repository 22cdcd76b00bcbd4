/**
 * The limits a document is parsed under, and how a breach is worded. A hostile or broken PDF
 * (a compressed-stream bomb, a page that never ends) must fail alone, in plain words, with the
 * setting to change named — never take the process, the open chat or the other imports with it.
 */

export interface ParseLimits {
  /** Heap ceiling of a parse worker (worker_threads `resourceLimits.maxOldGenerationSizeMb`). */
  memoryMb: number;
  /** Wall-clock budget for one file in one worker (the idle timeout still catches a stuck page sooner). */
  timeBudgetMs: number;
  /**
   * Largest size a single compressed stream may expand to, checked before pdf.js opens the file
   * (streamGuard.ts). pdf.js has no such limit and keeps decoded streams in ArrayBuffers, outside
   * the worker's heap ceiling: this is the guard against a compressed-stream bomb.
   */
  maxStreamBytes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  memoryMb: 1024,
  timeBudgetMs: 600_000,
  maxStreamBytes: 256 * 1024 * 1024
};

/**
 * The worker's young generation (V8's default for this heap size is larger): pdf.js allocates
 * mostly short-lived objects per page. Measured on a 191-page manual: peak 142 MB against 162 MB
 * per worker, parse time within the noise of a loaded machine.
 */
export const PARSE_WORKER_YOUNG_MB = 8;
/** Long enough that the files of a batch reuse the worker; a later import warms a new one (warm). */
export const DEFAULT_WORKER_RELEASE_MS = 2_000;

const SETTINGS_HINT = 'change it in Settings › Import limits';

/** 314572800 → "300 MB"; 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 10 ? 0 : 1;
  return `${v.toFixed(digits).replace(/\.0$/, '')} ${units[u]}`;
}

const count = (n: number) => n.toLocaleString('en-US');

export const limitMessages = {
  fileSize: (bytes: number, limit: number) => {
    // Just over the limit rounds to the same figure: then say it in bytes.
    const [size, max] = formatBytes(bytes) === formatBytes(limit) ? [`${count(bytes)} bytes`, `${count(limit)} bytes`] : [formatBytes(bytes), formatBytes(limit)];
    return `too large to read safely: ${size}, limit ${max} — ${SETTINGS_HINT}`;
  },
  pages: (pages: number, limit: number) => `too many pages to read safely: ${count(pages)} pages, limit ${count(limit)} — ${SETTINGS_HINT}`,
  stream: (limit: number) => `too large to read safely: a compressed stream expands past ${formatBytes(limit)}, the limit per stream (a compressed-stream bomb) — ${SETTINGS_HINT}`,
  memory: (limitMb: number) => `too large to read safely: reading it needed more than the parser's memory limit of ${count(limitMb)} MB — ${SETTINGS_HINT}`,
  time: (limitMs: number) => `took too long to read: more than ${count(Math.round(limitMs / 1000))} s, the limit per file — ${SETTINGS_HINT}`
};
