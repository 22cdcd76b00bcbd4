import { describe, expect, it } from 'vitest';
import { joinTextItems, type TextItemLike } from '../../../src/main/core/library/pdf/textJoin';

/** An item at (x, y) whose glyphs are `w` wide, 10pt high. */
const item = (str: string, x: number, y: number, w: number, hasEOL = false): TextItemLike => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width: w,
  height: 10,
  hasEOL
});
/** pdf.js' synthetic whitespace item: zero height, bogus width. */
const space = (x: number, y: number): TextItemLike => ({ str: ' ', transform: [1, 0, 0, 1, x, y], width: 999, height: 0, hasEOL: false });

describe('joinTextItems', () => {
  it('glues runs that touch (numbers, degree signs) and spaces runs that are apart', () => {
    const text = joinTextItems([
      item('Nautical twilight', 0, 700, 80),
      item('-6', 83, 700, 10),
      item('°', 93, 700, 4),
      item('to -12', 100, 700, 28),
      item('°', 128, 700, 4, true)
    ]);
    expect(text).toBe('Nautical twilight -6° to -12°');
  });

  it('uses whitespace items only as a hint, never their geometry; wide gaps become two spaces', () => {
    const text = joinTextItems([item('Board', 0, 700, 30), space(30, 700), item('Frequency range', 120, 700, 70), space(190, 700), item('Yes', 192, 700, 15, true)]);
    expect(text).toBe('Board  Frequency range Yes');
  });

  it('breaks lines on hasEOL and baseline changes, and paragraphs on tall vertical gaps', () => {
    const text = joinTextItems([item('line one', 0, 700, 40, true), item('line two', 0, 686, 40), item('next para', 0, 650, 40), item('same line', 45, 650, 40)]);
    expect(text).toBe('line one\nline two\n\nnext para same line');
  });
});
