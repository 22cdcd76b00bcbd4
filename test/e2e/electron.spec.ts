/**
 * Launches the built desktop app (out/main/index.js) with Playwright's Electron driver. Skipped,
 * with the reason printed, where the Electron binary is not installed (e.g. this CI machine,
 * which installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { AppPage, PAGES } from './pages/AppPage';
import { appVersion, repoRoot } from './fixtures/webHost';

function electronBinary(): { path?: string; reason?: string } {
  try {
    // The electron package exports the binary's path; it throws when the download was skipped.
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(path) ? { path } : { reason: `Electron binary not found at ${path}` };
  } catch (e) {
    return { reason: `Electron binary is not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
}

const bin = electronBinary();
const builtMain = join(repoRoot, 'out', 'main', 'index.js');

test('desktop app: secure window, preload api, every page, Status', async () => {
  const reason = bin.reason ?? (existsSync(builtMain) ? undefined : 'out/main/index.js is missing (run npm run build)');
  if (reason) console.log(`[electron.spec] skipped: ${reason}`);
  test.skip(reason !== undefined, reason);

  const dataDir = await mkdtemp(join(tmpdir(), 'benchmate-electron-'));
  const app = await electron.launch({
    executablePath: bin.path,
    args: [repoRoot, '--data-dir', dataDir, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, BENCHMATE_DATA_DIR: dataDir }
  });
  try {
    const page = await app.firstWindow();
    const shell = new AppPage(page);
    await expect(shell.nav).toBeVisible();
    // Sandboxed renderer: exactly one bridged object, no Node.
    // (globalThis is the page's window; this file is typechecked without DOM types.)
    const probe = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return { api: typeof w.api, require: typeof w.require, process: typeof w.process };
    });
    expect(probe).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
    for (const name of PAGES) {
      await shell.goTo(name);
      await shell.screenshot(`electron-${name.toLowerCase()}`);
    }
    await expect(page.getByTestId('app-version')).toHaveText(appVersion);
    await expect(page.getByTestId('path-userData')).toHaveText(dataDir);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
