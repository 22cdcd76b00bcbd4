// ESLint rule `local/no-import-cycles`: fails on any import cycle between the project's own
// modules, type-only imports included. A type-only cycle costs nothing at run time today, but it
// ties two modules together so the next value import between them becomes a runtime cycle
// (undefined at module-evaluation time, order-dependent bugs). The fix is always the same: the
// lower module declares the small interface it needs, or the shared part moves to its own file.
//
// How: the linted file's static imports (import/export … from) come from the AST; the rest of
// the graph is read from disk with a light scan of each module's import specifiers, cached per
// file modification time, so one lint run parses each module once.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
const edgesCache = new Map();

function resolveRelative(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e)];
  // `./x.js` written for ESM output may name a `.ts` source.
  if (/\.m?js$/.test(base)) candidates.push(base.replace(/\.m?js$/, '.ts'));
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* not this candidate */
    }
  }
  return undefined;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function edgesOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = edgesCache.get(file);
  if (hit && hit.mtime === mtime) return hit.edges;
  const text = stripComments(readFileSync(file, 'utf8'));
  const edges = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolveRelative(file, m[1]);
    if (target) edges.push(target);
  }
  edgesCache.set(file, { mtime, edges });
  return edges;
}

/** A path from `start` back to `file` (list of files after `start`), or undefined. */
function pathBack(start, file) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length) {
    const [node, path] = stack.pop();
    if (node === file) return path;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.includes('/node_modules/')) continue;
    for (const next of edgesOf(node)) if (!seen.has(next) || next === file) stack.push([next, [...path, next]]);
  }
  return undefined;
}

export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between project modules (type-only imports included).' },
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}. Let the lower module declare the interface it needs (or move the shared part to its own file).' }
  },
  create(context) {
    const file = resolve(context.filename);
    const cwd = context.cwd;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolveRelative(file, spec);
      if (!target || target === file) return;
      const back = pathBack(target, file);
      if (back) context.report({ node, messageId: 'cycle', data: { cycle: [file, ...back].map((f) => relative(cwd, f)).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  }
};
