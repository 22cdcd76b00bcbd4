import { describe, expect, it } from 'vitest';
import { codeLeadLength, codeText, proseText } from '../../../../src/renderer/src/features/chat/answerLineText';

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
