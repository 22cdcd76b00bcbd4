import { plainReason } from './statusWords';
import { importOutcome, type DocumentSummary, type ImportOutcome } from '../../../../shared/contract/library';
import type { JobSnapshot } from '../../../../shared/contract/jobs';

/**
 * What one import-queue row shows, derived from the job snapshot (progress while running, the
 * job's result or error once finished). Problem files get a plain-language reason and, where the
 * user can fix it, an action (e.g. a password).
 */
/** Jobs about one file (the queue's rows); the library's index-optimize job is not one of them. */
export const IMPORT_JOB_KINDS = ['library.import', 'library.reindex', 'library.unlock', 'library.ocr'];

export type QueueItemKind = 'active' | 'imported' | 'duplicate' | 'needs_password' | 'needs_ocr' | 'damaged' | 'failed' | 'cancelled';

export interface QueueItem {
  jobId: string;
  file: string;
  kind: QueueItemKind;
  /** e.g. "Reading pages · 3 of 12" while active; the reason once finished. */
  message: string;
  done: number;
  total: number | null;
  docId?: string;
  /** The document is no longer in the library: nothing left to act on. */
  removed?: boolean;
  /** Active but not started: waiting for a free slot (or a paused queue). */
  waiting?: boolean;
  /** Earlier jobs of the same document this row stands for (cleared with it). */
  earlierJobIds?: string[];
  /** The running job's phase ('ocr' while pages are recognised). */
  phase?: string;
}

const PHASES: Record<string, string> = {
  queued: 'Waiting',
  read: 'Reading file',
  hash: 'Checking file',
  parse: 'Reading pages',
  extract: 'Reading pages',
  structure: 'Finding sections',
  chunk: 'Splitting into passages',
  index: 'Indexing',
  embed: 'Embedding',
  store: 'Saving',
  optimize: 'Optimizing search index',
  ocr: 'Recognising scanned pages'
};

export const phaseLabel = (phase: string): string => PHASES[phase] ?? (phase ? phase[0].toUpperCase() + phase.slice(1) : 'Working');

function fromOutcome(o: ImportOutcome): { kind: QueueItemKind; message: string } {
  switch (o.outcome) {
    case 'imported':
      return { kind: 'imported', message: `Imported${o.pages ? ` · ${o.pages} ${o.pages === 1 ? 'page' : 'pages'}` : ''}` };
    case 'duplicate':
      return { kind: 'duplicate', message: o.message || 'Already in the library' };
    case 'needs_password':
      return { kind: 'needs_password', message: 'Password-protected: enter the password to import it.' };
    case 'needs_ocr':
      return { kind: 'needs_ocr', message: 'Needs OCR: the pages are scanned images without text.' };
    default:
      return classifyFailure(o.message);
  }
}

function classifyFailure(message: string): { kind: QueueItemKind; message: string } {
  if (/password|encrypt/i.test(message)) return { kind: 'needs_password', message: 'Password-protected: enter the password to import it.' };
  if (/damaged|truncat|corrupt|invalid pdf|unreadable/i.test(message)) {
    // Core messages look like "<file>: damaged file: <parser reason>"; keep only the reason.
    return { kind: 'damaged', message: plainReason(message) };
  }
  if (/ocr|image-only|scanned/i.test(message)) return { kind: 'needs_ocr', message: 'Needs OCR: the pages are scanned images without text.' };
  return { kind: 'failed', message };
}

/** Job titles are "Import x.pdf" / "Reindex <title>" / "Unlock x.pdf" / "OCR <title>"; the row shows the file. */
export const fileOfTitle = (title: string): string => title.replace(/^(Import|Reindex|Re-index|Unlock|OCR)\s+/i, '');

