/**
 * Peak memory: `npm run bench:memory`
 * Peak resident set (RSS, worker threads included) of the CLI, as a user runs it (`tsx`), for:
 *   1. importing a one-page PDF into a fresh data folder        target ≤ 300 MB
 *   2. importing the dev corpus (../shared/eval-dev/corpus)      target ≤ 600 MB
 *   3. one `ask` against that library (the tiny shared chat model when present, else search-only)
 * each next to a bare `node -e` measured in the same run, so the figures can be read against
 * what Node alone costs on this machine. Every process is a fresh one; the peak is read from
 * getrusage at exit (bench/peakRss.mjs). Memory does not depend on machine load the way time
 * does, but a loaded machine can still shift GC timing by a few MB.
 *
 * Then the parse worker's cold start (issue 20: the first page count within 2 s): in a fresh
 * process with the core open, the time from starting an import job to the first page count and
 * to the job's end (bench/coldStartChild.ts), for the one-page PDF and a real manual. A time
 * figure: it grows with the machine's load, so the load average is printed with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeManualPdf, writePdf } from '../test/fixtures/pdf/makePdf';
import { sharedPath } from '../test/helpers/sharedDir';

const root = fileURLToPath(new URL('..', import.meta.url));
const preload = new URL('./peakRss.mjs', import.meta.url).href;
const tsx = createRequire(import.meta.url).resolve('tsx');
const cli = join(root, 'src/main/cli/main.ts');

interface Run {
  label: string;
  peakMb: number;
  ok: boolean;
  note?: string;
}

async function measure(label: string, args: string[], work: string): Promise<Run & { stdout: string }> {
  const file = join(work, `rss-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(process.execPath, ['--import', preload, ...args], {
    cwd: root,
    env: { ...process.env, BENCH_PEAK_RSS_FILE: file },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  const kib = existsSync(file) ? Number(await readFile(file, 'utf8')) : NaN;
  // `import` exits 1 when any file failed (the corpus has a deliberately unreadable one): name them.
  const failed = (r.stdout ?? '').split('\n').filter((l) => /^failed\s/.test(l)).map((l) => l.split(/\s+/)[1]);
  const ok = r.status === 0 || (r.status === 1 && failed.length > 0);
  const note = failed.length ? `files that failed: ${failed.join(', ')}` : ok ? undefined : `exit ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ')}`;
  return { label, peakMb: kib / 1024, ok, stdout: r.stdout ?? '', note };
}

const cliArgs = (dataDir: string, ...rest: string[]) => ['--import', tsx, cli, ...rest, '--data-dir', dataDir];

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bm-bench-memory-'));
  const runs: Run[] = [];
  try {
    const baseline = await measure('bare `node -e 0`', ['-e', '0'], work);
    runs.push(baseline);

    const one = await writePdf(work, 'one-page.pdf', await makeManualPdf({ title: 'One page', pages: [{ text: 'Check the filter.\n\nReplace the pump seal when the housing is wet.' }] }));
    runs.push(await measure('import: one-page PDF', cliArgs(join(work, 'one'), 'import', one), work));

    const corpus = sharedPath('eval-dev', 'corpus');
    let askDir = join(work, 'one');
    if (existsSync(corpus)) {
      runs.push(await measure('import: dev corpus (9 PDFs)', cliArgs(join(work, 'corpus'), 'import', corpus), work));
      askDir = join(work, 'corpus');
    } else console.log(`dev corpus import skipped: ${corpus} not found (the shared folder is not next to the repo)`);

    const model = sharedPath('models', 'stories260K.gguf');
    let chatArgs: string[] = [];
    let askNote = 'search-only (no chat model)';
    if (existsSync(model)) {
      const imported = spawnSync(process.execPath, cliArgs(askDir, 'models', 'import', model, '--reference', '--json'), { cwd: root, encoding: 'utf8' });
      const id = /"id":\s*"([^"]+)"/.exec(imported.stdout ?? '')?.[1];
      if (id) [chatArgs, askNote] = [['--chat-model', id], `chat model ${id} (tiny shared model)`];
      else console.log(`chat model import failed; the ask runs search-only: ${(imported.stderr || '').trim().split('\n').at(-1)}`);
    }
    const ask = await measure('ask (one question)', cliArgs(askDir, 'ask', 'How do I check the filter?', ...chatArgs), work);
    ask.note ??= askNote;
    runs.push(ask);

    const coldFiles = [one, ...[join(corpus, 'gpsim.pdf')].filter((f) => existsSync(f))];
    const cold = coldFiles.map((file) => coldStart(file));

    const targets: Record<string, number> = { 'import: one-page PDF': 300, 'import: dev corpus (9 PDFs)': 600 };
    console.log(`\nPeak RSS (MB) — Node ${process.version}, CLI under tsx, each run a fresh process\n`);
    console.log(`${'run'.padEnd(30)} ${'peak'.padStart(8)} ${'− node'.padStart(8)} ${'target'.padStart(8)}`);
    for (const r of runs) {
      const target = targets[r.label];
      const verdict = target === undefined ? '' : r.peakMb <= target ? '  ok' : '  OVER';
      const extra = r === baseline ? '' : (r.peakMb - baseline.peakMb).toFixed(0);
      console.log(`${r.label.padEnd(30)} ${r.peakMb.toFixed(0).padStart(8)} ${extra.padStart(8)} ${(target ? `≤ ${target}` : '').padStart(8)}${verdict}${r.ok ? '' : '  FAILED'}${r.note ? `  (${r.note})` : ''}`);
    }
    console.log(`\nParse worker cold start — import job started → first page count known → job done (target: count ≤ 2 s)\n`);
    for (const c of cold) console.log(c);
    console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (times grow with load; memory hardly does)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function coldStart(file: string): string {
  const name = file.split(/[\\/]/).pop()!;
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'bench/coldStartChild.ts'), file], { cwd: root, encoding: 'utf8' });
  const line = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  try {
    const m = JSON.parse(line) as { firstCountMs: number | null; pages: number | null; doneMs: number; status: string };
    const count = m.firstCountMs === null ? 'never' : `${(m.firstCountMs / 1000).toFixed(2)} s`;
    return `${name.padEnd(30)} count ${count.padStart(7)} (${m.pages ?? '?'} pages)   done ${(m.doneMs / 1000).toFixed(2).padStart(6)} s   ${m.status}${m.firstCountMs !== null && m.firstCountMs <= 2000 ? '  ok' : '  OVER'}`;
  } catch {
    return `${name.padEnd(30)} failed: ${(r.stderr || line).trim().split('\n').slice(-2).join(' ')}`;
  }
}

void main();
