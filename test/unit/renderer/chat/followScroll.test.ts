import { describe, expect, it } from 'vitest';
import { followLatest, followTarget, PIN_GAP } from '../../../../src/renderer/src/features/chat/followScroll';

describe('followTarget: the transcript follows a turn without hiding the start of its answer', () => {
  it('scrolls to the bottom while the latest turn still fits', () => {
    // Question at 900, content ends at 1400, 600 px window: bottom (800) is above the question.
    expect(followTarget({ scrollHeight: 1400, clientHeight: 600, anchorTop: 900 })).toBe(800);
  });

  it('stops at the latest question once its answer is taller than the window', () => {
    // Question at 900, answer runs to 2600: following to the bottom (2000) would hide the answer line.
    expect(followTarget({ scrollHeight: 2600, clientHeight: 600, anchorTop: 900 })).toBe(900 - PIN_GAP);
  });

  it('goes to the bottom when there is no question yet and never below 0', () => {
    expect(followTarget({ scrollHeight: 2600, clientHeight: 600, anchorTop: null })).toBe(2000);
    expect(followTarget({ scrollHeight: 300, clientHeight: 600, anchorTop: null })).toBe(0);
    expect(followTarget({ scrollHeight: 2600, clientHeight: 600, anchorTop: 4 })).toBe(0);
  });
});

describe('followLatest', () => {
  /** A scroller whose latest question sits `qTop` px below the scroller's top edge on screen. */
  function scroller(opts: { scrollTop: number; scrollHeight: number; clientHeight: number; qTop: number | null }) {
    const rect = (top: number) => ({ top }) as DOMRect;
    const questions = opts.qTop === null ? [] : [{ getBoundingClientRect: () => rect(50) }, { getBoundingClientRect: () => rect(100 + opts.qTop!) }];
    return {
      scrollTop: opts.scrollTop,
      scrollHeight: opts.scrollHeight,
      clientHeight: opts.clientHeight,
      getBoundingClientRect: () => rect(100),
      querySelectorAll: (sel: string) => (sel === 'li.msg-user' ? questions : [])
    };
  }

  it('pins the last question (not an earlier one) near the top of a tall answer', () => {
    // Scrolled to 300; the last question shows 500 px down: its content top is 800.
    const el = scroller({ scrollTop: 300, scrollHeight: 3000, clientHeight: 600, qTop: 500 });
    followLatest(el as unknown as HTMLElement);
    expect(el.scrollTop).toBe(800 - PIN_GAP);
  });

  it('goes to the bottom in an empty transcript', () => {
    const el = scroller({ scrollTop: 0, scrollHeight: 900, clientHeight: 600, qTop: null });
    followLatest(el as unknown as HTMLElement);
    expect(el.scrollTop).toBe(300);
  });
});
