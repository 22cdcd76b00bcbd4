import { describe, expect, it } from 'vitest';
import { findStreamBomb } from '../../../src/main/core/library/pdf/streamGuard';
import { makeStreamBomb, goodManual } from '../../fixtures/hostile/hostileFiles';
import { makeImageOnlyPdf } from '../../fixtures/pdf/makePdf';

describe('compressed-stream bomb guard', () => {
  it('flags a stream expanding past the limit, and stops counting just past it', async () => {
    const bomb = await makeStreamBomb(8 * 1024 * 1024);
    const hit = await findStreamBomb(bomb, 1024 * 1024);
    expect(hit).not.toBeNull();
    expect(hit!.expandsTo).toBeGreaterThan(1024 * 1024);
    expect(hit!.expandsTo).toBeLessThan(2 * 1024 * 1024); // stopped early, not inflated whole
    expect(await findStreamBomb(bomb, 16 * 1024 * 1024)).toBeNull(); // under a higher limit it passes
  });

  it('passes honest manuals and skips image streams', async () => {
    expect(await findStreamBomb(await goodManual('Honest', 3), 1024)).toBeNull();
    // Image data expands well past 1 KB, but the parse worker never decodes images.
    expect(await findStreamBomb(await makeImageOnlyPdf(1), 1024)).toBeNull();
  });
});
