/** How the page is sized before the user's zoom: the body's full width, or the whole page in view. */
export type FitMode = 'width' | 'page';

/** Room kept around the page inside the viewer body (its padding plus the page's shadow). */
export const PAGE_MARGIN = 32;
const MIN_SCALE = 0.25;
const MAX_SCALE = 4;

/**
 * pdf.js scale for a page of `page` points (scale 1) in a body of `avail` pixels. Fit width uses
 * all the width there is — a 2560 px screen gets a 2500 px page, not a 640 px strip; fit page also
 * keeps the whole height in view. `zoom` multiplies the fitted scale.
 */
export function fitScale(page: { width: number; height: number }, avail: { width: number; height: number }, fit: FitMode, zoom: number): number {
  const byWidth = (avail.width - PAGE_MARGIN) / page.width;
  const byHeight = (avail.height - PAGE_MARGIN) / page.height;
  const base = fit === 'page' && avail.height > PAGE_MARGIN ? Math.min(byWidth, byHeight) : byWidth;
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, base * zoom));
}
