import { describe, expect, it } from 'vitest';
import { codeLeadLength, codeText, headingLength, isNumberedTitle, proseText, readsAsProse } from '../../../../src/renderer/src/features/chat/answerLineText';

describe('codeLeadLength: the prose lead-in above a code answer line', () => {
  it('takes a lead-in wrapped over two lines (the real Gutenprint manual, p. 32)', () => {
    const text = 'Change the\nfollowing line from:\nLogLevel Info\nto\nLogLevel Debug\nThis will allow CUPS to produce extensive debugging output.';
    const n = codeLeadLength(text);
    expect(text.slice(0, n).trim()).toBe('Change the\nfollowing line from:');
    expect(text.slice(n).startsWith('LogLevel Info')).toBe(true);
  });

  it('takes a one-line lead-in', () => {
    const text = 'To record every reading, change the following line from:\n\nLogLevel normal\n\nto\n\nLogLevel verbose';
    expect(text.slice(codeLeadLength(text)).trim().startsWith('LogLevel normal')).toBe(true);
  });

  it('leaves code without a lead-in, and a lead-in with no code after it, untouched', () => {
    expect(codeLeadLength('gpsim> module load led D1')).toBe(0);
    expect(codeLeadLength('LogLevel Info\nto\nLogLevel Debug')).toBe(0);
    expect(codeLeadLength('Change the following line from:\n')).toBe(0);
  });

  it('does not reach past three lines or through an earlier "key: value" line', () => {
    expect(codeLeadLength('a\nb\nc\nd from:\ncode')).toBe(0);
    expect(codeLeadLength('host: 1\nport: 2\ncode')).toBe(0);
    expect(codeLeadLength('host: 1\n[section]:\ncode')).toBe(0);
  });
});

describe('proseText / codeText: line wraps from the PDF', () => {
  it('joins a sentence wrapped over lines (R-admin p. 23: "R expects a stack\\nsize of at least 8MB")', () => {
    expect(proseText('R expects a stack\nsize of at least 8MB and to be able to open at least 256 file descriptors.')).toBe(
      'R expects a stack size of at least 8MB and to be able to open at least 256 file descriptors.'
    );
    expect(proseText('Change the \n\n following line from:')).toBe('Change the following line from:');
  });
  it('keeps code lines apart, showing blank lines between them once', () => {
    expect(codeText('LogLevel Info\n\nto\n\nLogLevel Debug')).toBe('LogLevel Info\nto\nLogLevel Debug');
  });
});

describe('headingLength / readsAsProse: a heading at the start of the span', () => {
  it('takes a numbered heading on its own line; the sentence after it reads as prose', () => {
    const text = '2 Coolant pump\nThe coolant pump must be primed with 2 litres of coolant before the first start.';
    const n = headingLength(text);
    expect(text.slice(0, n).trim()).toBe('2 Coolant pump');
    expect(readsAsProse(text.slice(n))).toBe(true);
  });

  it('takes a heading glued onto the sentence only when the section path names it', () => {
    const text = '3.6 Stack viewer This window shows the hardware stack.';
    expect(text.slice(0, headingLength(text, 'Reference > 3.6 Stack viewer'))).toBe('3.6 Stack viewer ');
    expect(headingLength(text)).toBe(0);
    expect(headingLength(text, 'Reference > 3.7 Trace')).toBe(0);
  });

  it('does not cut a sentence that merely starts with an unnumbered section name', () => {
    expect(headingLength('Safety glasses must be worn at all times.', 'Safety')).toBe(0);
    expect(headingLength('Safety\nGlasses must be worn at all times.', 'Safety')).toBe(7);
    // Blank lines after the heading go with it: the sentence starts at its first word.
    const spaced = '2 Coolant pump\n\nThe coolant pump must be primed.';
    expect(spaced.slice(headingLength(spaced))).toBe('The coolant pump must be primed.');
  });

  it('leaves code and one-line spans alone', () => {
    expect(headingLength('LogLevel Info\nto\nLogLevel Debug')).toBe(0);
    expect(headingLength('2 Coolant pump')).toBe(0);
    expect(readsAsProse('LogLevel Debug')).toBe(false);
    expect(readsAsProse('Set the value port = 8080 in the file.')).toBe(false);
    expect(readsAsProse('Run ./configure --prefix=/usr before you build it.')).toBe(false);
  });
});

describe('isNumberedTitle: a span that is only a section title', () => {
  it('is words, not code', () => {
    expect(isNumberedTitle('2 Coolant pump')).toBe(true);
    expect(isNumberedTitle('3.6 Stack viewer')).toBe(true);
  });
  it('config and command lines are not titles', () => {
    expect(isNumberedTitle('LogLevel Debug')).toBe(false);
    expect(isNumberedTitle('8080 port = 1')).toBe(false);
    expect(isNumberedTitle('2 coolant_pump --prime')).toBe(false);
  });
});
