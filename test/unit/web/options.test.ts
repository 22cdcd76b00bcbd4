import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, isLoopback, parseWebOptions } from '../../../src/main/web/options';

describe('web host options', () => {
  it('binds loopback with a fresh random token by default', () => {
    const a = parseWebOptions([], {});
    const b = parseWebOptions([], {});
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.options.host).toBe('127.0.0.1');
    expect(a.options.port).toBe(DEFAULT_PORT);
    expect(a.options.token.length).toBeGreaterThanOrEqual(24);
    expect(a.options.token).not.toBe(b.options.token);
  });

  it('refuses a non-loopback host without --allow-remote and --token (exit code 2)', () => {
    for (const argv of [['--host', '0.0.0.0'], ['--host', '0.0.0.0', '--allow-remote'], ['--host', '192.168.1.5', '--token', 'x'.repeat(20)]]) {
      const r = parseWebOptions(argv, {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.exitCode).toBe(2);
        expect(r.message).toMatch(/Refusing to listen/);
      }
    }
  });

  it('allows a remote host only with both the flag and a long enough token', () => {
    const r = parseWebOptions(['--host', '0.0.0.0', '--allow-remote', '--token', 's3cret-s3cret-s3cret'], {});
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.options.token).toBe('s3cret-s3cret-s3cret');
    const short = parseWebOptions(['--host', '0.0.0.0', '--allow-remote', '--token', 'short'], {});
    expect(short.ok).toBe(false);
  });

  it('takes --data-dir over BENCHMATE_DATA_DIR, and rejects bad ports', () => {
    const env = { BENCHMATE_DATA_DIR: '/env/dir' };
    const a = parseWebOptions(['--data-dir', '/flag/dir', '--port', '0'], env);
    const b = parseWebOptions([], env);
    expect(a.ok && a.options.dataDir).toBe('/flag/dir');
    expect(a.ok && a.options.port).toBe(0);
    expect(b.ok && b.options.dataDir).toBe('/env/dir');
    expect(parseWebOptions(['--port', '70000'], {}).ok).toBe(false);
    expect(parseWebOptions(['--port', 'abc'], {}).ok).toBe(false);
  });

  it('recognises loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.0.1', '::', 'example.com', '10.0.0.1'].some(isLoopback)).toBe(false);
  });
});
