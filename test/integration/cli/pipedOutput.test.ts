/**
 * `--json` output piped into another program arrives whole (issue 21): the CLI used to call
 * process.exit() right after writing, which cut a piped stdout at the 64 KiB pipe buffer.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = join(__dirname, '../../..');
const at = '2026-01-01T00:00:00.000Z';

describe('CLI output through a pipe', () => {
  let dir: string;
  const id = 'piped-session';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-cli-pipe-'));
    await mkdir(join(dir, 'sessions'), { recursive: true });
    // One session of 40 messages x 40 KB: `sessions show --json` prints ~1.6 MB.
    const lines = [{ t: 'created', v: 1, at, session: { id, title: 'Piped', scope: { machineModels: [], documentIds: [], tags: [] }, machine: '', serialNumber: '', technician: '', pinned: false, createdAt: at } }];
    for (let i = 0; i < 40; i++)
      lines.push({ t: 'message', at, message: { id: `m${i}`, sessionId: id, role: 'user', text: `q${i} ` + 'torque the M8 bolts '.repeat(2000), createdAt: at, sources: [], related: [] } } as never);
    await writeFile(join(dir, 'sessions', `${id}.jsonl`), lines.map((l) => JSON.stringify(l) + '\n').join(''));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a >1 MB --json output read through `head -c` and `wc -c` is complete and parses', async () => {
    const tsx = join(repo, 'node_modules/.bin/tsx');
    const cli = join(repo, 'src/main/cli/main.ts');
    const sh = `"${tsx}" "${cli}" sessions show ${id} --json --data-dir "${dir}"`;
    // A slow reader: head copies 16 MB at most, so it keeps the pipe open until the CLI is done.
    const { stdout: count } = await run('sh', ['-c', `${sh} | head -c 16000000 | wc -c`], { cwd: repo, timeout: 120_000 });
    const { stdout: text } = await run('sh', ['-c', `${sh} | head -c 16000000`], { cwd: repo, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(Number(count.trim())).toBeGreaterThan(1_000_000);
    expect(Number(count.trim())).toBe(Buffer.byteLength(text));
    const parsed = JSON.parse(text) as { id: string; messages: unknown[] };
    expect(parsed.id).toBe(id);
    expect(parsed.messages).toHaveLength(40);
  }, 180_000);
});
