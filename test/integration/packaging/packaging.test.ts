/**
 * Builds the unpacked desktop app with electron-builder (`--dir`, the same configuration `npm run dist`
 * uses) and checks what an installer would ship: the app code inside app.asar, every native module
 * outside it, only this platform's node-llama-cpp binaries, and the size budget.
 *
 * Where the Electron binary could not be downloaded (this CI), a stand-in Electron distribution is
 * used: electron-builder only copies and renames it, so everything checked here is our packaging,
 * not Electron's. The app itself is built first when `out/` is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync, readdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const require = createRequire(import.meta.url);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
/** Unpacked app without Electron itself (code, node_modules, native binaries). Raise it on purpose. */
const APP_BUDGET_MB = 550;

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  unpacked?: boolean;
}

function asarFiles(asarPath: string): Map<string, AsarEntry> {
  const asar = require('@electron/asar') as { getRawHeader(p: string): { header: AsarEntry } };
  const out = new Map<string, AsarEntry>();
  const walk = (node: AsarEntry, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = `${prefix}/${name}`;
      if (child.files) walk(child, p);
      else out.set(p, child);
    }
  };
  walk(asar.getRawHeader(asarPath).header, '');
  return out;
}

function duBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += duBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** The real Electron when it was downloaded, else a stand-in with the same file name. */
function electronDist(work: string): { dir: string; standIn: boolean } {
  const real = join(root, 'node_modules', 'electron', 'dist');
  if (existsSync(join(real, process.platform === 'win32' ? 'electron.exe' : 'electron'))) return { dir: real, standIn: false };
  const dir = join(work, 'electron-stand-in');
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (packaging test)"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), (require('electron/package.json') as { version: string }).version);
  return { dir, standIn: true };
}

const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
if (!linuxX64) console.log(`packaging test skipped: it checks linux-x64 binaries, this is ${process.platform}-${process.arch}`);

describe.runIf(linuxX64)('packaging (electron-builder --dir)', () => {
  let work = '';
  let appDir = '';
  let files = new Map<string, AsarEntry>();

  beforeAll(() => {
    if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
      const b = spawnSync(bin('electron-vite'), ['build'], { cwd: root, encoding: 'utf8' });
      expect(b.status, b.stderr).toBe(0);
    }
    work = mkdtempSync(join(tmpdir(), 'benchmate-pack-'));
    const dist = electronDist(work);
    if (dist.standIn) console.log('packaging test: no Electron binary here, packing with a stand-in Electron distribution');
    const r = spawnSync(
      bin('electron-builder'),
      ['--dir', '--linux', '--x64', '--config', 'electron-builder.cjs', `-c.directories.output=${join(work, 'dist')}`],
      { cwd: root, encoding: 'utf8', env: { ...process.env, BENCHMATE_ELECTRON_DIST: dist.dir, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } }
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    appDir = join(work, 'dist', 'linux-unpacked');
    files = asarFiles(join(appDir, 'resources', 'app.asar'));
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('puts the built app code in app.asar, and neither sources nor dev tools', () => {
    expect(files.has('/out/main/index.js')).toBe(true);
    expect(files.has('/out/main/pdfWorker.js')).toBe(true);
    expect(files.has('/out/preload/index.cjs')).toBe(true);
    expect(files.has('/out/renderer/index.html')).toBe(true);
    expect(files.has('/package.json')).toBe(true);
    const paths = [...files.keys()];
    expect(paths.filter((p) => p.startsWith('/src/') || p.startsWith('/test/'))).toEqual([]);
    for (const dev of ['vitest', 'electron-vite', 'typescript', 'eslint', 'electron', 'electron-builder', '@playwright']) {
      expect(paths.some((p) => p.startsWith(`/node_modules/${dev}/`)), dev).toBe(false);
    }
  });

  it('keeps every native module outside the archive, where dlopen can load it', () => {
    const nativeInAsar = [...files.entries()].filter(([p, e]) => p.endsWith('.node') && !e.unpacked).map(([p]) => p);
    expect(nativeInAsar).toEqual([]);
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, '@lancedb', 'lancedb-linux-x64-gnu', 'lancedb.linux-x64-gnu.node'))).toBe(true);
    expect(existsSync(join(unpacked, '@node-llama-cpp', 'linux-x64', 'bins', 'linux-x64', 'llama-addon.node'))).toBe(true);
  });

  it('ships only this platform\'s node-llama-cpp binaries, without the CUDA builds', () => {
    const dir = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', '@node-llama-cpp');
    const shipped = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'bins')) && readdirSync(join(dir, d, 'bins')).length > 0);
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.every((d) => d.startsWith('linux-x64'))).toBe(true);
    expect(shipped.some((d) => d.includes('cuda'))).toBe(false);
    expect([...files.keys()].some((p) => p.includes('gitRelease.bundle'))).toBe(false);
  });

  it('carries the window icon and stays within the size budget', () => {
    expect(existsSync(join(appDir, 'resources', 'icon.png'))).toBe(true);
    const mb = duBytes(join(appDir, 'resources')) / 1e6;
    console.log(`packaging test: unpacked app (without Electron) ${mb.toFixed(0)} MB, budget ${APP_BUDGET_MB} MB`);
    expect(mb).toBeLessThan(APP_BUDGET_MB);
  });
});
