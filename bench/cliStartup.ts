/**
 * CLI start-up: `npm run bench:cli [-- --base <git ref>] [--rounds N]`
 * Wall time of `tsx src/main/cli/main.ts <command> --json` (what `npm run cli` runs) for `docs` on an
 * empty data folder, and `docs` / `search` on a small library (three generated manuals), for this
 * tree and for a baseline tree extracted from `--base` (default: main) into a temp folder. Runs
 * alternate base/head so drifting machine load hits both alike; prints medians, the head/base
 * ratio, and `node -e 0` as a measure of how loaded the machine is. Target: head < 2 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { makeManualPdf, writePdf } from '../test/fixtures/pdf/makePdf';
import { sampleManualSpec } from '../test/fixtures/pdf/sampleManual';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const BASE = arg('base', 'main');
const ROUNDS = Number(arg('rounds', '5'));
const tsx = join(repo, 'node_modules/.bin/tsx');

function timeRun(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bm-bench-cli-'));
  try {
    const baseTree = join(work, 'base');
    execFileSync('sh', ['-c', `mkdir -p "${baseTree}" && git -C "${repo}" archive "${BASE}" | tar -x -C "${baseTree}"`]);
    await symlink(join(repo, 'node_modules'), join(baseTree, 'node_modules'));
    const empty = join(work, 'empty');
    const lib = join(work, 'lib');
    const pdfs = join(work, 'pdfs');
    const files = [];
    for (let i = 0; i < 3; i++) files.push(await writePdf(pdfs, `manual-${i}.pdf`, await makeManualPdf({ ...sampleManualSpec(), title: `Manual ${i}` })));
    execFileSync(tsx, [join(repo, 'src/main/cli/main.ts'), 'import', ...files, '--data-dir', lib, '--json'], { cwd: repo, stdio: 'ignore' });

    const cases: Array<[string, string[]]> = [
      ['docs (empty data dir)', ['docs', '--json', '--data-dir', empty]],
      ['docs (3 manuals)', ['docs', '--json', '--data-dir', lib]],
      ['search (3 manuals)', ['search', 'torque', 'of', 'the', 'M8', 'bolts', '--json', '--data-dir', lib]]
    ];
    const trees = { base: baseTree, head: repo };
    const times = new Map<string, number[]>();
    const nodeOnly: number[] = [];
    // One warm-up each: tsx compiles and caches every source file on its first run.
    for (const [, argv] of cases) for (const tree of Object.values(trees)) timeRun(tsx, [join(tree, 'src/main/cli/main.ts'), ...argv], tree);
    for (let r = 0; r < ROUNDS; r++) {
      nodeOnly.push(timeRun(process.execPath, ['-e', '0'], repo));
      for (const [name, argv] of cases) {
        for (const [label, tree] of Object.entries(trees)) {
          const key = `${name}|${label}`;
          times.set(key, [...(times.get(key) ?? []), timeRun(tsx, [join(tree, 'src/main/cli/main.ts'), ...argv], tree)]);
        }
      }
    }
    console.log(`CLI start-up, median of ${ROUNDS} (base = ${BASE}); load average ${loadavg()[0].toFixed(1)}; node -e 0: ${s(median(nodeOnly))}`);
    console.log(`${'command'.padEnd(24)} ${'base'.padStart(8)} ${'head'.padStart(8)}  head/base  head < 2 s`);
    for (const [name] of cases) {
      const b = median(times.get(`${name}|base`)!);
      const h = median(times.get(`${name}|head`)!);
      console.log(`${name.padEnd(24)} ${s(b)} ${s(h)}  ${(h / b).toFixed(2).padStart(9)}  ${h < 2000 ? 'yes' : 'NO'}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

void main();
