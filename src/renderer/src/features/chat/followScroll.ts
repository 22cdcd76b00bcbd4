/**
 * Where the transcript scrolls while it follows a turn. Plain "scroll to the bottom" hid the start
 * of any answer taller than the window: at 900×700 a search-only answer (answer line, then "More
 * in the manuals") ended with its answer line — the thing a technician must read first — above
 * the top edge. So following stops once the latest question reaches the top: the question and
 * the start of its answer stay in view, the rest is read by scrolling down.
 */

/** Gap (px) kept above the pinned question so it does not touch the header. */
export const PIN_GAP = 12;

export interface FollowGeometry {
  scrollHeight: number;
  clientHeight: number;
  /** Top of the latest question, in the scroller's content coordinates (null: no question yet). */
  anchorTop: number | null;
}

/** The scrollTop to follow to: the bottom, but never past the latest question's top. */
export function followTarget({ scrollHeight, clientHeight, anchorTop }: FollowGeometry): number {
  const bottom = Math.max(0, scrollHeight - clientHeight);
  if (anchorTop === null) return bottom;
  return Math.max(0, Math.min(bottom, anchorTop - PIN_GAP));
}

/** The latest question's top within the scroller `el` (content coordinates), or null. */
export function latestQuestionTop(el: HTMLElement): number | null {
  const questions = el.querySelectorAll<HTMLElement>('li.msg-user');
  const last = questions[questions.length - 1];
  if (!last) return null;
  return last.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
}

/** Scrolls `el` to its follow target. */
export function followLatest(el: HTMLElement): void {
  el.scrollTop = followTarget({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, anchorTop: latestQuestionTop(el) });
}
