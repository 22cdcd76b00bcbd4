import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repo = join(__dirname, '../../..');

/**
 * Runs the CLI (through tsx, as `npm run cli` does) with a module-resolve hook that records every
 * resolved URL, and returns the npm packages the process loaded plus its exit code and output.
 */
export async function traceCli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; packages: Set<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'bm-cli-trace-'));
  try {
    const trace = join(dir, 'trace.txt');
    await writeFile(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(trace)}, r.url + '\\n'); return r; }\n`);
    await writeFile(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify('file://' + join(dir, 'hooks.mjs'))});\n`);
    await writeFile(trace, '');
    const args = ['--import', join(dir, 'register.mjs'), '--import', 'tsx', join(repo, 'src/main/cli/main.ts'), ...argv];
    const r = await run(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, timeout: 120_000 }).then(
      (x) => ({ code: 0, ...x }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' })
    );
    const packages = new Set<string>();
    for (const url of (await readFile(trace, 'utf8')).split('\n')) {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (m) packages.add(m[1]);
    }
    return { ...r, packages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
