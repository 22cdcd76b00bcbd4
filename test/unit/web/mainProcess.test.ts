import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(process.cwd(), 'src', 'main', 'web', 'main.ts');

function run(args: string[], onStdout?: (text: string, kill: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // `node --import tsx` rather than the tsx CLI: the CLI relays signals through a parent process,
    // which under load can exit 143 before our SIGTERM handler is known to it.
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('web host process', () => {
  it('refuses --host 0.0.0.0 without --allow-remote/--token: clear message, exit code 2', async () => {
    const r = await run(['--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0/);
    expect(r.stderr).toMatch(/--allow-remote/);
    expect(r.stdout).not.toMatch(/http:\/\//);
  });

  it('prints a loopback URL with a token, serves the token-protected API, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-web-'));
    let url = '';
    let checked: Promise<void> | undefined;
    const r = await run(['--port', '0', '--data-dir', dir], (text, kill) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(text);
      if (m && !url) {
        url = m[1];
        const u = new URL(url);
        checked = (async () => {
          const denied = await fetch(new URL('/api/upload', u), { method: 'POST', body: 'x' });
          expect(denied.status).toBe(401);
        })().finally(kill);
      }
    });
    await checked;
    await rm(dir, { recursive: true, force: true });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=.{24,}$/);
    expect(r.code).toBe(0);
  });
});
