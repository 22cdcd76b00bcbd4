import { describe, expect, it } from 'vitest';
import { fitScale, PAGE_MARGIN } from '../../../../src/renderer/src/features/viewer/fitScale';
import { createViewerStore } from '../../../../src/renderer/src/features/viewer/viewerStore';
import { createFakeCore } from '../chat/fakeCore';

const a4 = { width: 595, height: 842 };

describe('viewer fit modes', () => {
  it('fit width fills the body, on a wide screen too', () => {
    expect(fitScale(a4, { width: 595 + PAGE_MARGIN, height: 500 }, 'width', 1)).toBeCloseTo(1);
    expect(fitScale(a4, { width: 2000, height: 1300 }, 'width', 1) * a4.width).toBeCloseTo(2000 - PAGE_MARGIN);
  });

  it('fit page keeps the whole page in view (the height limits a portrait page on a landscape screen)', () => {
    const s = fitScale(a4, { width: 1300, height: 700 }, 'page', 1);
    expect(s * a4.height).toBeCloseTo(700 - PAGE_MARGIN);
    expect(s * a4.width).toBeLessThan(1300);
    const landscape = { width: 842, height: 595 };
    expect(fitScale(landscape, { width: 600, height: 2000 }, 'page', 1) * landscape.width).toBeCloseTo(600 - PAGE_MARGIN);
  });

  it('zoom multiplies the fit, within bounds', () => {
    expect(fitScale(a4, { width: 627, height: 900 }, 'width', 1.5)).toBeCloseTo(1.5);
    expect(fitScale(a4, { width: 100, height: 100 }, 'page', 0.5)).toBe(0.25);
  });

  it('the store switches fit and resets zoom to the fit', () => {
    const v = createViewerStore(createFakeCore().api);
    expect(v.getState().fit).toBe('width');
    v.getState().zoomIn();
    expect(v.getState().zoom).toBeGreaterThan(1);
    v.getState().setFit('page');
    expect([v.getState().fit, v.getState().zoom]).toEqual(['page', 1]);
  });
});
