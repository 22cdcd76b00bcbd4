/**
 * Where a worker thread's entry module (pdfWorker, ocrWorker) comes from, in each runtime:
 * - electron-vite bundle (the app): `<entry>.js` is built as its own entry next to the main bundle;
 * - tsx (CLI, web host, benches) and vitest: the entry is TypeScript. It is bundled once per
 *   process with esbuild (our modules only; packages stay plain imports) into a `.mjs` under
 *   node_modules/.cache, so the worker runs without any TypeScript loader. Started through tsx a
 *   parse worker cost ~60 MB more resident memory and ~0.3 s more start-up: tsx's loader hooks
 *   ran in a thread of their own and transformed every module the worker imported;
 * - when bundling is not possible (no esbuild, read-only node_modules): the tsx bootstrap below.
 * Bundling takes ~50-100 ms, so it happens when the first worker starts, not at start-up: most
 * CLI commands never start one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLAIN_IMPORT_BOOTSTRAP } from './loadPdfjs';

export interface WorkerTarget {
  /** A file URL, or (tsx bootstrap) source run with `eval`. */
  url: URL | string;
  eval: boolean;
}

/** A worker entry, or how to get one (bundle the sources first); resolved when a worker starts. */
export type WorkerLocator = WorkerTarget | (() => Promise<WorkerTarget>);

export function resolveWorkerTarget(locator: WorkerLocator): Promise<WorkerTarget> {
  return typeof locator === 'function' ? locator() : Promise.resolve(locator);
}

/** `entry`: the worker module's base name, a sibling of the calling module in the sources. */
export function findWorkerTarget(moduleUrl: string, entry: string): WorkerLocator | null {
  if (moduleUrl.endsWith('.ts')) {
    const fallback = tsxWorkerTarget(moduleUrl, entry);
    return () => bundledWorkerTarget(moduleUrl, entry).catch(() => (fallback ? fallback : Promise.reject(new Error(`no worker entry for ${entry}`))));
  }
  // Bundled: the worker entry sits next to the main bundle or one folder up from a chunk.
  for (const rel of [`./${entry}.js`, `../${entry}.js`, `./${entry}.mjs`, `../${entry}.mjs`]) {
    const url = new URL(rel, moduleUrl);
    if (existsSync(fileURLToPath(url))) return { url, eval: false };
  }
  return null;
}

/**
 * The fallback: a tiny CommonJS bootstrap that loads the .ts entry through tsx's programmatic API
 * (Node 20 does not apply `--import tsx` hooks to a worker's own entry).
 */
export function tsxWorkerTarget(moduleUrl: string, entry: string): WorkerTarget | null {
  const src = new URL(`./${entry}.ts`, moduleUrl).href;
  try {
    const api = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api')).href;
    const boot = `${PLAIN_IMPORT_BOOTSTRAP} import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(src)}, ${JSON.stringify(src)})).catch((e) => { console.error(e); process.exit(1); });`;
    return { url: boot, eval: true };
  } catch {
    return null;
  }
}

const bundles = new Map<string, Promise<WorkerTarget>>();

/** A bundle older than this with another hash is left over from earlier sources: removed. */
const STALE_BUNDLE_MS = 24 * 3600_000;

/** Bundles `<entry>.ts` (once per process) and returns the bundle's file URL. */
export function bundledWorkerTarget(moduleUrl: string, entry: string): Promise<WorkerTarget> {
  const source = fileURLToPath(new URL(`./${entry}.ts`, moduleUrl));
  let built = bundles.get(source);
  if (!built) {
    built = bundle(moduleUrl, entry, source);
    built.catch(() => bundles.delete(source)); // a later worker start may try again
    bundles.set(source, built);
  }
  return built;
}

interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ contents: Uint8Array }> }>;
}

async function bundle(moduleUrl: string, entry: string, source: string): Promise<WorkerTarget> {
  const require = createRequire(moduleUrl);
  const esbuildMain = require.resolve('esbuild');
  const at = esbuildMain.lastIndexOf(join('node_modules', 'esbuild'));
  if (at < 0) throw new Error('esbuild is not under node_modules');
  // Inside node_modules, so the bundle's bare imports (pdf-parse, tesseract.js) resolve as before.
  const dir = join(esbuildMain.slice(0, at), 'node_modules', '.cache', 'benchmate-workers');
  const esbuild = (await import(pathToFileURL(esbuildMain).href)) as EsbuildApi & { default?: EsbuildApi };
  const api = esbuild.default ?? esbuild;
  const out = await api.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    write: false,
    outfile: join(dir, `${entry}.mjs`),
    logLevel: 'silent'
  });
  const code = out.outputFiles[0].contents;
  const file = join(dir, `${entry}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    // Written aside and renamed: processes starting side by side never import a half-written file.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, code);
    await rename(tmp, file);
    void pruneStale(dir, entry, file);
  }
  return { url: pathToFileURL(file), eval: false };
}

async function pruneStale(dir: string, entry: string, keep: string): Promise<void> {
  try {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (path === keep || !name.startsWith(`${entry}-`)) continue;
      if (Date.now() - (await stat(path)).mtimeMs > STALE_BUNDLE_MS) await rm(path, { force: true });
    }
  } catch {
    // only housekeeping
  }
}


const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * The parent's flags minus its module preloads. A worker inherits `process.execArgv`, so under
 * `node --import tsx` every worker loaded tsx again and sent each module it imported (pdf.js,
 * tesseract.js) through tsx's hooks: measured +30 MB and ~3 s more start-up per worker on a
 * loaded machine. Our worker entries are plain JS and need no preload.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].split('=')[0];
    if (!PRELOAD_FLAGS.has(flag)) out.push(argv[i]);
    else if (!argv[i].includes('=')) i++; // the flag's value is the next argument
  }
  return out;
}
