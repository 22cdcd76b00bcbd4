/**
 * The answer line (issue 12): with no model loaded, a question whose answer is a config line and
 * one whose answer is a table row show that line/row first, and opening it highlights exactly it
 * in the viewer. Screenshots in light and dark at 900×700 and 1920×1080.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import type { Page } from '@playwright/test';
import { expect, test, type WebHostHandle } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';
import { resetHost, shootSizesAndThemes } from './journeySupport';

const TITLE = 'P40 Dosing Pump Manual';

const manual = () =>
  makeManualPdf({
    title: TITLE,
    pages: [
      {
        text:
          '4 Configuration\n\n' +
          'The pump daemon reads its settings from /etc/pumpd/pumpd.conf when it starts. Comments start with a hash sign.\n\n' +
          'To record every sensor reading in the daemon log, change the following line from:\n\n' +
          'LogLevel normal\n\nto\n\nLogLevel verbose\n\n' +
          'Restart the daemon after editing the file, otherwise the old level stays active.'
      },
      {
        text: '5 Pump heads\n\nEach pump head has its own flow limits. Exceeding the maximum flow wears the valve seats quickly.',
        table: [
          ['Head', 'Minimum flow', 'Maximum flow'],
          ['P-20', '0.5 l/min', '6 l/min'],
          ['P-40', '1 l/min', '12 l/min'],
          ['P-80', '2 l/min', '25 l/min']
        ]
      }
    ]
  });

/** A fresh host with one manual imported through the Library page (waits for "ready"), then the Chat page. */
async function importThenChat(page: Page, webHost: WebHostHandle, file: string, name: RegExp): Promise<{ app: AppPage; chat: ChatScreen }> {
  const app = new AppPage(page);
  const chat = new ChatScreen(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open(webHost.url);
  await app.goTo('Library');
  await page.getByTestId('file-input').setInputFiles([file]);
  await expect(page.getByTestId('doc-row').filter({ hasText: name })).toContainText(/ready/i, { timeout: 120_000 });
  await app.goTo('Chat');
  return { app, chat };
}

test.describe('answer line (search-only)', () => {
  test.describe.configure({ timeout: 180_000 });
  test.afterEach(async ({ webHost }) => resetHost(webHost));

  test('config line and table row answer first and are highlighted exactly', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-answer-line-'));
    try {
      await resetHost(webHost);
      const { app, chat } = await importThenChat(page, webHost, await writePdf(dir, 'p40.pdf', await manual()), /P40|p40/);

      const cases = [
        { name: 'config', question: 'How do I make the pump daemon log every sensor reading?', kind: 'code', shows: 'LogLevel verbose' },
        { name: 'table', question: 'What is the maximum flow of the P-40 pump head?', kind: 'row', shows: '12 l/min' }
      ];
      for (const c of cases) {
        await chat.ask(c.question);
        const answer = await chat.waitForAnswer();
        await expect(answer).toHaveAttribute('data-mode', 'search_only');
        // One small badge, no banners; the answer line is the first thing in the answer.
        await expect(answer.locator('[data-banner]')).toHaveCount(1);
        const line = answer.getByTestId('answer-line');
        await expect(line).toHaveAttribute('data-kind', c.kind);
        await expect(line).toContainText(c.shows);
        await expect(line).toContainText(`From ${TITLE}`);
        if (c.kind === 'row') {
          await expect(line.locator('th')).toHaveText(['Head', 'Minimum flow', 'Maximum flow']);
          await expect(line.locator('td')).toHaveText(['P-40', '1 l/min', '12 l/min']);
        }
        const first = await answer.locator('.search-only').evaluate((el) => (el.children[1] as { dataset: { testid?: string } }).dataset.testid);
        expect(first).toBe('answer-line');

        // The stored span is the one shown; opening it highlights exactly that text.
        const list = await webHost.api.sessions.list({});
        const detail = await webHost.api.sessions.get({ id: list.ok ? list.value.items[0].id : '' });
        const stored = detail.ok ? detail.value.messages.filter((m) => m.role === 'assistant').pop() : undefined;
        const src = stored!.sources[0];
        expect(src.span?.text).toContain(c.shows);
        expect(src.highlight).toEqual({ charStart: src.span!.charStart, charEnd: src.span!.charEnd });
        // Every source appears once.
        expect(new Set(stored!.sources.map((s) => `${s.docId}:${s.page}`)).size).toBe(stored!.sources.length);
        await shootSizesAndThemes(app, webHost, 'answer-line', `${c.name}-answer`, { width: 1024, height: 700 });
        await line.locator('button.cite-chip').click();
        await chat.viewer.waitRendered(src.page);
        await expect(chat.viewer.highlight.first()).toBeVisible();
        const got = await chat.viewer.highlightedText();
        expect(got.replace(/\s+/g, '')).toBe(src.span!.text.replace(/\s+/g, ''));
        await shootSizesAndThemes(app, webHost, 'answer-line', `${c.name}-viewer`, { width: 1024, height: 700 });
        await chat.viewer.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a sentence the page break cuts is shown whole, and its rest is highlighted on the next page', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-answer-cut-'));
    try {
      await resetHost(webHost);
      const cut = await makeManualPdf({
        title: 'R12 Receiver Manual',
        runningHeader: 'R12 Receiver Manual',
        pages: [
          { text: '6 Converters\n\nThe receiver tunes from 0.1 to 30 MHz. To hear the 2 m band, put an upconverter in front of it and enter the\nconverter offset in the tuning menu. For a converter that mixes the 144 MHz band down to 28 MHz, the' },
          { text: 'offset to enter is 116 MHz in the Converter Offset field. Save the menu before leaving it.\n\n7 Antennas\n\nUse a 50 ohm feed line.' }
        ]
      });
      const { app, chat } = await importThenChat(page, webHost, await writePdf(dir, 'r12.pdf', cut), /R12|r12/);
      await chat.ask('For a converter that mixes the 144 MHz band down to 28 MHz, what converter offset do I enter?');
      const line = (await chat.waitForAnswer()).getByTestId('answer-line');
      await expect(line).toContainText('From R12 Receiver Manual, p. 1–2');
      await expect(line.getByTestId('answer-line-continued')).toHaveText('offset to enter is 116 MHz in the Converter Offset field.');
      await shootSizesAndThemes(app, webHost, 'answer-line', 'cut-sentence-answer', { width: 1024, height: 700 });

      const list = await webHost.api.sessions.list({});
      const detail = await webHost.api.sessions.get({ id: list.ok ? list.value.items[0].id : '' });
      const src = (detail.ok ? detail.value.messages.filter((m) => m.role === 'assistant').pop() : undefined)!.sources[0];
      expect(src.span?.continued).toMatchObject({ page: 2, text: 'offset to enter is 116 MHz in the Converter Offset field.' });
      await line.locator('button.cite-chip').click();
      await chat.viewer.waitRendered(1);
      expect((await chat.viewer.highlightedText()).replace(/\s+/g, '')).toBe(src.span!.text.replace(/\s+/g, ''));
      await page.getByRole('button', { name: 'Next page' }).click();
      await chat.viewer.waitRendered(2);
      await expect(chat.viewer.highlight.first()).toBeVisible();
      expect((await chat.viewer.highlightedText()).replace(/\s+/g, '')).toBe(src.span!.continued!.text.replace(/\s+/g, ''));
      await shootSizesAndThemes(app, webHost, 'answer-line', 'cut-sentence-next-page', { width: 1024, height: 700 });
      await chat.viewer.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
