/**
 * Knowledge packs and backups: `npm run bench:packs [-- <pdf folder>]` (default: the dev corpus in
 * ../shared/eval-dev/corpus; skipped with a reason when absent).
 *
 * Measures, in one run on fresh data folders: importing the PDFs (parse, chunk, index, until the
 * FTS optimize is done) versus importing a pack of the same library (verify + merge rows + copy
 * PDFs, until the optimize is done), and prints the ratio (target >= 5x). Both runs start from a
 * cold core, so worker start-up counts for the PDFs as it would for a user. Also prints backup
 * create / verify / restore times and checks that the pack library answers every dev question
 * with the same pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { restoreBackup, verifyBackup } from '../src/main/core/backup/restore';
import { expandPaths } from '../src/main/core/library/files';

const open = (dir: string) => createCore({ paths: pathsFor(dir), host: 'cli', version: 'bench', logLevel: 'error', threads: 2, restoreModels: false });
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function importPdfs(core: Core, files: string[]): Promise<void> {
  const r = await core.library.import(files);
  for (const id of r.jobIds) await core.jobs.wait(id);
  await core.library.optimizeSettled();
}

async function importPack(core: Core, path: string): Promise<{ added: number }> {
  const job = core.packs.import(path, { replace: false });
  const r = await job.done;
  await core.library.optimizeSettled();
  return r;
}

/** Top pages for each question: what "answers the same questions" means without a chat model. */
async function answers(core: Core, questions: string[]): Promise<string> {
  const out: string[] = [];
  for (const q of questions) {
    const r = await core.search.query({ text: q, limit: 5 });
    out.push(JSON.stringify(r.passages.map((p) => [p.docTitle, p.page, p.score])));
  }
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const corpus = resolve(args[0] ?? join(import.meta.dirname, '..', '..', 'shared', 'eval-dev', 'corpus'));
  if (!existsSync(corpus)) {
    console.log(`bench:packs skipped: no corpus at ${corpus} (pass a folder of PDFs)`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  const qFile = join(corpus, '..', 'questions.jsonl');
  const questions = existsSync(qFile)
    ? readFileSync(qFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { question: string }).question)
    : ['safety', 'error code', 'installation'];
  const scratch = await mkdtemp(join(tmpdir(), 'bm-bench-packs-'));
  try {
    const a = await open(join(scratch, 'a'));
    const pdf = await timed(() => importPdfs(a, files));
    const docs = (await a.library.list()).length;
    const packPath = join(scratch, 'library.tar');
    const exp = await timed(() => a.packs.export({ out: packPath }).done);
    const backupPath = join(scratch, 'backup.tar');
    const bk = await timed(() => a.backup.create({ out: backupPath }).done);
    const answersA = await answers(a, questions);
    await a.dispose();

    const b = await open(join(scratch, 'b'));
    const pack = await timed(() => importPack(b, packPath));
    const answersB = await answers(b, questions);
    await b.dispose();

    const ver = await timed(() => verifyBackup(backupPath));
    const res = await timed(() => restoreBackup(backupPath, join(scratch, 'restored')));

    console.log(`corpus: ${files.length} PDFs, ${docs} documents, ${questions.length} questions`);
    console.log(`import PDFs (parse + index + optimize):   ${secs(pdf.ms)}`);
    console.log(`pack export:                               ${secs(exp.ms)}  (${((await stat(packPath)).size / 1048576).toFixed(1)} MB)`);
    console.log(`pack import (verify + merge + optimize):   ${secs(pack.ms)}  (${pack.value.added} documents added)`);
    console.log(`backup create / verify / restore:          ${secs(bk.ms)} / ${secs(ver.ms)} / ${secs(res.ms)}  (${(bk.value.bytes / 1048576).toFixed(1)} MB)`);
    console.log(`same top-5 pages for every question:       ${answersA === answersB ? 'yes' : 'NO'}`);
    const ratio = pdf.ms / pack.ms;
    console.log(`pack import speed-up vs importing the PDFs: ${ratio.toFixed(1)}x (target >= 5x) ${ratio >= 5 ? 'OK' : 'BELOW TARGET'}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
