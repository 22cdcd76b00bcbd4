/**
 * Roles on one web host: an admin and a technician in two browser contexts. The technician sees
 * no Library admin actions and none of the admin's sessions, escalates an answer; the admin
 * resolves it on the Team page; the technician sees the resolution under the answer.
 * Runs its own host (it sets an admin PIN, which would put every later spec behind the sign-in).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { makeManualPdf, writePdf } from '../fixtures/pdf/makePdf';
import { sampleManualSpec, SAMPLE_TITLE } from '../fixtures/pdf/sampleManual';
import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/contract/client';
import { createWsTransport, type WsLike } from '../../src/renderer/src/lib/wsTransport';
import { expect, startHost, test } from './fixtures/webHost';
import { collectPageProblems } from './fixtures/pageProblems';
import { AppPage } from './pages/AppPage';
import { ChatScreen } from './pages/ChatScreen';

const PIN = '4711';
const RESOLUTION = 'Replace fuse F2, then reset the controller.';

async function newPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return ctx.newPage();
}

test.describe('roles: admin and technician on one web host', () => {
  test.describe.configure({ timeout: 240_000 });

  test('technician escalates, admin resolves, technician sees the resolution', async ({ browser }) => {
    const host = await startHost();
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-roles-'));
    try {
      // One socket for the whole test (the fixture's api opens a new, signed-out socket per call).
      const transport = createWsTransport({ url: host.handle.url.replace(/^http/, 'ws').replace(/\/\?token=/, '/ws?token='), createSocket: (u) => new WebSocket(u) as unknown as WsLike });
      const api = createApiClient(transport.invoke, transport.subscribe);
      // A fresh install is in open mode (everyone is the first admin): the admin sets things up.
      const adminPage = await newPage(browser);
      const adminProblems = collectPageProblems(adminPage, 'admin');
      const admin = new AppPage(adminPage);
      await admin.open(host.handle.url);
      await admin.goTo('Library');
      await adminPage.getByTestId('file-input').setInputFiles([await writePdf(dir, 'x200.pdf', await makeManualPdf(sampleManualSpec()))]);
      await expect(adminPage.getByTestId('doc-row').filter({ hasText: SAMPLE_TITLE })).toContainText(/ready/i, { timeout: 120_000 });
      await adminPage.getByRole('link', { name: 'Team', exact: true }).click();
      await adminPage.getByRole('textbox', { name: 'Name' }).fill('Ana');
      await adminPage.getByRole('button', { name: 'Add person' }).click();
      await expect(adminPage.getByRole('table', { name: 'Profiles' })).toContainText('Ana');
      const profiles = await api.access.profiles();
      const adminId = profiles.ok ? profiles.value.find((p) => p.role === 'admin')!.id : '';
      // The host's own socket sets the PIN (window.prompt in the People table is the UI for it); it stays the admin.
      expect((await api.access.updateProfile({ id: adminId, pin: PIN })).ok).toBe(true);

      // With a PIN set, the admin's tab must sign in like everyone else.
      await adminPage.reload();
      await expect(adminPage.getByRole('heading', { name: 'Who is using Benchmate?' })).toBeVisible();
      await adminPage.getByRole('button', { name: /Admin/ }).click();
      await adminPage.getByLabel('PIN for Admin').fill('0000');
      await adminPage.getByRole('button', { name: 'Sign in' }).click();
      await expect(adminPage.getByText('Sign-in refused: wrong profile, PIN or code.')).toBeVisible();
      await new AppPage(adminPage).screenshotSizesAndSchemes('roles-signin-wrong-pin');
      // One wrong PIN starts a 1 s back-off; setting the PIN again clears it (no waiting in the test).
      expect((await api.access.updateProfile({ id: adminId, pin: PIN })).ok).toBe(true);
      await adminPage.getByLabel('PIN for Admin').fill(PIN);
      await adminPage.getByRole('button', { name: 'Sign in' }).click();
      await expect(admin.nav).toBeVisible();
      const adminChat = new ChatScreen(adminPage);
      await admin.goTo('Chat');
      await adminChat.ask('How do I open the housing safely?');
      await adminChat.waitForAnswer();

      // The technician signs in by name on a second device.
      const techPage = await newPage(browser);
      const techProblems = collectPageProblems(techPage, 'tech');
      const tech = new AppPage(techPage);
      await techPage.goto(host.handle.url);
      await techPage.getByRole('button', { name: /Ana/ }).click();
      await expect(tech.nav).toBeVisible();
      await expect(tech.nav.getByRole('link', { name: 'Team' })).toHaveCount(0);
      await expect(tech.nav.getByRole('link', { name: 'Models' })).toHaveCount(0);
      await tech.goTo('Library');
      await expect(techPage.getByTestId('doc-row').filter({ hasText: SAMPLE_TITLE })).toBeVisible();
      await expect(techPage.getByRole('button', { name: /^Delete / })).toHaveCount(0);
      await expect(techPage.getByRole('button', { name: /^Edit / })).toHaveCount(0);
      await expect(techPage.getByTestId('file-input')).toHaveCount(0);
      await tech.goTo('Sessions');
      await expect(techPage.getByText('How do I open the housing safely?')).toHaveCount(0);

      const chat = new ChatScreen(techPage);
      await tech.goTo('Chat');
      await chat.ask('What does fault E-204 mean?');
      const answer = await chat.waitForAnswer();
      await answer.getByRole('button', { name: '⚑ Escalate' }).click();
      await answer.getByRole('textbox', { name: 'Comment' }).fill('Display shows E-204 right after the reset');
      await answer.getByRole('button', { name: 'Escalate', exact: true }).click();
      await expect(answer.getByTestId('escalation-note')).toContainText('waiting for a supervisor');

      // The admin sees it on the Team page and resolves it.
      await adminPage.getByRole('link', { name: 'Team', exact: true }).click();
      const card = adminPage.getByTestId('escalation').filter({ hasText: 'What does fault E-204 mean?' });
      await expect(card).toContainText('Display shows E-204 right after the reset');
      await expect(card).toContainText('Ana');
      await new AppPage(adminPage).screenshotSizesAndSchemes('roles-admin-team-open');
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(answer.getByTestId('escalation-note')).toContainText('being looked at by Admin');
      await adminPage.getByRole('button', { name: /^Acknowledged/ }).click();
      await card.getByRole('textbox', { name: 'Resolution' }).fill(RESOLUTION);
      await card.getByRole('button', { name: 'Resolve' }).click();
      await adminPage.getByRole('button', { name: /^Resolved/ }).click();
      await expect(adminPage.getByTestId('escalation').filter({ hasText: RESOLUTION })).toBeVisible();

      // The technician sees the resolution under the answer, and the counts on Status.
      await expect(answer.getByTestId('escalation-note')).toContainText(`Supervisor (Admin): ${RESOLUTION}`);
      await new AppPage(techPage).screenshotSizesAndSchemes('roles-tech-chat-resolved');
      await tech.goTo('Status');
      await expect(techPage.getByTestId('escalation-counts')).toContainText(/Resolved\s*1/);
      await tech.goTo('Library');
      await new AppPage(techPage).screenshotSizesAndSchemes('roles-tech-library');
      expect(adminProblems).toEqual([]);
      expect(techProblems).toEqual([]);
      transport.close();
    } finally {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
