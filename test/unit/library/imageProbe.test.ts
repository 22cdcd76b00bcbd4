import { describe, expect, it } from 'vitest';
import { installImageProbe } from '../../../src/main/core/library/pdf/imageProbe';

describe('installImageProbe', () => {
  it("counts pdf.js' dropped-image warnings, hides its other warnings and passes everything else through", () => {
    const shown: unknown[][] = [];
    const fakeConsole = { warn: (...args: unknown[]) => void shown.push(args) };
    const probe = installImageProbe(fakeConsole);
    expect(probe.pdfOptions).toEqual({ maxImageSize: 1, verbosity: 1 });
    expect(probe.removedImages()).toBe(0);
    fakeConsole.warn('Warning: Image exceeded maximum allowed size and was removed.');
    fakeConsole.warn('Warning: Image exceeded maximum allowed size and was removed.');
    fakeConsole.warn('Warning: TT: undefined function: 32');
    fakeConsole.warn('our own warning', 42);
    expect(probe.removedImages()).toBe(2);
    expect(shown).toEqual([['our own warning', 42]]);
  });
});
