/**
 * The installer icons are generated from resources/icon.svg (scripts/make-icons.mjs). These checks
 * read the committed files the way the platforms do: the ICO directory and the ICNS element table
 * must point at real PNGs of the sizes they claim, and the files must match the SVG (not stale).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const res = join(process.cwd(), 'resources');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => ({ w: b.readUInt32BE(16), h: b.readUInt32BE(20) });

describe('installer icons', () => {
  it('are up to date with resources/icon.svg', () => {
    const r = spawnSync(process.execPath, ['scripts/make-icons.mjs', '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it('icon.ico lists PNG images whose sizes match its directory', () => {
    const ico = readFileSync(join(res, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThanOrEqual(5);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico.readUInt8(e) || 256;
      const len = ico.readUInt32LE(e + 8);
      const png = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + len);
      expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(pngSize(png)).toEqual({ w: size, h: size });
      sizes.push(size);
    }
    expect(sizes).toContain(16);
    expect(sizes).toContain(256);
  });

  it('icon.icns holds PNG elements up to 1024 px and its length fields add up', () => {
    const icns = readFileSync(join(res, 'icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found = new Map<string, number>();
    for (let off = 8; off < icns.length; ) {
      const type = icns.toString('ascii', off, off + 4);
      const len = icns.readUInt32BE(off + 4);
      const png = icns.subarray(off + 8, off + len);
      expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      found.set(type, pngSize(png).w);
      off += len;
    }
    expect(found.get('ic07')).toBe(128);
    expect(found.get('ic09')).toBe(512);
    expect(found.get('ic10')).toBe(1024);
  });

  it('the Linux icon set has the sizes its file names say', () => {
    for (const s of [16, 32, 48, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(res, 'icons', `${s}x${s}.png`)))).toEqual({ w: s, h: s });
    }
  });
});
