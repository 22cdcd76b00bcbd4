/**
 * The technician's full journey in Chromium against the real web host (temp userData, generated
 * fixtures): first run → import manuals (one damaged) → edit metadata → ask → cited answer →
 * viewer on the cited page with the passage highlighted → stop a streaming answer → export the
 * session (PDF + Markdown) → find it in Sessions → delete it. Screenshots of every screen, in both
 * themes at 1024×700, go to test-results/screenshots.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeManualPdf, unrecoverablePdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec, SAMPLE_TITLE } from '../fixtures/pdf/sampleManual';
import { expect, test } from './fixtures/webHost';
import { collectPageProblems } from './fixtures/pageProblems';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';
import { SessionsScreen } from './pages/SessionsScreen';
import { prepareChatModel, resetHost, shootBoth } from './journeySupport';

const PUMP_TITLE = 'P40 Coolant Pump Guide';
const QUESTION = 'What does fault E-204 mean?';

test.describe('technician journey', () => {
  test.describe.configure({ timeout: 300_000 });

  test('import → ask → cite → view → stop → export → search → delete', async ({ page, webHost }) => {
    const errors = collectPageProblems(page, 'journey');
    await page.setViewportSize({ width: 1024, height: 700 });
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-journey-'));
    const app = new AppPage(page);
    const chat = new ChatScreen(page);
    try {
      // 1. First run: the chat tells a new user to import a manual.
      await resetHost(webHost);
      await app.open(webHost.url);
      await expect(chat.emptyState('Import a manual to get started')).toBeVisible();
      await shootBoth(app, webHost, '01-first-run-chat');

      // 2. Import two manuals and a damaged one through the Library page (web upload).
      const x200 = await writePdf(dir, 'x200-service.pdf', await makeManualPdf(sampleManualSpec()));
      const pump = await writePdf(
        dir,
        'p40-pump.pdf',
        await makeManualPdf({
          title: PUMP_TITLE,
          pages: [
            { text: 'P40 Coolant Pump Guide\n\nInstallation and maintenance of the P40 coolant pump.' },
            { text: 'Impeller replacement\n\nClose both valves, drain the housing and remove the six cover screws. Replace the impeller and the O-ring.' }
          ]
        })
      );
      const damaged = await writePdf(dir, 'damaged-manual.pdf', unrecoverablePdf(await makeManualPdf(sampleManualSpec()), 0.45));
      await app.goTo('Library');
      // Record every progress bar the queue shows (tiny PDFs import in about a second, too fast to poll).
      await page.evaluate(`
        window.__progress = [];
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('[role=progressbar]'))
            window.__progress.push((el.getAttribute('aria-label') || '') + ':' + (el.getAttribute('aria-valuetext') || ''));
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      `);
      await page.getByTestId('file-input').setInputFiles([x200, pump, damaged]);
      // Only this journey's rows: the shared host's queue may still list earlier specs' imports.
      const queue = page.getByTestId('queue-item').filter({ hasText: /x200-service\.pdf|p40-pump\.pdf|damaged-manual\.pdf/ });
      await expect(queue).toHaveCount(3, { timeout: 30_000 });
      await app.screenshot('journey-02-import-progress-light');
      const damagedRow = queue.filter({ hasText: 'damaged-manual.pdf' });
      await expect(damagedRow).toHaveAttribute('data-kind', /failed|error|damaged/, { timeout: 60_000 });
      await expect(damagedRow.getByTestId('queue-message')).toContainText(/damaged|truncated|corrupt|could not/i);
      const docRows = page.getByTestId('doc-row');
      await expect(docRows.filter({ hasText: SAMPLE_TITLE })).toContainText(/ready/i, { timeout: 90_000 });
      await expect(docRows.filter({ hasText: PUMP_TITLE })).toContainText(/ready/i, { timeout: 90_000 });
      const seen = (await page.evaluate('window.__progress')) as string[];
      expect(seen.some((p) => p.includes('x200-service.pdf')), `progress shown: ${seen.slice(0, 5).join(' | ')}`).toBe(true);
      await shootBoth(app, webHost, '02-library-imported');

      // 3. Edit metadata: machine model + tag on the X200 manual.
      await page.getByRole('button', { name: `Edit ${SAMPLE_TITLE}` }).click();
      const meta = page.getByRole('dialog');
      await meta.getByLabel('Machine models').fill('X200');
      await meta.getByLabel('Tags').fill('service, electrical');
      await meta.getByRole('button', { name: 'Save' }).click();
      await expect(meta).toBeHidden();
      await expect(docRows.filter({ hasText: SAMPLE_TITLE })).toContainText('X200');

      // The document title opens the whole manual in the viewer route; closing returns to the Library.
      await docRows.filter({ hasText: SAMPLE_TITLE }).getByRole('link').first().click();
      await chat.viewer.waitRendered(1);
      await expect(chat.viewer.root.getByRole('heading', { name: SAMPLE_TITLE })).toBeVisible();
      await expect(chat.viewer.root).toContainText('/ 6');
      await chat.viewer.root.getByRole('button', { name: 'Close viewer' }).click();
      await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();

      // 4. Ask (no model loaded yet: search-only answer, clearly labelled, with citations).
      await app.goTo('Chat');
      await expect(chat.emptyState('Ask the manuals')).toBeVisible();
      const askedAt = Date.now();
      await chat.ask(QUESTION);
      const answer = await chat.waitForAnswer();
      const searchOnlyMs = Date.now() - askedAt;
      await expect(answer).toHaveAttribute('data-mode', 'search_only');
      await expect(answer.locator('[data-banner="search-only"]')).toBeVisible();
      const chips = chat.citeChips(answer);
      await expect(chips.first()).toBeVisible();
      await expect(answer.locator('.sources-list li').first()).toContainText(SAMPLE_TITLE);
      // Screen readers hear the turn boundaries (not every token).
      await expect(page.getByTestId('live-polite')).toContainText(/Answer finished, \d+ sources?/);
      await shootBoth(app, webHost, '03-chat-answer');

      // Feedback on the answer: "not helpful" with a comment is stored on the message.
      await answer.getByRole('button', { name: /Not helpful/ }).click();
      await answer.getByRole('textbox', { name: 'Comment' }).fill('Needs the fuse part number');
      await answer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(answer.getByRole('button', { name: /Not helpful/ })).toHaveAttribute('aria-pressed', 'true');

      // 5. Click citation [1]: the viewer opens the cited physical page with the passage highlighted.
      const sessions = await webHost.api.sessions.list({});
      expect(sessions.ok).toBe(true);
      const sessionId = sessions.ok ? sessions.value.items[0].id : '';
      const detail = await webHost.api.sessions.get({ id: sessionId });
      const stored = detail.ok ? detail.value.messages.find((m) => m.role === 'assistant') : undefined;
      const src1 = stored?.sources.find((s) => s.n === 1);
      expect(src1, 'the stored answer has source 1').toBeTruthy();
      await chips.first().click();
      await chat.viewer.waitRendered(src1!.page);
      await expect(chat.viewer.highlight.first()).toBeVisible();
      const pageText = await webHost.api.library.pageText({ docId: src1!.docId, page: src1!.page });
      const cited = pageText.ok ? pageText.value.text.slice(src1!.highlight.charStart, src1!.highlight.charEnd).replace(/\s+/g, ' ').trim() : '';
      expect(await chat.viewer.highlightedText()).toBe(cited);
      await shootBoth(app, webHost, '04-viewer-highlight');
      await chat.viewer.root.getByRole('button', { name: 'Zoom in' }).click();
      await expect(chat.viewer.root.locator('.viewer-zoom')).toHaveText('110%');
      await chat.viewer.waitRendered(src1!.page);
      await expect(chat.viewer.highlight.first()).toBeVisible();
      await chat.viewer.root.getByRole('button', { name: 'Next page' }).click();
      await chat.viewer.waitRendered(src1!.page + 1);
      await expect(chat.viewer.highlight).toHaveCount(0);
      await chat.viewer.close();

      // Scope picker: restrict this chat to the X200 (remembered on the session).
      await page.getByRole('button', { name: /^Scope:/ }).click();
      const scopeDialog = page.getByRole('dialog', { name: 'Search scope for this chat' });
      await scopeDialog.getByRole('group', { name: 'Machine models' }).getByRole('checkbox', { name: 'X200', exact: true }).check();
      await app.screenshot('journey-03b-scope-picker-light');
      await scopeDialog.getByRole('button', { name: 'Apply' }).click();
      await expect(page.getByRole('button', { name: 'Scope: X200' })).toBeVisible();
      await expect.poll(async () => {
        const d = await webHost.api.sessions.get({ id: sessionId });
        return d.ok ? d.value.scope.machineModels : null;
      }).toEqual(['X200']);

      // Sidebar: rename and pin the chat.
      const item = chat.sessionItem(/What does fault E-204/);
      await item.hover();
      await item.getByRole('button', { name: /^Rename/ }).click();
      const titleBox = chat.sidebar.getByRole('textbox', { name: 'Chat title' });
      await titleBox.fill('E-204 on unit 7');
      await titleBox.press('Enter');
      const renamed = chat.sessionItem('E-204 on unit 7');
      await expect(renamed).toBeVisible();
      await renamed.hover();
      await renamed.getByRole('button', { name: /^Pin/ }).click();
      await expect(renamed.getByLabel('Pinned')).toBeVisible();
      // Sidebar search looks into message text too ("thermal fuse" is only in the answer's passages).
      const sideSearch = chat.sidebar.getByRole('searchbox', { name: 'Search chats' });
      await sideSearch.fill('heater.log');
      await expect(renamed).toBeVisible();
      await sideSearch.fill('zzzz-nothing');
      await expect(chat.sidebar).toContainText('No chat matches.');
      await sideSearch.fill('');
      await expect(renamed).toBeVisible();

      // Service-report details for this session (they head the exported report).
      // The signed-in profile is filled in as the technician, but alone it read as a role badge
      // ("Admin"): until a machine or serial is set the button invites adding them.
      const detailsButton = page.getByTitle('Machine, serial number and technician for the service report');
      await expect(detailsButton).toHaveText('Add machine details');
      await detailsButton.click();
      const details = page.getByRole('dialog', { name: 'Service report details' });
      await details.getByLabel('Machine').fill('X200 line 3');
      await details.getByLabel('Serial number').fill('SN-4471');
      await details.getByLabel('Technician').fill('A. Tech');
      await details.getByRole('button', { name: 'Save' }).click();
      await expect(details).toBeHidden();
      await expect(page.getByRole('button', { name: 'X200 line 3 · S/N SN-4471 · A. Tech' })).toBeVisible();

      // 6. Load a (tiny, generated) chat model through the models contract, then stop an answer mid-stream.
      await prepareChatModel(webHost);
      await page.reload();
      await expect(chat.composer).toBeVisible();
      const composerBefore = await chat.composer.boundingBox();
      const streamAskedAt = Date.now();
      await chat.ask('And how do I reset it after replacing the fuse?');
      await expect(chat.lastAnswer()).toHaveClass(/msg-streaming/);
      await expect(chat.lastAnswer().locator('.md')).not.toBeEmpty({ timeout: 120_000 }); // tokens arrived
      const firstTokenMs = Date.now() - streamAskedAt;
      // No layout jump: the question box stays exactly where it was while the answer streams.
      expect(await chat.composer.boundingBox()).toEqual(composerBefore);
      // While tokens stream, only the streaming row changes: count DOM mutations per row.
      await page.evaluate(`
        window.__rowMutations = { old: 0, streaming: 0 };
        const rows = [...document.querySelectorAll('.transcript-list > li')];
        rows.forEach((r, i) => {
          const key = i === rows.length - 1 ? 'streaming' : 'old';
          new MutationObserver((recs) => { window.__rowMutations[key] += recs.length; })
            .observe(r, { subtree: true, childList: true, characterData: true, attributes: true });
        });
      `);
      await expect.poll(async () => ((await page.evaluate('window.__rowMutations')) as { streaming: number }).streaming).toBeGreaterThan(3);
      expect(((await page.evaluate('window.__rowMutations')) as { old: number }).old, 'earlier rows changed while streaming').toBe(0);
      await app.screenshot('journey-05a-streaming-light');
      console.log(`[journey] search-only answer shown ${searchOnlyMs} ms after Enter; first streamed token visible ${firstTokenMs} ms after Enter (tiny model)`);
      await expect(chat.stopButton).toBeVisible();
      await chat.composer.press('Escape'); // Esc stops streaming
      const stopped = await chat.waitForAnswer();
      await expect(stopped).toContainText('Stopped');
      await expect(chat.sendButton).toBeVisible();
      await shootBoth(app, webHost, '05-chat-stopped');
      await expect(page.getByTestId('live-polite')).toContainText('Answer stopped');

      // Regenerate the stopped answer (streams again; stop it with the button this time).
      await stopped.getByRole('button', { name: /Regenerate/ }).click();
      await expect(chat.lastAnswer()).toHaveClass(/msg-streaming/);
      await expect(chat.lastAnswer().locator('.md')).not.toBeEmpty({ timeout: 120_000 });
      await chat.stopButton.click();
      await expect(await chat.waitForAnswer()).toContainText('Stopped');
      await expect(chat.answers).toHaveCount(2);

      // Edit the last question and resend: the old question and its answer are replaced.
      await page.getByRole('button', { name: 'Edit last question' }).click();
      await expect(chat.composer).toHaveValue('And how do I reset it after replacing the fuse?');
      await chat.composer.fill('How do I reset E-204 after replacing the thermal fuse?');
      await chat.composer.press('Enter');
      await expect(page.locator('li.msg-user').last()).toContainText('thermal fuse');
      await expect(chat.lastAnswer().locator('.md')).not.toBeEmpty({ timeout: 120_000 });
      await chat.composer.press('Escape');
      await chat.waitForAnswer();
      await expect(page.locator('li.msg-user')).toHaveCount(2);
      await expect(chat.answers).toHaveCount(2);
      // Keyboard: Ctrl+L focuses the question box, Ctrl+N starts a new chat.
      await chat.transcript.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+l');
      await expect(chat.composer).toBeFocused();
      await page.keyboard.press('Control+n');
      await expect(page.getByRole('heading', { name: 'New chat', level: 1 })).toBeVisible();
      await expect(chat.emptyState('Ask the manuals')).toBeVisible();
      await expect(chat.sessionItem('E-204 on unit 7')).toBeVisible();

      // A question the manuals do not cover gets the clear "not in the manuals" answer.
      await chat.ask('What is the capital of France?');
      const refused = await chat.waitForAnswer();
      await expect(refused).toHaveAttribute('data-mode', 'not_found');
      await expect(refused.locator('[data-banner="not-found"]')).toContainText('Not in the manuals');
      await shootBoth(app, webHost, '05b-not-in-manuals');
      // ...and that chat is deleted from the sidebar (with confirmation).
      const extra = chat.sessionItem(/capital of France/);
      await extra.hover();
      await extra.getByRole('button', { name: /^Delete/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(extra).toHaveCount(0);

      // 7. Sessions: export the session as PDF and Markdown (browser downloads in the web host).
      await app.goTo('Sessions');
      const history = new SessionsScreen(page);
      await expect(history.rows).toHaveCount(1);
      await shootBoth(app, webHost, '06-sessions');
      const title = (await history.rows.first().locator('.session-title').textContent())!.trim();
      const pdf = await history.exportSession(title, 'PDF service report');
      expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
      const pdfBytes = await readFile((await pdf.path())!);
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const md = await history.exportSession(title, 'Markdown');
      expect(md.suggestedFilename()).toMatch(/\.md$/);
      const mdText = await readFile((await md.path())!, 'utf8');
      expect(mdText).toContain('E-204');
      expect(mdText).toContain(SAMPLE_TITLE);
      expect(mdText).toContain('SN-4471');

      // Open goes to the chat with that session.
      await history.row(title).getByRole('button', { name: 'Open' }).click();
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      await expect(chat.answers).toHaveCount(2);
      await app.goTo('Sessions');

      // 8. Search across messages finds it; then delete it.
      await history.search.fill('fuse');
      await expect(history.rows).toHaveCount(1);
      await history.search.fill('impeller gasket nonexistentword');
      await expect(history.rows).toHaveCount(0);
      await history.search.fill('E-204');
      await expect(history.rows).toHaveCount(1);
      await app.screenshot('journey-07-sessions-search-light');
      await history.deleteSession(title);
      await history.search.fill('');
      await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
      const after = await webHost.api.sessions.list({});
      expect(after.ok && after.value.total).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await resetHost(webHost); // later specs on this worker's host start clean
      await rm(dir, { recursive: true, force: true });
    }
  });
});
