/**
 * Imports the real eval-dev manuals (when /work/shared/eval-dev is present): every file gets one
 * clear status, the real manuals have the page counts of corpus.tsv, the scanned file is OCR'd
 * (ready, cited with word boxes), the truncated one reported damaged, and nothing crashes the batch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/createCore';
import { sqlEq } from '../../../src/main/core/index/sql';
import type { DocumentSummary } from '../../../src/shared/contract/library';
import type { ChatMessage } from '../../../src/shared/contract/sessions';
import { intersection, wordsInRange } from '../../../src/renderer/src/features/viewer/ocrBoxes';
import { cliWordBoxes, toolAvailable } from '../../helpers/ocrCheck';
import { tempCore } from '../../helpers/tempCore';
import { importAndWait } from './helpers';
import { unwrap } from '../../../src/shared/result';
import { sharedPath } from '../../helpers/sharedDir';

const EVAL_DIR = process.env.BENCHMATE_EVAL_DEV ?? sharedPath('eval-dev');
const present = existsSync(join(EVAL_DIR, 'corpus.tsv'));
if (!present) console.warn(`[skip] eval-dev corpus test: ${EVAL_DIR}/corpus.tsv not found`);

interface CorpusRow {
  file: string;
  pages: number | null;
  role: string;
}

function corpusRows(): CorpusRow[] {
  const [header, ...lines] = readFileSync(join(EVAL_DIR, 'corpus.tsv'), 'utf8').trim().split('\n');
  const cols = header.split('\t');
  return lines.map((l) => {
    const v = Object.fromEntries(l.split('\t').map((x, i) => [cols[i], x]));
    return { file: v.file, pages: /^\d+$/.test(v.pages) ? Number(v.pages) : null, role: v.role };
  });
}

describe.skipIf(!present)('eval-dev corpus import', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let docs: DocumentSummary[];
  let results: Awaited<ReturnType<typeof importAndWait>>;

  beforeAll(async () => {
    const t = await tempCore();
    core = t.core;
    cleanup = t.cleanup;
    results = await importAndWait(core, [join(EVAL_DIR, 'corpus')], { tags: ['eval-dev'] });
    docs = unwrap(await core.api.library.list());
  }, 300_000);
  afterAll(() => cleanup());

  it('gives every corpus file one clear status and the real manuals their page counts', () => {
    const rows = corpusRows();
    expect(results.map((r) => r.path.split('/').pop()).sort()).toEqual(rows.map((r) => r.file).sort());
    for (const row of rows.filter((r) => r.role === 'real')) {
      const d = docs.find((x) => x.fileName === row.file);
      expect(d, row.file).toBeDefined();
      expect({ file: row.file, status: d!.status, pages: d!.pageCount }).toEqual({ file: row.file, status: 'ready', pages: row.pages });
    }
  });

  it('reports the hard files clearly: scanned → OCR\'d and ready, truncated → failed (damaged)', () => {
    const scanned = docs.find((d) => d.fileName === 'hard-scanned-gputils.pdf')!;
    expect(scanned).toMatchObject({ status: 'ready', pageCount: 4 });
    expect(scanned.quality!.imageOnlyPages).toEqual([]); // none left without text
    expect(scanned.quality!.ocr).toMatchObject({ pages: [1, 2, 3, 4], failedPages: [], pendingPages: [] });
    const truncated = results.find((r) => r.path.endsWith('hard-truncated-gputils.pdf'))!;
    expect(truncated.job.error).toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/damaged file/) });
    expect(docs.find((d) => d.fileName === 'hard-truncated-gputils.pdf')!.status).toBe('failed');
  });

  it('cites the one scanned page that answers a question, with word boxes on the words (issue 16)', async () => {
    const scanned = docs.find((d) => d.fileName === 'hard-scanned-gputils.pdf')!;
    const done = new Promise<ChatMessage>((resolve) => core.events.on('chat.done', (e) => resolve(e.message)));
    unwrap(await core.api.chat.send({ text: 'Which suffix does gpasm remove from its input file name?' }));
    const m = await done;
    const src = m.sources.find((s) => s.docId === scanned.id);
    expect(src, m.sources.map((s) => `${s.docTitle} p${s.page}`).join('; ')).toMatchObject({ page: 2, n: 1 });
    const pw = unwrap(await core.api.library.pageWords({ docId: scanned.id, page: 2 }));
    const words = wordsInRange(pw.words, src!.highlight.charStart, src!.highlight.charEnd);
    expect(words.length).toBeGreaterThan(5);
    if (!toolAvailable('tesseract') || !toolAvailable('pdftoppm')) {
      console.warn('[skip] box check against the tesseract CLI: tesseract or pdftoppm not installed');
      return;
    }
    // Independent reading of the same page: most highlighted boxes overlap a word box of the CLI.
    const cli = cliWordBoxes(join(EVAL_DIR, 'corpus', 'hard-scanned-gputils.pdf'), 2);
    const onWords = words.filter((w) => cli.some((c) => intersection(c, w) > 0.5 * (w.x1 - w.x0) * (w.y1 - w.y0)));
    expect(onWords.length / words.length).toBeGreaterThan(0.9);
  });

  it('keeps physical pages, printed labels and joined numbers (README findings)', async () => {
    const gpsbabel = docs.find((d) => d.fileName === 'gpsbabel.pdf')!;
    // "gpsbabel printed N = PDF page N+18"
    expect((unwrap(await core.api.library.pageText({ docId: gpsbabel.id, page: 19 + 18 }))).pageLabel).toBe('19');
    const hackrf = docs.find((d) => d.fileName === 'hackrf.pdf')!;
    expect((unwrap(await core.api.library.pageText({ docId: hackrf.id, page: 21 }))).pageLabel).toBe('15');
    const gpredict = docs.find((d) => d.fileName === 'gpredict-user-manual.pdf')!;
    const p39 = unwrap(await core.api.library.pageText({ docId: gpredict.id, page: 39 }));
    expect(p39.text.replace(/\s+/g, ' ')).toContain('Nautical twilight -6° to -12°');
    // hackrf's blank versos (running header only) yield no chunks.
    const nearEmpty = hackrf.quality!.nearEmptyPages;
    expect(nearEmpty.length).toBeGreaterThanOrEqual(10);
    for (const page of nearEmpty) expect(await core.index.chunks().countRows(`${sqlEq('docId', hackrf.id)} AND ${sqlEq('page', page)}`)).toBe(0);
  });

  it('every gold evidence quote is on its gold page and inside one chunk (verify_questions.py normalisation)', async () => {
    const trans: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '`': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00ad': '', '\u00a0': ' ' };
    const norm = (s: string) => [...s.normalize('NFKC')].map((c) => trans[c] ?? c).join('').replace(/\s+/g, ' ').trim();
    const questions = readFileSync(join(EVAL_DIR, 'questions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; file: string | null; pages: number[]; evidence: string }).filter((q) => q.file);
    const missing: string[] = [];
    for (const q of questions) {
      const doc = docs.find((d) => d.fileName === q.file)!;
      const ev = norm(q.evidence);
      const chunks = (await core.index.chunks().query().where(sqlEq('docId', doc.id)).select(['page', 'text']).toArray()) as Array<{ page: number; text: string }>;
      const pageTexts = await Promise.all(q.pages.map(async (page) => unwrap(await core.api.library.pageText({ docId: doc.id, page }))));
      if (!pageTexts.some((p) => norm(p.text).includes(ev))) missing.push(`${q.id} page`);
      if (!chunks.some((c) => q.pages.includes(Number(c.page)) && norm(String(c.text)).includes(ev))) missing.push(`${q.id} chunk`);
    }
    expect(missing).toEqual([]);
    expect(questions.length).toBe(42);
  });
});
