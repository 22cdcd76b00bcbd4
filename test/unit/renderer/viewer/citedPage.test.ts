import { describe, expect, it } from 'vitest';
import { citedPageText } from '../../../../src/renderer/src/features/viewer/citedPage';

describe('citedPageText', () => {
  it('names the printed page and the PDF page when they differ (toolbar shows the PDF page)', () => {
    expect(citedPageText(10, '5')).toBe('Cited: p. 5 (PDF page 10)');
    expect(citedPageText(3, 'iii')).toBe('Cited: p. iii (PDF page 3)');
  });
  it('names one page when the label is the PDF page or missing', () => {
    expect(citedPageText(32, '32')).toBe('Cited: page 32');
    expect(citedPageText(7, undefined)).toBe('Cited: page 7');
    expect(citedPageText(7, '  ')).toBe('Cited: page 7');
  });
});
