import { readFile } from 'node:fs/promises';
import { AppError } from '../core/platform/errors';

/**
 * The password for `unlock`: from `--password-file F` (`-` = stdin; one trailing newline is
 * dropped, as `echo secret > F` writes one), else typed at a terminal with the echo off. Never
 * from a plain command-line argument: that would land in the shell history and `ps`.
 */
export async function readPassword(file: string | undefined, io: { stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream } = { stdin: process.stdin, stderr: process.stderr }): Promise<string> {
  if (file !== undefined) {
    const text = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new AppError('NOT_FOUND', `Cannot read the password file ${file}: ${e.code ?? e.message}`);
    });
    return text.replace(/\r?\n$/, '');
  }
  if (!io.stdin.isTTY) throw new AppError('INVALID_INPUT', 'No terminal to type the password in: use --password-file FILE (or - for stdin).');
  return promptHidden('Password: ', io.stdin, io.stderr);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

/** Reads one line in raw mode so the typed characters are never echoed. */
export function promptHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new AppError('CANCELLED', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
