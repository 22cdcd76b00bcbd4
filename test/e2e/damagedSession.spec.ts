/**
 * A chat whose journal has a damaged record (issue 21): the host starts, the chat opens with every
 * intact message and a notice "1 damaged entry was set aside". The journal is written by the real
 * SessionStore before the host starts, then one middle line is garbled by hand. Screenshots at
 * 900×700 and 1920×1080, light and dark.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHost, type WebHostHandle } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { SessionStore } from '../../src/main/core/sessions/sessionStore';
import { nullLogger } from '../../src/main/core/platform/logger';

const QUESTIONS = ['How do I reset fault E-204?', 'What torque for the M8 bolts?', 'Where is the pump filter?'];
let sessionId = '';

async function seedDamagedChat(dataDir: string): Promise<void> {
  const dir = join(dataDir, 'sessions');
  const store = new SessionStore(dir, nullLogger);
  await store.open();
  const id = (await store.create({ title: 'Pump service (damaged file)' })).header.id;
  for (const [i, text] of QUESTIONS.entries()) {
    await store.putMessage(id, { id: `m-${i}`, sessionId: id, role: 'user', text, createdAt: new Date(Date.UTC(2026, 0, 1, 8, i)).toISOString(), sources: [], related: [] });
  }
  await store.dispose();
  sessionId = id;
  // Garble the line of the second question: the first and third must still be shown.
  const path = join(dir, `${id}.jsonl`);
  const lines = (await readFile(path, 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.includes(QUESTIONS[1]));
  if (i < 0) throw new Error('seeded journal has no line for the second question');
  lines[i] = lines[i].slice(0, 40) + '\u0000\u0000 garbled by a disk error';
  await writeFile(path, lines.join('\n'));
}

const test = base.extend<object, { damagedHost: WebHostHandle }>({
  damagedHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const host = await startHost(seedDamagedChat);
      try {
        await use(host.handle);
      } finally {
        await host.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 }
  ]
});

test('a chat with a damaged record opens with its intact messages and a notice', async ({ page, damagedHost }) => {
  const detail = await damagedHost.api.sessions.get({ id: sessionId });
  if (!detail.ok) throw new Error(detail.error.message);
  expect(detail.value.damagedEntries).toBe(1);

  const app = new AppPage(page);
  for (const [w, h] of [
    [900, 700],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await app.open(`${damagedHost.url}#/chat/${sessionId}`);
    const notice = page.getByTestId('damaged-entries-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('1 damaged entry was set aside');
    await expect(page.getByText(QUESTIONS[0])).toBeVisible();
    await expect(page.getByText(QUESTIONS[2])).toBeVisible();
    await expect(page.getByText(QUESTIONS[1])).toHaveCount(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`damaged-session-${w}x${h}-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  // A new chat has no notice.
  await page.getByRole('button', { name: /new chat/i }).first().click();
  await expect(page.getByTestId('damaged-entries-notice')).toHaveCount(0);
});
