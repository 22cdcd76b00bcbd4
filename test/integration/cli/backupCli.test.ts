/**
 * The CLI's backup and pack commands end to end, as an admin's script runs them: a job's result is
 * untyped on the wire, so the CLI reads it through the contract's schema — this checks the printed
 * JSON is that result (path, sizes, counts) and that a pack made by one library previews in another.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';

const run = promisify(execFile);
const repo = join(__dirname, '../../..');
const tsx = join(repo, 'node_modules/.bin/tsx');
const cliMain = join(repo, 'src/main/cli/main.ts');

async function cli(dataDir: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(tsx, [cliMain, ...args, '--json', '--data-dir', dataDir], { cwd: repo, timeout: 120_000 });
  return JSON.parse(stdout);
}

describe('CLI backup and pack', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-cli-backup-'));
    const pdf = await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf(sampleManualSpec()));
    await cli(join(dir, 'a'), 'import', pdf, '--models', 'X200');
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('backup create prints the written backup (path, size, files, documents)', async () => {
    const out = join(dir, 'bm.tar');
    const r = (await cli(join(dir, 'a'), 'backup', 'create', '--out', out)) as { path: string; bytes: number; files: number; documents: number };
    expect(r.path).toBe(out);
    expect(r.documents).toBe(1);
    expect(r.files).toBeGreaterThan(1);
    expect(r.bytes).toBe((await stat(out)).size);
  }, 180_000);

  it('pack export then pack import --dry-run into an empty library says it would add the document', async () => {
    const out = join(dir, 'x200-pack.tar');
    const exported = (await cli(join(dir, 'a'), 'pack', 'export', '--models', 'X200', '--out', out)) as { path: string; documents: number; bytes: number };
    expect(exported).toMatchObject({ path: out, documents: 1 });
    expect(exported.bytes).toBe((await stat(out)).size);
    const preview = (await cli(join(dir, 'b'), 'pack', 'import', out, '--dry-run')) as { changes: Array<{ action: string; title: string }> };
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0].action).toBe('add');
    const imported = (await cli(join(dir, 'b'), 'pack', 'import', out)) as { added: number; skipped: number };
    expect(imported).toMatchObject({ added: 1, skipped: 0 });
  }, 180_000);
});
