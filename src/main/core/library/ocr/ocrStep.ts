/**
 * The OCR step of an import: picks the pages that need it (no text layer but images, or a text
 * layer that is garbage; every page when forced), recognises those not already stored, and puts
 * the recognised text in place of the page text, so chunking, sections, identifiers and search
 * treat them like any text page.
 */
import { isAbortError } from '../../platform/errors';
import type { JobContext } from '../../platform/jobRunner';
import type { PdfPage } from '../pdf/extract';
import { garbleRatio, type OcrSummary } from '../quality';
import type { OcrRequest } from './ocrPool';
import type { OcrStore } from './ocrStore';
import type { OcrOptions, OcrPageResult } from './ocrTypes';

export type OcrMode = 'auto' | 'off' | 'force';

export interface OcrStepDeps {
  recognise(req: OcrRequest): Promise<void>;
  store: OcrStore;
  /** Resolved at run time (settings may change); throws when the language data is missing. */
  options(): OcrOptions;
}


export const LOW_CONFIDENCE = 60;

/** Pages to OCR: scans (no text, images painted) and garbage text layers; every page when forced. */
export function pagesNeedingOcr(pages: readonly PdfPage[], mode: OcrMode): number[] {
  if (mode === 'off') return [];
  if (mode === 'force') return pages.filter((p) => !p.error).map((p) => p.page);
  return pages
    .filter((p) => {
      const t = p.text.trim();
      if (!t) return p.imageOnly;
      return t.length >= 40 && garbleRatio(t) > 0.3; // same rule as the quality report's garbledPages
    })
    .map((p) => p.page);
}

/**
 * Runs OCR over `wanted` pages of `pages` (mutated in place). On cancel the pages recognised so
 * far are applied and kept, and the summary lists the rest as pending; other errors propagate.
 */
export async function runOcr(
  deps: OcrStepDeps,
  doc: { id: string; bytes: Uint8Array },
  pages: PdfPage[],
  wanted: readonly number[],
  ctx: JobContext
): Promise<{ summary: OcrSummary; cancelled: boolean }> {
  const o = deps.options();
  const results = new Map<number, OcrPageResult>();
  for (const n of wanted) {
    const cached = await deps.store.load(doc.id, n, o);
    if (cached) results.set(n, cached);
  }
  const todo = wanted.filter((n) => !results.has(n));
  const total = wanted.length;
  const started = Date.now();
  let recognised = 0;
  const report = () => {
    const done = results.size;
    const perPage = recognised ? (Date.now() - started) / recognised : null;
    const eta = perPage === null ? '' : `, about ${formatEta(perPage * (total - done))} left`;
    ctx.progress({ phase: 'ocr', done, total, message: `OCR: ${done} of ${total} pages${eta}` });
  };
  report();
  const saving: Array<Promise<void>> = [];
  let cancelled = false;
  try {
    await deps.recognise({
      docKey: doc.id,
      data: doc.bytes,
      pages: todo,
      options: o,
      signal: ctx.signal,
      onPage: (r) => {
        results.set(r.page, r);
        recognised++;
        saving.push(deps.store.save(doc.id, r, o.lang));
        report();
      }
    });
  } catch (e) {
    if (!isAbortError(e)) throw e;
    cancelled = true;
  } finally {
    await Promise.all(saving);
  }
  return { summary: applyOcr(pages, wanted, results), cancelled };
}

/** Puts recognised text into the pages and summarises the run. */
export function applyOcr(pages: PdfPage[], wanted: readonly number[], results: ReadonlyMap<number, OcrPageResult>): OcrSummary {
  const s: OcrSummary = { pages: [], meanConfidence: null, lowConfidencePages: [], noTextPages: [], failedPages: [], pendingPages: [] };
  let confSum = 0;
  let confPages = 0;
  for (const n of wanted) {
    const r = results.get(n);
    if (!r) {
      s.pendingPages.push(n);
      continue;
    }
    if (r.error) {
      s.failedPages.push({ page: n, error: r.error });
      continue;
    }
    s.pages.push(n);
    const p = pages[n - 1];
    if (p?.page === n) p.text = r.text;
    if (!r.text.trim()) s.noTextPages.push(n);
    if (r.confidence !== null) {
      confSum += r.confidence;
      confPages++;
      if (r.confidence < LOW_CONFIDENCE) s.lowConfidencePages.push(n);
    }
  }
  s.meanConfidence = confPages ? Math.round((confSum / confPages) * 10) / 10 : null;
  return s;
}

function formatEta(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}
