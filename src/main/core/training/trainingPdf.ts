import { toWinAnsi as winAnsi } from '../export/winAnsi';
import type { Attempt, TopicProgress } from '../../../shared/contract/training';

/**
 * The printable training record: the progress table (topic, status, attempts, last activity) and,
 * per attempt, every question with the answer, the verdict and the cited page. Standard Helvetica
 * is enough here: names and topic titles are printed through a WinAnsi filter.
 */
export async function renderTrainingPdf(rows: readonly TopicProgress[], attempts: readonly Attempt[], who: string): Promise<Buffer> {
  // Loaded on first export, as for the service report: no other command needs pdfkit.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, info: { Title: `Training record — ${winAnsi(who)}`, Creator: 'Benchmate' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const line = (text: string, font = 'Helvetica', size = 10) => pdf.font(font).fontSize(size).text(winAnsi(text));
  line(`Training record — ${who}`, 'Helvetica-Bold', 16);
  line(`Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, 'Helvetica', 9);
  pdf.moveDown();
  line('Progress', 'Helvetica-Bold', 12);
  for (const r of rows) {
    line(`${r.technician.name} · ${r.courseTitle} › ${r.topicTitle}: ${r.status.replace('_', ' ')} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}${r.lastActivity ? `, last ${r.lastActivity.slice(0, 10)}` : ''})`);
  }
  pdf.moveDown();
  line('Attempts', 'Helvetica-Bold', 12);
  for (const a of attempts) {
    pdf.moveDown(0.5);
    line(`${a.topicTitle} (v${a.topicVersion}) — ${a.technician.name} — ${a.status.replace('_', ' ')}, ${a.correct} correct / ${a.wrong} wrong — ${a.startedAt.slice(0, 16).replace('T', ' ')}`, 'Helvetica-Bold', 10);
    for (const q of a.questions) {
      line(`Q${q.n}. ${q.prompt}`);
      if (q.answer) line(`   Answer: ${q.answer.text} — ${q.answer.verdict} (${q.answer.grader}); expected: ${q.answer.expected}; ${q.citation.docTitle}, p. ${q.citation.pageLabel}`, 'Helvetica', 9);
    }
    if (a.reread.length) line(`   Re-read pages: ${a.reread.join(', ')}`, 'Helvetica', 9);
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
