/**
 * A confirm card the chat model proposed, in the transcript: a technician asks on a tablet, the
 * loaded model (a generated random-weight GGUF whose weights steer it into calling
 * escalate_to_supervisor — see test/integration/actions/chatTurnActions.test.ts) proposes the
 * escalation, the answer shows the card, it is still there after a reload, and confirming it
 * creates the escalation. Runs its own host (it loads a model and sets an admin PIN).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/contract/client';
import { createWsTransport, type WsLike } from '../../src/renderer/src/lib/wsTransport';
import { ensureFixture } from '../fixtures/gguf/generators';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../fixtures/pdf/sampleManual';
import { expect, startHost, test } from './fixtures/webHost';
import { collectPageProblems } from './fixtures/pageProblems';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';

const PIN = '4711';
const STEERED = { favour: [['||call:', 9, '<0x0A>'], ['<|im_end|>', 16, '"'], ['"', 6], ['}', 2.5], ['e', 4]] as Array<[string, number, string?]> };

test.describe('assistant actions proposed by the chat model, in the transcript', () => {
  test.describe.configure({ timeout: 600_000 });

  test('the card shows under the answer, survives a reload, and confirming it escalates', async ({ browser }) => {
    const host = await startHost();
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-model-actions-'));
    try {
      const transport = createWsTransport({ url: host.handle.url.replace(/^http/, 'ws').replace(/\/\?token=/, '/ws?token='), createSocket: (u) => new WebSocket(u) as unknown as WsLike });
      const api = createApiClient(transport.invoke, transport.subscribe);
      const imported = await api.library.import({ paths: [await writePdf(dir, 'x200.pdf', await makeManualPdf(sampleManualSpec()))], metadata: { machineModels: ['X200'] } });
      expect(imported.ok).toBe(true);
      const model = await api.models.import({ path: ensureFixture('chat', STEERED), mode: 'reference' });
      expect(model.ok).toBe(true);
      expect((await api.models.load({ id: model.ok ? model.value.id : '', contextSize: 4096 })).ok).toBe(true);
      // The generated model has no call format of its own: let it use node-llama-cpp's generic one.
      expect((await api.settings.update({ models: { actions: 'always' }, retrieval: { resultsPerAnswer: 1 } })).ok).toBe(true);
      await expect
        .poll(async () => {
          const [docs, st] = await Promise.all([api.library.list({}), api.models.state()]);
          return (docs.ok && docs.value[0]?.status) + ' ' + (st.ok && st.value.slots.find((s) => s.role === 'chat')?.status);
        }, { timeout: 180_000 })
        .toBe('ready loaded');
      const profiles = await api.access.profiles();
      const adminId = profiles.ok ? profiles.value.find((p) => p.role === 'admin')!.id : '';
      expect((await api.access.createProfile({ name: 'Ana', role: 'technician' })).ok).toBe(true);
      expect((await api.access.updateProfile({ id: adminId, pin: PIN })).ok).toBe(true);

      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      const problems = collectPageProblems(page, 'tech');
      const app = new AppPage(page);
      await page.goto(host.handle.url);
      await page.getByRole('button', { name: /Ana/ }).click();
      await expect(app.nav).toBeVisible();
      const chat = new ChatScreen(page);
      await chat.ask('What does fault E-204 mean?');
      const answer = await chat.waitForAnswer(400_000);
      // The model repeated its call; identical calls share one card.
      const card = answer.getByTestId('action-card');
      await expect(card).toHaveCount(1);
      await expect(card).toContainText('Confirm: escalate to supervisor');
      await expect(card).toContainText('Escalate the last answer to a supervisor');
      await new AppPage(page).screenshotSizesAndSchemes('model-actions-card', () => page.getByTestId('action-card').scrollIntoViewIfNeeded());
      const none = await api.escalations.list();
      expect(none.ok && none.value).toEqual([]);

      // After a reload the card comes back from the stored answer and still works.
      await page.reload();
      await expect(app.nav).toBeVisible();
      const again = page.getByTestId('action-card');
      await expect(again).toBeVisible({ timeout: 30_000 });
      await again.getByRole('button', { name: 'Confirm' }).click();
      const settled = page.locator('[data-testid="message-action"][data-status="confirmed"]');
      await expect(settled).toContainText('Confirmed');
      await expect(page.getByTestId('action-card')).toHaveCount(0);
      const list = await api.escalations.list();
      expect(list.ok && list.value.length).toBe(1);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await app.screenshot('model-actions-confirmed-1920x1080-light');
      expect(problems).toEqual([]);
    } finally {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
