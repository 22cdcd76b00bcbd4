import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * E2E against the web host in Chromium. The browser is, in order: $BENCHMATE_CHROMIUM,
 * /usr/bin/chromium, else Playwright's own download (executablePath undefined).
 * Requires a built renderer (out/renderer): `npm test` builds first; by hand run `npm run build`.
 */
const chromium = process.env.BENCHMATE_CHROMIUM || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  // The machine has 2 CPUs shared with the web host process; one worker is both faster and steadier.
  workers: 1,
  fullyParallel: false,
  // One retry on CI only: a 2-core runner under load can reorder UI timing; flaky tests still show as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Closed network + container: no sandbox, no GPU, and nothing that phones home.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage'
      ]
    }
  }
});
