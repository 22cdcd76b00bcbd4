import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { citationLine, sessionHeaderLines } from './renderText';
import { actionLines, escalationLine, localTime, searchOnlyLayout, uncitedNote } from './answerLayout';
import { turnsOf, type ExportDocument } from './reportModel';
import { toWinAnsi } from './winAnsi';

/**
 * The printable service report. Text is set in Liberation Sans (shipped with pdfjs-dist, which
 * pdf-parse already depends on) so quotes in any Latin/Greek/Cyrillic script print correctly; if
 * the font cannot be found we fall back to Helvetica, which only has WinAnsi glyphs, and replace
 * anything else with '?' rather than emit garbage.
 */

const QUOTE_MAX = 1500;
/** Spans keep their line breaks (config blocks, table rows); only very long ones are cut. */
const clip = (t: string) => (t.length > QUOTE_MAX ? t.slice(0, QUOTE_MAX) + '…' : t);

function findFonts(): { regular: string; bold: string } | undefined {
  try {
    const require = createRequire(import.meta.url);
    const regular = require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
    const bold = require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf');
    return existsSync(regular) && existsSync(bold) ? { regular, bold } : undefined;
  } catch {
    return undefined;
  }
}


export async function renderPdf(doc: ExportDocument): Promise<Buffer> {
  // Loaded on first export: pdfkit is ~10 MB resident that no other command needs.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: `Benchmate service report — ${doc.sessions.map((s) => s.title).join(', ')}`, Creator: `Benchmate ${doc.generator.version}` }
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const fonts = findFonts();
  if (fonts) {
    pdf.registerFont('body', fonts.regular);
    pdf.registerFont('bold', fonts.bold);
  }
  const REG = fonts ? 'body' : 'Helvetica';
  const BOLD = fonts ? 'bold' : 'Helvetica-Bold';
  const clean = (t: string) => (fonts ? t : toWinAnsi(t)).replace(/\r/g, '');
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const para = (text: string, font = REG, size = 10, color = '#111111', indent = 0) =>
    pdf.font(font).fontSize(size).fillColor(color).text(clean(text), pdf.page.margins.left + indent, undefined, { width: width - indent });

  doc.sessions.forEach((s, si) => {
    if (si > 0) pdf.addPage();
    para('Service report', BOLD, 18);
    para(s.title, BOLD, 13, '#333333');
    pdf.moveDown(0.5);
    for (const [k, v] of [...sessionHeaderLines(s), ['Exported', localTime(doc.exportedAt)] as [string, string]]) {
      pdf.font(BOLD).fontSize(10).fillColor('#111111').text(clean(`${k}: `), pdf.page.margins.left, undefined, { continued: true });
      pdf.font(REG).text(clean(v));
    }
    pdf.moveDown(0.8);
    turnsOf(s).forEach(({ question, answer }, ti) => {
      para(`Question ${ti + 1}`, BOLD, 11);
      para(question.text, REG, 10);
      pdf.moveDown(0.3);
      if (!answer) {
        para('No answer.', REG, 10, '#555555');
        pdf.moveDown(0.8);
        return;
      }
      const note = answer.mode === 'search_only' ? ' (search only: no model loaded)' : answer.mode === 'not_found' ? ' (not in the manuals)' : '';
      para(`Answer${note}`, BOLD, 11);
      const layout = searchOnlyLayout(answer);
      if (layout) {
        // The answer line first (line breaks kept: config lines, table rows), then each other source once.
        para(layout.lead, BOLD, 9, '#222222', 8);
        para(clip(layout.line), REG, 10, '#111111', 16);
        if (layout.more.length) {
          pdf.moveDown(0.3);
          para('More in the manuals', BOLD, 10);
          for (const m of layout.more) {
            para(m.cite, BOLD, 9, '#222222', 8);
            para(clip(m.text), REG, 9, '#444444', 16);
            pdf.moveDown(0.2);
          }
        }
      } else if (answer.mode !== 'search_only') para(answer.text, REG, 10);
      const uncited = uncitedNote(answer);
      if (uncited) para(uncited, BOLD, 10, '#8a4b00');
      if (answer.stopReason === 'abort') para('(answer stopped before it was complete)', REG, 9, '#555555');
      if (answer.sources.length && !layout) {
        pdf.moveDown(0.3);
        para('Citations', BOLD, 10);
        for (const c of answer.sources) {
          para(citationLine(c), BOLD, 9, '#222222', 8);
          const q = c.quote.replace(/\s+/g, ' ').trim();
          para(`“${q.length > QUOTE_MAX ? q.slice(0, QUOTE_MAX) + '…' : q}”`, REG, 9, '#444444', 16);
          pdf.moveDown(0.2);
        }
      }
      for (const line of actionLines(answer)) para(line, REG, 9, '#555555');
      const esc = escalationLine(s, answer.id);
      if (esc) para(esc, BOLD, 9, '#7a3e00');
      if (answer.feedback) {
        para(`Feedback: ${answer.feedback.rating}${answer.feedback.comment ? ` — ${answer.feedback.comment}` : ''}`, REG, 9, '#555555');
      }
      pdf.moveDown(0.8);
    });
  });
  pdf.moveDown(1);
  para(`Content SHA-256 (audit): ${doc.contentSha256}`, REG, 8, '#555555');

  // Page footers once the page count is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing inside the margin must not open a new page
    pdf
      .font(REG)
      .fontSize(8)
      .fillColor('#777777')
      .text(`Benchmate service report · page ${i + 1} of ${range.count}`, pdf.page.margins.left, pdf.page.height - 40, { width, align: 'center' });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
