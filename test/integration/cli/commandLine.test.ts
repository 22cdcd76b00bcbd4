/**
 * The CLI's command line (issue 20): global options anywhere, usage errors as one line on stderr
 * with exit 2, help that explains exit codes, `unlock` with a password file, `ask --no-save`.
 * Runs the real CLI entry (runCli) in-process over temp data folders.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { parseArgs, parseCommandLine } from '../../../src/main/cli/command';
import { promptHidden } from '../../../src/main/cli/password';
import { runCli } from '../../../src/main/cli/run';
import { encryptPdf, makeManualPdf, qpdfAvailable, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';

if (!qpdfAvailable()) console.warn(`[skip] ${__filename.split('/').pop()}: the password test needs qpdf to make an encrypted PDF, and qpdf is not installed`);

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env });
  return { code, stdout, stderr };
}

describe('command line parsing', () => {
  it('global options stand before or after the command; command options after it', () => {
    const a = parseCommandLine(['--data-dir', '/d', '--json', 'docs', '--status', 'ready']);
    expect(a).toMatchObject({ ok: true, command: 'docs', global: { dataDir: '/d', json: true }, args: { flags: { status: 'ready', json: true } } });
    const b = parseCommandLine(['docs', '--status', 'ready', '--data-dir=/e']);
    expect(b).toMatchObject({ ok: true, command: 'docs', global: { dataDir: '/e', json: false } });
    expect(parseCommandLine(['--force', 'docs'])).toEqual({ ok: false, error: expect.stringMatching(/unknown option --force before the command/) });
    expect(parseCommandLine(['--data-dir'])).toEqual({ ok: false, error: expect.stringMatching(/--data-dir needs a folder/) });
    expect(parseCommandLine(['docs', '--data-dir'])).toEqual({ ok: false, error: expect.stringMatching(/--data-dir needs a folder/) });
  });

  it('switches never swallow the next word', () => {
    expect(parseArgs(['--force', 'abc123'])).toEqual({ positional: ['abc123'], flags: { force: true } });
    expect(parseArgs(['--no-save', 'how', 'tight'])).toEqual({ positional: ['how', 'tight'], flags: { 'no-save': true } });
  });
});

describe('password prompt', () => {
  it('reads one line in raw mode without echoing it; backspace edits, Ctrl-C cancels', async () => {
    const tty = () => Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode(this: { raw: boolean[] }, on: boolean) { this.raw.push(on); } });
    const stdin = tty();
    const echoed: string[] = [];
    const stderr = Object.assign(new PassThrough(), { write: (t: string) => echoed.push(t) });
    const typed = promptHidden('Password: ', stdin as never, stderr as never);
    stdin.write('s3cx\u007fret\rignored');
    expect(await typed).toBe('s3cret');
    expect(stdin.raw).toEqual([true, false]);
    expect(echoed.join('')).toBe('Password: \n');
    const again = tty();
    const c2 = promptHidden('Password: ', again as never, stderr as never);
    again.write('ab\u0003');
    await expect(c2).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('CLI entry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-cli-line-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('unknown command, missing command and misplaced options: one line on stderr, exit 2, no data folder touched', async () => {
    const untouched = join(dir, 'never-created');
    for (const argv of [['frobnicate', '--data-dir', untouched], ['--data-dir', untouched], ['--verbose', 'docs', '--data-dir', untouched]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^benchmate: /);
    }
    expect((await cli(['frobnicate'])).stderr).toMatch(/unknown command "frobnicate"/);
    await expect(readdir(untouched)).rejects.toThrow();
  });

  it("a command missing its argument or given an unknown subcommand: one line naming it and the command's usage, exit 2", async () => {
    const data = join(dir, 'usage-errors');
    const cases: Array<[string[], RegExp]> = [
      [['doc'], /^benchmate: doc: missing document id \(usage: doc <id>\)$/],
      [['search'], /^benchmate: search: missing search text \(usage: search /],
      [['backup', 'frobnicate'], /^benchmate: backup: unknown subcommand "frobnicate" \(usage: backup /],
      [['import', 'x.pdf', '--ocr', 'sometimes'], /^benchmate: import: --ocr must be auto, off or force \(not "sometimes"\)/]
    ];
    for (const [argv, expected] of cases) {
      const r = await cli([...argv, '--data-dir', data]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(expected);
    }
  }, 120_000);

  it('help lists the commands, the global options and what each exit code means', async () => {
    const r = await cli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Global options \(anywhere on the line\):/);
    expect(r.stdout).toMatch(/^ {2}unlock <docId>/m);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 .*needs a password.*\n {2}2 {2}usage error/);
    const one = await cli(['import', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: benchmate import <paths…>/);
    expect(one.stdout).toMatch(/Exit codes: 0 done; 1 the command ran but did not fully succeed; 2 usage error/);
    expect((await cli(['help', 'nope'])).code).toBe(2);
  });

  it('--data-dir and --json before the command name are honoured', { timeout: 120_000 }, async () => {
    const data = join(dir, 'before');
    const r = await cli(['--data-dir', data, '--json', 'docs']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(await readdir(data)).toContain('index');
    const env = await cli(['docs', '--json'], { BENCHMATE_DATA_DIR: data });
    expect(JSON.parse(env.stdout)).toEqual([]);
  });

  it('ask --no-save answers without writing the chat history; without it the session is kept', { timeout: 240_000 }, async () => {
    const data = join(dir, 'ask');
    const pdf = await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf(sampleManualSpec()));
    expect((await cli(['import', pdf, '--data-dir', data, '--json'])).code).toBe(0);
    const sessionCount = async () => JSON.parse((await cli(['sessions', 'list', '--json', '--data-dir', data])).stdout).total as number;

    const ephemeral = await cli(['ask', 'What is the torque for the M8 bolts?', '--no-save', '--json', '--data-dir', data]);
    expect(ephemeral.code).toBe(0);
    const answer = JSON.parse(ephemeral.stdout) as { saved: boolean; message: { role: string } };
    expect(answer).toMatchObject({ saved: false, message: { role: 'assistant' } });
    expect(await sessionCount()).toBe(0);

    const kept = JSON.parse((await cli(['ask', 'What is the torque for the M8 bolts?', '--json', '--data-dir', data])).stdout) as { sessionId: string; saved: boolean };
    expect(kept.saved).toBe(true);
    expect(await sessionCount()).toBe(1);
    // A follow-up on a kept session with --no-save sees the session but leaves it as it was.
    const messages = async () => JSON.parse((await cli(['sessions', 'show', kept.sessionId, '--json', '--data-dir', data])).stdout).messages.length as number;
    const before = await messages();
    const follow = await cli(['ask', 'and the M10 ones?', '--session', kept.sessionId, '--no-save', '--json', '--data-dir', data]);
    expect(follow.code).toBe(0);
    expect(JSON.parse(follow.stdout).sessionId).toBe(kept.sessionId);
    expect(await messages()).toBe(before);
    expect((await cli(['ask', 'x', '--session', 'no-such-session', '--no-save', '--data-dir', data])).stderr).toMatch(/No session no-such-session/);
  });

  it.skipIf(!qpdfAvailable())('unlock <docId> --password-file: a wrong password says so (exit 1), the right one imports', { timeout: 240_000 }, async () => {
    const data = join(dir, 'unlock');
    const plain = await writePdf(join(dir, 'in'), 'plain.pdf', await makeManualPdf(sampleManualSpec()));
    const locked = encryptPdf(plain, join(dir, 'in', 'locked.pdf'), 's3cret')!;
    const imported = await cli(['import', locked, '--data-dir', data, '--json']);
    expect(imported.code).toBe(1);
    const docId = (JSON.parse((await cli(['docs', '--json', '--data-dir', data])).stdout) as Array<{ id: string; status: string }>)[0];
    expect(docId.status).toBe('needs_password');

    const wrong = join(dir, 'wrong.txt');
    await writeFile(wrong, 'guess\n');
    const bad = await cli(['unlock', docId.id, '--password-file', wrong, '--data-dir', data]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/still locked/);

    const right = join(dir, 'right.txt');
    await writeFile(right, 's3cret\n'); // the trailing newline `echo` writes is not part of the password
    const ok = await cli(['unlock', docId.id, '--password-file', right, '--data-dir', data]);
    expect(ok.code).toBe(0);
    expect((JSON.parse((await cli(['docs', '--json', '--data-dir', data])).stdout) as Array<{ status: string }>)[0].status).toBe('ready');
    // Now it is not locked any more: nothing to unlock.
    expect((await cli(['unlock', docId.id, '--password-file', right, '--data-dir', data])).code).toBe(1);
    expect((await cli(['unlock', '--data-dir', data])).code).toBe(2);
  });
});
