/**
 * Loads a generated chat model into the web host's core through the models contract. The fixture
 * is a random-weight llama whose EOS is practically unreachable, so an answer streams until its
 * token budget — long enough to press Stop mid-answer. Dimensions are chosen so generation on two
 * CPU cores takes a few seconds for a full answer (not milliseconds).
 */
import { expect } from '@playwright/test';
import { tinyChatModel } from '../fixtures/gguf/generators';
import type { WebHostHandle } from './fixtures/webHost';

export const JOURNEY_MODEL = { name: 'benchmate-journey-chat', nEmbd: 256, nLayer: 4, nHead: 4, nHeadKv: 4, nFf: 768, contextLength: 2048 };

export async function prepareChatModel(host: WebHostHandle): Promise<string> {
  const path = tinyChatModel(JOURNEY_MODEL);
  const imported = await host.call<{ id: string }>('models.import', { path, mode: 'reference' });
  if (!imported.ok) throw new Error(`models.import failed: ${imported.error.message}`);
  const load = await host.call<{ jobId: string }>('models.load', { id: imported.value.id, role: 'chat', contextSize: 2048 });
  if (!load.ok) throw new Error(`models.load failed: ${load.error.message}`);
  await expect
    .poll(
      async () => {
        const s = await host.call<{ slots: Array<{ role: string; status: string; error?: { message: string } }> }>('models.state');
        const slot = s.ok ? s.value.slots.find((x) => x.role === 'chat') : undefined;
        if (slot?.status === 'error') throw new Error(`model load failed: ${slot.error?.message}`);
        return slot?.status;
      },
      { timeout: 120_000, intervals: [250, 500, 1000] }
    )
    .toBe('loaded');
  return imported.value.id;
}
