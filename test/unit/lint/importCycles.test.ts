import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noImportCycles } from '../../../scripts/eslint/noImportCycles.mjs';

// The rule over small module graphs on disk (it reads the rest of the graph from files), and the
// repo config enabling it for every source folder.
describe('no-import-cycles lint rule', () => {
  let dir: string;
  let eslint: ESLint;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bm-cycles-'));
    const files: Record<string, string> = {
      // a → b → c → a, with type-only imports on the way round.
      'a.ts': `import type { B } from './b';\nexport interface A { b?: B }\n`,
      'b.ts': `import type { C } from './c';\nexport interface B { c?: C }\n`,
      'c.ts': `import { type A } from './a';\nexport interface C { a?: A }\n`,
      // d → e only: no cycle.
      'd.ts': `export { e } from './e';\n`,
      'e.ts': `export const e = 1;\n`
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
        { files: ['**/*.ts'], plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } }, rules: { 'local/no-import-cycles': 'error' } }
      ]
    });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cycles = async (name: string): Promise<string[]> => {
    const [r] = await eslint.lintFiles([join(dir, name)]);
    expect(r.messages.filter((m) => m.fatal)).toEqual([]);
    return r.messages.filter((m) => m.ruleId === 'local/no-import-cycles').map((m) => m.message);
  };

  it('reports a cycle made of type-only imports, naming the whole path', async () => {
    const messages = await cycles('a.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('a.ts → b.ts → c.ts → a.ts');
    expect(await cycles('c.ts')).toHaveLength(1);
  });

  it('passes an acyclic re-export', async () => {
    expect(await cycles('d.ts')).toEqual([]);
    expect(await cycles('e.ts')).toEqual([]);
  });

  it('is switched on by the repo config for src, test and bench', async () => {
    const repo = new ESLint({ cwd: process.cwd() });
    for (const f of ['src/main/core/createCore.ts', 'src/renderer/src/App.tsx', 'test/unit/lint/importCycles.test.ts', 'bench/search.ts']) {
      const config = (await repo.calculateConfigForFile(f)) as { rules: Record<string, unknown> };
      expect(config.rules['local/no-import-cycles'], f).toEqual([2]);
    }
  });
});
