import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { parseArgs, stringFlag } from '../cli/command';

export interface WebOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  /** True when --port was given explicitly (then a busy port is an error, not a fallback). */
  portExplicit: boolean;
  token: string;
  dataDir: string | undefined;
  staticDir: string | undefined;
  allowRemote: boolean;
}

export type ParsedWebOptions = { ok: true; options: WebOptions } | { ok: false; message: string; exitCode: number };

export const DEFAULT_PORT = 4870;
const MIN_TOKEN_LENGTH = 16;

export const USAGE = `Usage: npm run serve -- [--port N] [--host 127.0.0.1] [--data-dir DIR] [--token T]
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H          address to bind (default 127.0.0.1). Anything but loopback also needs
                    --allow-remote and --token (at least ${MIN_TOKEN_LENGTH} characters).
  --data-dir DIR    userData folder (or env BENCHMATE_DATA_DIR)
  --token T         session token (default: random per run)
  --static-dir DIR  built renderer (default: out/renderer)`;

/** Loopback means only this machine can connect: 127.0.0.0/8, ::1 or the name localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? mapped[1].startsWith('127.') : false;
}

export const randomToken = (): string => randomBytes(24).toString('base64url');

/**
 * Parses the web host's command line. Pure (argv + env in, options or a refusal out) so the
 * security rules — loopback by default, remote only with an explicit flag and token — are tested.
 */
export function parseWebOptions(argv: string[], env: Record<string, string | undefined>): ParsedWebOptions {
  const args = parseArgs(argv);
  if (args.flags.help === true) return { ok: false, message: USAGE, exitCode: 0 };
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const portText = stringFlag(args, 'port');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `Invalid --port "${portText}": use a number from 0 to 65535.`, exitCode: 2 };
  }
  const allowRemote = args.flags['allow-remote'] === true || args.flags['allow-remote'] === 'true';
  const givenToken = args.flags.token;
  if (givenToken === true) return { ok: false, message: '--token needs a value.', exitCode: 2 };
  if (givenToken !== undefined && givenToken.length < MIN_TOKEN_LENGTH) {
    return { ok: false, message: `--token must be at least ${MIN_TOKEN_LENGTH} characters.`, exitCode: 2 };
  }
  if (!isLoopback(host)) {
    if (!allowRemote || givenToken === undefined) {
      const missing = [!allowRemote && '--allow-remote', givenToken === undefined && '--token <secret>'].filter(Boolean).join(' and ');
      return {
        ok: false,
        message:
          `Refusing to listen on ${host}: that address is reachable from other machines and the web host ` +
          `gives full access to your manuals and models. If you really want this, add ${missing} ` +
          `(the token must be at least ${MIN_TOKEN_LENGTH} characters), or bind 127.0.0.1 (the default).`,
        exitCode: 2
      };
    }
  }
  return {
    ok: true,
    options: {
      host,
      port,
      portExplicit: portText !== undefined,
      token: givenToken ?? randomToken(),
      dataDir: stringFlag(args, 'data-dir') ?? (env.BENCHMATE_DATA_DIR || undefined),
      staticDir: stringFlag(args, 'static-dir'),
      allowRemote
    }
  };
}
