/**
 * CLI start-up (issue 20): `docs` and `search` must not load what they never use. Importing
 * node-llama-cpp, pdf.js (pdf-parse), pdfkit or tesseract.js costs seconds on a laptop; they are
 * loaded on first use instead. The time itself is measured by `npm run bench:cli`, not here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceCli } from './moduleTrace';

// apache-arrow: the trace sees ES imports only, and the ESM build is a second copy of the library
// (LanceDB loads the CommonJS one, which src/main/core/index/arrow.ts reuses).
const HEAVY = ['node-llama-cpp', 'pdf-parse', 'pdfjs-dist', 'pdfkit', 'tesseract.js', 'apache-arrow'];

describe('CLI start-up loads only what the command needs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-cli-startup-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['docs', ['docs', '--json']],
    ['search', ['search', 'torque', 'for', 'the', 'M8', 'bolts', '--json']]
  ])('%s on an empty library', { timeout: 180_000 }, async (_name, argv) => {
    const r = await traceCli([...argv, '--data-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    // The trace works: the packages these commands do need were seen.
    expect(r.packages).toContain('@lancedb/lancedb');
    expect(r.packages).toContain('zod');
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
  });
});
