#!/usr/bin/env node
/**
 * `npm test`: every check in one run, in order — lint, typecheck, build, vitest, Playwright.
 * Lint, typecheck and build count as one test each; vitest and Playwright counts come from their
 * JSON reporters. Later stages run even when an earlier one failed (you see everything at once),
 * except e2e, which needs the build. Ends with the line `N passed, N failed, N skipped` and a
 * non-zero exit code when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

const stages = [];

function run(cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { code: r.status ?? 1, seconds: (Date.now() - started) / 1000, error: r.error };
}

function banner(name) {
  process.stdout.write(`\n=== ${name} ${'='.repeat(Math.max(0, 60 - name.length))}\n`);
}

/** A stage that is one test: pass when the command exits 0. */
function single(name, cmd, args) {
  banner(name);
  const r = run(cmd, args);
  stages.push({ name, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1, skipped: 0, seconds: r.seconds });
  return r.code === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

single('lint', bin('eslint'), ['.']);
single('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = single('build', bin('electron-vite'), ['build']);

{
  const name = 'vitest';
  banner(name);
  const out = join(resultsDir, 'vitest.json');
  rmSync(out, { force: true });
  const r = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const j = readJson(out);
  const passed = j?.numPassedTests ?? 0;
  // A test file that fails to load has no test results of its own: count it as one failure.
  const brokenFiles = (j?.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  let failed = (j?.numFailedTests ?? 0) + brokenFiles;
  const skipped = (j?.numPendingTests ?? 0) + (j?.numTodoTests ?? 0);
  // A crash, a file that fails to load, or a missing report still has to count as a failure.
  if (r.code !== 0 && failed === 0) failed = 1;
  stages.push({ name, passed, failed, skipped, seconds: r.seconds });
}

{
  const name = 'e2e (playwright)';
  banner(name);
  if (!built) {
    process.stdout.write('skipping e2e: the build failed\n');
    stages.push({ name, passed: 0, failed: 1, skipped: 0, seconds: 0 });
  } else {
    const out = join(resultsDir, 'playwright.json');
    rmSync(out, { force: true });
    const r = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    const s = readJson(out)?.stats;
    const passed = (s?.expected ?? 0) + (s?.flaky ?? 0);
    let failed = s?.unexpected ?? 0;
    const skipped = s?.skipped ?? 0;
    if (r.code !== 0 && failed === 0) failed = 1;
    stages.push({ name, passed, failed, skipped, seconds: r.seconds });
  }
}

banner('summary');
for (const s of stages) {
  const mark = s.failed ? 'FAIL' : 'ok  ';
  process.stdout.write(`${mark} ${s.name.padEnd(18)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped  (${s.seconds.toFixed(1)}s)\n`);
}
const total = stages.reduce((a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0
});
if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) process.stdout.write('note: out/renderer is missing\n');
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed > 0 ? 1 : 0);
