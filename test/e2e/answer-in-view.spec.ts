/**
 * The first thing a technician reads is the answer line. A search-only answer (answer line +
 * "More in the manuals") can be taller than the transcript (real manuals at 900×700; here checked
 * at 900×500); following it to the bottom used to leave the answer line above the top edge. The transcript now stops at the latest question.
 * Also: a manual whose printed page numbers differ from its PDF pages names both in the viewer
 * ("Cited: p. 2 (PDF page 4)") next to the toolbar's "4 / N".
 * The chat header invites "Add machine details" instead of showing only the technician ("Admin").
 * A quality flag that wraps in the Library's narrow column keeps a small radius and at most two lines.
 * The viewer's quote bar stays above the page image; Esc closes the panel from inside it or the page body.
 * Screenshots in light and dark at 900×700 and 1920×1080.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { expect, test } from './fixtures/webHost';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';
import { resetHost, shootSizesAndThemes } from './journeySupport';

const TITLE = 'K9 Chiller Service Manual';
const filler = (topic: string) =>
  `The coolant pump and the chiller compressor share one service loop. ${topic} ` +
  'Check the coolant level, the pump seals and the compressor mounting bolts at every service visit, and write the readings into the service log. '.repeat(3);

const manual = () =>
  makeManualPdf({
    title: TITLE,
    // Two front-matter pages (i, ii), then the body numbered from 1: physical page 4 is printed "2".
    pageLabels: [{ from: 1, style: 'r' }, { from: 3, style: 'D', start: 1 }],
    pages: [
      { text: 'Contents\n\n1 Overview\n2 Coolant pump\n3 Compressor\n4 Alarms' },
      { text: 'Safety\n\nDisconnect the mains supply before opening any panel.' },
      { text: `1 Overview\n\n${filler('The coolant pump is rated for continuous duty while the chiller compressor, the condenser fan and the coolant return valve stay switched off, and the coolant level in the sight glass is checked again after ten minutes of running at low speed.')}` },
      { text: `2 Coolant pump\n\nThe coolant pump must be primed with 2 litres of coolant before the first start while the chiller compressor, the condenser fan and the coolant return valve stay switched off, and the coolant level in the sight glass is checked again after ten minutes of running at low speed.\n\n${filler('A dry coolant pump overheats within minutes while the chiller compressor, the condenser fan and the coolant return valve stay switched off, and the coolant level in the sight glass is checked again after ten minutes of running at low speed.')}` },
      { text: `3 Compressor\n\n${filler('The compressor restarts the coolant pump after a power cut while the chiller compressor, the condenser fan and the coolant return valve stay switched off, and the coolant level in the sight glass is checked again after ten minutes of running at low speed.')}` },
      {
        text: '5 Torque values\n\nTighten the mounting bolts in a cross pattern.',
        table: [
          ['Bolt', 'Size', 'Torque'],
          ['Compressor foot', 'M10', '45 Nm'],
          ['Fan guard', 'M6', '8 Nm'],
          ['Valve flange', 'M8', '22 Nm']
        ]
      },
      { text: `4 Alarms\n\n${filler('Alarm A7 means the coolant pump ran dry while the chiller compressor, the condenser fan and the coolant return valve stay switched off, and the coolant level in the sight glass is checked again after ten minutes of running at low speed.')}` }
    ]
  });

test.describe('answer line stays in view', () => {
  test.describe.configure({ timeout: 180_000 });
  test.afterEach(async ({ webHost }) => resetHost(webHost));

  test('a tall search-only answer keeps its answer line on screen; the viewer names printed and PDF page', async ({ page, webHost }) => {
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-answer-in-view-'));
    try {
      await resetHost(webHost);
      const file = await writePdf(dir, 'k9.pdf', await manual());
      const app = new AppPage(page);
      const chat = new ChatScreen(page);
      await page.setViewportSize({ width: 900, height: 700 });
      await app.open(webHost.url);
      await app.goTo('Library');
      await page.getByTestId('file-input').setInputFiles([file]);
      const row = page.getByTestId('doc-row').filter({ hasText: /K9|k9/ });
      await expect(row).toContainText(/ready/i, { timeout: 120_000 });
      // Its quality flag wraps in the narrow column at 900 px: a rounded rectangle, not a pill-shaped blob.
      const flag = row.locator('.flags .badge', { hasText: /table page/ });
      await expect(flag).toBeVisible();
      // The Quality column keeps a floor width: the flag takes at most two lines (it took four).
      // (Two lines of 12 px text stay under 3.5 font sizes tall; three or more do not.)
      const size = await flag.evaluate((el) => ({
        height: (el as { offsetHeight: number }).offsetHeight,
        font: parseFloat((globalThis as unknown as { getComputedStyle: (x: unknown) => { fontSize: string } }).getComputedStyle(el).fontSize)
      }));
      expect(size.height).toBeLessThan(size.font * 3.5);
      // (The node typecheck has no DOM lib: the browser global is reached through globalThis.)
      type Css = (el: unknown) => { borderTopLeftRadius: string };
      expect(await flag.evaluate((el) => (globalThis as unknown as { getComputedStyle: Css }).getComputedStyle(el).borderTopLeftRadius)).toBe('6px');
      await shootSizesAndThemes(app, webHost, 'answer-in-view', 'library');
      await app.goTo('Chat');
      // A short window (a tablet in landscape with its keyboard up): the answer is taller than the transcript.
      await page.setViewportSize({ width: 900, height: 500 });

      for (const question of ['How much coolant does the coolant pump need before the first start?', 'What does alarm A7 mean for the coolant pump?']) {
        await chat.ask(question);
        const answer = await chat.waitForAnswer();
        await expect(answer).toHaveAttribute('data-mode', 'search_only');
        const line = answer.getByTestId('answer-line');
        await expect(line).toBeVisible();
        // Precondition that made the old "scroll to the bottom" hide the line: the answer is taller than the transcript.
        const heights = await chat.transcript.evaluate((el, a) => ({ view: el.clientHeight, answer: (a as { offsetHeight: number }).offsetHeight }), await answer.elementHandle());
        expect(heights.answer, 'answer taller than the transcript').toBeGreaterThan(heights.view);
        await expect(line).toBeInViewport({ ratio: 0.9 });
        await expect(page.locator('li.msg-user').last()).toBeInViewport();
      }
      // The sentence under "2 Coolant pump" is prose, not a monospace code block, and the heading is
      // not glued onto it: the core cuts the sentence alone (its heading is the unit's section), and
      // a span that does start with a heading shows it as a label (answerLineText unit tests).
      const firstLine = page.locator('li.msg-assistant').first().getByTestId('answer-line');
      await expect(firstLine).toContainText('primed with 2 litres');
      await expect(firstLine.locator('.answer-line-code')).toHaveCount(0);
      await expect(firstLine.locator('.answer-line-text').last()).toHaveText(/^The coolant pump must be primed/);
      // The header's report-details button is not just the auto-filled technician ("Admin").
      await expect(page.locator('.chat-header .report-details')).toHaveText('Add machine details');
      await shootSizesAndThemes(app, webHost, 'answer-in-view', 'answer');
      await page.setViewportSize({ width: 900, height: 700 });

      // The first answer's line is on physical page 4, printed "2".
      await page.locator('li.msg-assistant').first().getByTestId('answer-line').locator('button.cite-chip').click();
      await chat.viewer.waitRendered(4);
      await expect(chat.viewer.root.getByText('Cited: p. 2 (PDF page 4)')).toBeVisible();
      await expect(chat.viewer.highlight.first()).toBeVisible();
      // The quote bar starts at the sentence; its section heading is not glued on ("2 Coolant pump The…").
      await expect(chat.viewer.root.locator('.viewer-quote-text')).toHaveText(/^The coolant pump must be primed/);
      // The quote bar sits above the page, not over it (at 900×700 it covered the page's top).
      const quote = (await chat.viewer.root.locator('.viewer-quote').boundingBox())!;
      const body = (await chat.viewer.root.locator('.viewer-body').boundingBox())!;
      const sheet = (await chat.viewer.root.locator('.pdf-page canvas').boundingBox())!;
      expect(quote.y + quote.height).toBeLessThanOrEqual(body.y + 1);
      expect(quote.y + quote.height).toBeLessThanOrEqual(sheet.y + 1);
      await shootSizesAndThemes(app, webHost, 'answer-in-view', 'viewer');

      // Esc closes the panel with focus inside it, and also once focus has left it for the page body.
      const cite = page.locator('li.msg-assistant').first().getByTestId('answer-line').locator('button.cite-chip');
      await chat.viewer.root.getByRole('button', { name: 'Fit width' }).focus();
      await page.keyboard.press('Escape');
      await expect(chat.viewer.root).toBeHidden();
      await cite.click();
      await chat.viewer.waitRendered(4);
      await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } | null } }).document.activeElement?.blur());
      await page.keyboard.press('Escape');
      await expect(chat.viewer.root).toBeHidden();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
