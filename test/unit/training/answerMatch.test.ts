import { describe, expect, it } from 'vitest';
import { answersMatch, canonicalNumber, choiceMatches } from '../../../src/main/core/training/answerMatch';

describe('normalised answer matching', () => {
  it('ignores case, spacing and surrounding punctuation', () => {
    expect(answersMatch('  thermal   FUSE. ', 'Thermal fuse')).toBe(true);
    expect(answersMatch('the thermal fuse', 'thermal fuse')).toBe(true);
    expect(answersMatch('thermal switch', 'thermal fuse')).toBe(false);
  });

  it('treats number formats alike: 3493 / 3,493 / 3 493, 2.50 / 2.5', () => {
    expect(answersMatch('3,493', '3493')).toBe(true);
    expect(answersMatch('3 493', '3,493')).toBe(true);
    expect(answersMatch('2.50', '2.5')).toBe(true);
    expect(answersMatch('3494', '3,493')).toBe(false);
    expect(canonicalNumber('1,234,567')).toBe('1234567');
    expect(canonicalNumber('2,5')).toBe('2.5');
    expect(canonicalNumber('abc')).toBeUndefined();
  });

  it('accepts a value with or without its unit, and unit spellings', () => {
    expect(answersMatch('115200', '115200 baud')).toBe(true);
    expect(answersMatch('10mm', '10 mm')).toBe(true);
    expect(answersMatch('10 millimetres', '10 mm')).toBe(true);
    expect(answersMatch('10 cm', '10 mm')).toBe(false);
    expect(answersMatch('5 minutes', '5 min')).toBe(true);
  });

  it('refuses empty answers', () => {
    expect(answersMatch('', 'E-204')).toBe(false);
    expect(answersMatch('...', 'E-204')).toBe(false);
  });

  it('multiple choice: letter, number or the option text', () => {
    const choices = ['E-101', 'E-204', 'E-305'];
    expect(choiceMatches('b', choices, 1)).toBe(true);
    expect(choiceMatches('B)', choices, 1)).toBe(true);
    expect(choiceMatches('2', choices, 1)).toBe(true);
    expect(choiceMatches('e-204', choices, 1)).toBe(true);
    expect(choiceMatches('a', choices, 1)).toBe(false);
    expect(choiceMatches('E-305', choices, 1)).toBe(false);
  });
});
