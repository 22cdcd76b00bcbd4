/**
 * A faster pdf.js text extractor for the parse worker, by a source patch applied at load time.
 *
 * Why: for every glyph, pdf.js' getTextContent calls getCurrentTextTransform 2-3 times, and each
 * call multiplies two matrices through the generic `Util.transform`. That helper is shared with
 * the whole renderer, sees Float32Arrays and plain arrays alike and stays slow (megamorphic,
 * an allocation per product): profiled, it was ~16% of all extraction time. The patch computes
 * the same products inline, in the same operation order, so results are bit-for-bit identical
 * (test/unit/library/pdfjsPatch.test.ts compares the text of every page against stock pdf.js);
 * measured: 20-25% less CPU per page.
 *
 * How: pdf.js (in Node it runs its "worker" half on the calling thread) takes its worker module
 * from `globalThis.pdfjsWorker` when set, else imports `pdf.worker.mjs`. We read that file,
 * apply the patch, write the result to a private temporary folder (mkdtemp: a fresh name, owner
 * only), import it from there and delete it at once; node_modules stays untouched. Not a data:
 * URL, as before: its base64 copies left ~40 MB of garbage per worker at start-up (peak resident
 * 140 MB against 98 MB, measured), the worker's largest cost on a one-page import. The data: URL
 * remains the fallback when no temporary file can be written. Every anchor must match exactly once in the installed pdf.js
 * (pinned by pdf-parse); if one does not (a pdf.js upgrade), the worker uses stock pdf.js and
 * says why — slower, never wrong.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plainImport } from './loadPdfjs';

export interface SourcePatch {
  name: string;
  from: string;
  to: string;
}

export const PDFJS_WORKER_PATCHES: readonly SourcePatch[] = [
  {
    name: 'inline text transform',
    from: `      return Util.transform(textState.ctm, Util.transform(textState.textMatrix, tsm));
    }
    function ensureTextContentItem() {`,
    // ctm × (textMatrix × tsm), each product written out exactly as Util.transform does it.
    to: `      const m = textState.textMatrix, c = textState.ctm;
      const a0 = m[0] * tsm[0] + m[2] * tsm[1], a1 = m[1] * tsm[0] + m[3] * tsm[1];
      const a2 = m[0] * tsm[2] + m[2] * tsm[3], a3 = m[1] * tsm[2] + m[3] * tsm[3];
      const a4 = m[0] * tsm[4] + m[2] * tsm[5] + m[4], a5 = m[1] * tsm[4] + m[3] * tsm[5] + m[5];
      return [c[0] * a0 + c[2] * a1, c[1] * a0 + c[3] * a1, c[0] * a2 + c[2] * a3, c[1] * a2 + c[3] * a3, c[0] * a4 + c[2] * a5 + c[4], c[1] * a4 + c[3] * a5 + c[5]];
    }
    function ensureTextContentItem() {`
  }
];

export type PatchResult = { ok: true; source: string } | { ok: false; reason: string };

/** Applies every patch, or none: each anchor must occur exactly once. */
export function applySourcePatches(source: string, patches: readonly SourcePatch[]): PatchResult {
  let out = source;
  for (const p of patches) {
    const at = out.indexOf(p.from);
    if (at < 0) return { ok: false, reason: `patch "${p.name}": anchor not found` };
    if (out.indexOf(p.from, at + 1) >= 0) return { ok: false, reason: `patch "${p.name}": anchor found more than once` };
    out = out.slice(0, at) + p.to + out.slice(at + p.from.length);
  }
  return { ok: true, source: out };
}

export const PDFJS_WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** What the parse worker runs: 'patched', or why it runs stock pdf.js. */
export type PdfjsPatchStatus = { patched: true } | { patched: false; reason: string };

/**
 * Loads the patched pdf.js worker module and registers it where pdf.js looks first. Call once
 * per thread, before the first document is opened. Never throws.
 */
export async function installPatchedPdfjsWorker(moduleUrl: string = import.meta.url): Promise<PdfjsPatchStatus> {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (g.pdfjsWorker) return { patched: false, reason: 'a pdf.js worker module is already loaded' };
  try {
    const file = createRequire(moduleUrl).resolve(PDFJS_WORKER_MODULE);
    const result = applySourcePatches(await readFile(file, 'utf8'), PDFJS_WORKER_PATCHES);
    if (!result.ok) return { patched: false, reason: result.reason };
    // The source-map comment would point relative to the copy, i.e. nowhere.
    const source = result.source.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
    const mod = await importSource<{ WorkerMessageHandler?: unknown }>(source);
    if (!mod.WorkerMessageHandler) return { patched: false, reason: 'patched module has no WorkerMessageHandler' };
    g.pdfjsWorker = { WorkerMessageHandler: mod.WorkerMessageHandler };
    return { patched: true };
  } catch (e) {
    return { patched: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Imports an ES module from its source text: through a temporary file, else a data: URL. */
async function importSource<T>(source: string): Promise<T> {
  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(tmpdir(), 'benchmate-pdfjs-'));
    const file = join(dir, 'pdf.worker.patched.mjs');
    await writeFile(file, source, { mode: 0o600 });
    return await plainImport<T>(pathToFileURL(file).href);
  } catch {
    return plainImport<T>(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  } finally {
    // Once evaluated the module lives in memory; pdf.js loads nothing relative to it.
    if (dir) void rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
