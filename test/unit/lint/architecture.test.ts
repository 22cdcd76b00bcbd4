import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints in-memory sources *as if* they lived at the given paths, using the repo's real config,
// so these tests fail if eslint.config.js stops enforcing the architecture rules.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const importElectron = `import { app } from 'electron';\nexport const name = app.getName();\n`;

describe('architecture lint rules', () => {
  it('forbids importing electron under src/main/core', async () => {
    const messages = await restrictedImports(importElectron, 'src/main/core/lintProbe/probe.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/electron/);
  });

  it('forbids electron even as a type import in core, and in src/shared', async () => {
    expect(await restrictedImports(`import type { App } from 'electron';\nexport type A = App;\n`, 'src/main/core/probe.ts')).toHaveLength(1);
    expect(await restrictedImports(importElectron, 'src/shared/contract/probe.ts')).toHaveLength(1);
  });

  it('forbids Node modules and main imports in src/shared', async () => {
    expect(await restrictedImports(`import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n`, 'src/shared/probe.ts')).toHaveLength(1);
    expect(await restrictedImports(`import { join } from 'path';\nexport const j = join;\n`, 'src/shared/probe.ts')).toHaveLength(1);
    expect(await restrictedImports(`import { createCore } from '../main/core/createCore';\nexport const c = createCore;\n`, 'src/shared/probe.ts')).toHaveLength(1);
  });

  it('forbids the renderer from importing main or electron, but allows the shared contract', async () => {
    const file = 'src/renderer/src/features/probe/probe.ts';
    expect(await restrictedImports(`import { dispatch } from '../../../../main/core/dispatch';\nexport const d = dispatch;\n`, file)).toHaveLength(1);
    expect(await restrictedImports(`import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n`, file)).toHaveLength(1);
    expect(await restrictedImports(`import { contract } from '../../../../shared/contract';\nexport const c = contract;\n`, file)).toEqual([]);
  });

  it('allows raw ipcMain only in src/main/app/ipc (and electron elsewhere in the adapter)', async () => {
    const ipc = `import { ipcMain } from 'electron';\nexport const i = ipcMain;\n`;
    expect(await restrictedImports(ipc, 'src/main/app/ipc/probe.ts')).toEqual([]);
    expect(await restrictedImports(ipc, 'src/main/app/probe.ts')).toHaveLength(1);
    expect(await restrictedImports(importElectron, 'src/main/app/probe.ts')).toEqual([]);
    expect(await restrictedImports(`import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n`, 'src/preload/probe.ts')).toEqual([]);
  });
});