export function queueItem(job: JobSnapshot): QueueItem {
  const base = { jobId: job.jobId, file: fileOfTitle(job.title), done: job.done, total: job.total };
  if (job.status === 'queued' || job.status === 'running') {
    const pages = job.total ? ` · ${job.done} of ${job.total} pages` : '';
    const waiting = job.status === 'queued' || job.phase === 'queued';
    // OCR is slow: its progress names the pages and the time left ("OCR: 3 of 40 pages, about 2 min left").
    if (!waiting && job.phase === 'ocr' && job.message) return { ...base, kind: 'active', waiting, phase: 'ocr', message: job.message };
    return { ...base, kind: 'active', waiting, message: `${phaseLabel(waiting ? 'queued' : job.phase)}${pages}` };
  }
  if (job.status === 'cancelled') return { ...base, kind: 'cancelled', message: 'Cancelled' };
  const parsed = importOutcome.safeParse(job.result);
  if (job.status === 'succeeded') {
    if (!parsed.success) return { ...base, kind: 'imported', message: 'Imported' };
    return { ...base, file: parsed.data.file || job.title, docId: parsed.data.docId, ...fromOutcome(parsed.data) };
  }
  // failed: the error code says more than the message when present.
  const code = job.error?.code ?? '';
  const msg = job.error?.message ?? job.message ?? 'Import failed';
  const docId = parsed.success ? parsed.data.docId : undefined;
  if (code === 'NEEDS_PASSWORD') return { ...base, docId, kind: 'needs_password', message: 'Password-protected: enter the password to import it.' };
  if (parsed.success && parsed.data.outcome !== 'imported') return { ...base, docId, ...fromOutcome(parsed.data) };
  return { ...base, docId, ...classifyFailure(msg) };
}

/**
 * The queue as the library stands now. A document imported, unlocked or re-indexed several times
 * shows one row, its latest job's; a problem row whose document has since become ready says so
 * (a reload brings every past job back, and "Enter password" for a ready manual only confused);
 * a row whose document was deleted keeps its text but loses its action. Failed jobs carry no
 * document id, so rows are matched to documents by file name when they lack one.
 */
export function reconcileQueue(items: readonly QueueItem[], documents: ReadonlyArray<Pick<DocumentSummary, 'id' | 'fileName' | 'status'>>): QueueItem[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const byFile = new Map(documents.map((d) => [d.fileName, d]));
  const settled = items.map((item) => (item.docId || item.kind === 'active' ? item : { ...item, docId: byFile.get(item.file)?.id }));
  const latest = new Map<string, number>();
  const earlier = new Map<string, string[]>();
  settled.forEach((item, i) => {
    if (!item.docId) return;
    const prev = latest.get(item.docId);
    if (prev !== undefined) earlier.set(item.docId, [...(earlier.get(item.docId) ?? []), settled[prev].jobId]);
    latest.set(item.docId, i);
  });
  const out: QueueItem[] = [];
  settled.forEach((raw, i) => {
    if (raw.docId && latest.get(raw.docId) !== i) return;
    const item = raw.docId && earlier.has(raw.docId) ? { ...raw, earlierJobIds: earlier.get(raw.docId) } : raw;
    if (item.kind === 'active' || item.kind === 'cancelled') return void out.push(item);
    const doc = item.docId ? byId.get(item.docId) : undefined;
    if (!doc) out.push(isProblem(item.kind) ? { ...item, docId: undefined, removed: true } : item);
    else if (doc.status === 'ready' && isProblem(item.kind)) out.push({ ...item, kind: 'imported', message: 'Ready: the manual was imported afterwards' });
    else out.push(item);
  });
  return out;
}

/** The password dialog's view of its unlock job: still running, done, or the reason it failed. */
export function unlockResult(job: JobSnapshot | undefined): { state: 'running' | 'done' } | { state: 'failed'; message: string } {
  if (!job || job.status === 'queued' || job.status === 'running') return { state: 'running' };
  if (job.status === 'succeeded') return { state: 'done' };
  // Core messages are "<file>: <reason>"; the dialog already names the file.
  const raw = job.error?.message ?? job.message ?? 'The file could not be unlocked.';
  return { state: 'failed', message: raw.replace(/^[^:]*\.pdf:\s*/i, '') };
}

export const isProblem = (k: QueueItemKind): boolean => k === 'needs_password' || k === 'needs_ocr' || k === 'damaged' || k === 'failed';

/**
 * The queue header: its status words and whether "Pause imports" is offered. Pausing only means
 * something while a file is waiting or being read; with everything finished it read as a control
 * for work that no longer exists. A paused queue always offers "Resume imports".
 */
export function queueHeader(items: readonly QueueItem[], paused: boolean): { status: string; offerPause: boolean } {
  const activeCount = items.filter((i) => i.kind === 'active').length;
  const status = paused ? `Paused${activeCount > 0 ? ` · ${activeCount} waiting or finishing` : ''}` : activeCount > 0 ? `${activeCount} in progress` : 'All done';
  return { status, offerPause: paused || activeCount > 0 };
}
