import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { joinTextItems, type TextItemLike } from '../../../../src/main/core/library/pdf/textJoin';
import { mapHighlight } from '../../../../src/renderer/src/features/viewer/highlightMap';

/**
 * End to end over a real PDF: pdf.js items (what the viewer's text layer shows) vs. the page text
 * the library stores (its real join). A citation range cut from the stored text must land on the
 * items that draw exactly that text.
 */
async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText('4.2 Fault codes', { x: 50, y: 780, size: 16, font: bold });
  page.drawText('E-204', { x: 50, y: 740, size: 11, font: bold });
  page.drawText('Drive belt slipping. Check the belt tension and', { x: 120, y: 740, size: 11, font });
  page.drawText('replace the belt if it is worn (part no. BT-118).', { x: 120, y: 725, size: 11, font });
  page.drawText('E-205', { x: 50, y: 700, size: 11, font: bold });
  page.drawText('Motor overheat. Let the unit cool for', { x: 120, y: 700, size: 11, font });
  page.drawText('30', { x: 313, y: 700, size: 11, font: bold });
  page.drawText('minutes.', { x: 330, y: 700, size: 11, font });
  return doc.save();
}

describe('highlight mapping on a generated PDF', () => {
  it('highlights exactly the cited words', async () => {
    const pdf = await getDocument({ data: await makePdf(), isEvalSupported: false }).promise;
    const page = await pdf.getPage(1);
    const content = await page.getTextContent();
    const items = content.items.filter((i): i is typeof i & TextItemLike => 'str' in i);
    const text = joinTextItems(items);
    const strs = items.map((i) => i.str);

    for (const phrase of ['belt tension and replace the belt', 'E-205', 'cool for 30 minutes']) {
      // The stored text separates words by a space, two (wide gap) or a newline: find it as the core would.
      const m = new RegExp(phrase.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('\\s+')).exec(text);
      expect(m, `"${phrase}" in page text:\n${text}`).not.toBeNull();
      const start = m!.index;
      const slices = mapHighlight(text, strs, start, start + m![0].length);
      const got = slices.map((s) => strs[s.item].slice(s.start, s.end)).join(' ');
      expect(got.replace(/\s+/g, ' ').trim()).toBe(phrase.replace(/\s+/g, ' '));
    }
    await pdf.destroy();
  });
});
