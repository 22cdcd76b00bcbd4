#!/usr/bin/env node
/**
 * Renders resources/icon.svg into every icon file the installers need, so the SVG is the one
 * source: resources/icons/<N>x<N>.png (Linux icon set, electron-builder picks them by size),
 * resources/icon.png (512, window icon), resources/icon.ico (Windows) and resources/icon.icns (macOS).
 * ICO and ICNS are written here (both are a small header around PNG data), so no native icon tool
 * or download is needed. Run: `node scripts/make-icons.mjs` (outputs are committed; `--check`
 * exits 1 when they are stale).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const res = join(root, 'resources');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types holding PNG data, by pixel size (ic10 is the 512@2x slot).
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];

export async function renderPng(svg, size) {
  const img = await loadImage(svg);
  const canvas = createCanvas(size, size);
  canvas.getContext('2d').drawImage(img, 0, 0, size, size);
  return canvas.toBuffer('image/png');
}

export function icoFile(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

export function icnsFile(entries) {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main() {
  const check = process.argv.includes('--check');
  const svg = readFileSync(join(res, 'icon.svg'));
  const cache = new Map();
  const png = async (size) => {
    if (!cache.has(size)) cache.set(size, await renderPng(svg, size));
    return cache.get(size);
  };
  const outputs = new Map();
  for (const s of LINUX_SIZES) outputs.set(join(res, 'icons', `${s}x${s}.png`), await png(s));
  outputs.set(join(res, 'icon.png'), await png(512));
  outputs.set(join(res, 'icon.ico'), icoFile(await Promise.all(ICO_SIZES.map(async (size) => ({ size, data: await png(size) })))));
  outputs.set(join(res, 'icon.icns'), icnsFile(await Promise.all(ICNS_TYPES.map(async ([type, size]) => ({ type, data: await png(size) })))));
  let stale = 0;
  for (const [file, data] of outputs) {
    const same = existsSync(file) && readFileSync(file).equals(data);
    if (check) {
      if (!same) {
        stale++;
        console.error(`stale: ${file}`);
      }
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    if (!same) writeFileSync(file, data);
  }
  if (check && stale) process.exit(1);
  console.log(check ? 'icons up to date' : `wrote ${outputs.size} icon files from resources/icon.svg`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
