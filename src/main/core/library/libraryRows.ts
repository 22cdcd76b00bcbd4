import type { DocumentSummary } from '../../../shared/contract/library';
import type { DocumentRow } from '../index/schema';

/** Library job kinds and the row → contract conversions of LibraryService. */

/** Job kinds: import of new files, re-parse of a stored file, retry with a password. */
export const LIBRARY_JOB_KINDS = { import: 'library.import', reindex: 'library.reindex', unlock: 'library.unlock', ocr: 'library.ocr' } as const;
/** Index maintenance (compaction + folding new rows into the FTS indexes), a job of its own. */
export const OPTIMIZE_JOB_KIND = 'library.optimize';

/** Whether a job snapshot belongs to the library (import, reindex, unlock, optimize). */
export const isLibraryJob = (kind: string): boolean => kind === OPTIMIZE_JOB_KIND || Object.values<string>(LIBRARY_JOB_KINDS).includes(kind);

export function toSummary(d: DocumentRow): DocumentSummary {
  const { storedPath: _s, qualityJson, pageLabelsJson: _l, outlineJson: _o, ...rest } = d;
  return { ...rest, quality: parseJson(qualityJson, null) };
}

export function parseJson<T>(s: string, fallback: T): T {
  try {
    return s ? (JSON.parse(s) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
