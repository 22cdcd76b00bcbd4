import type { DocumentSummary } from '../../../../shared/contract/library';

/**
 * Import problems in words a technician understands, with what to do about them. The core's
 * reasons are written for logs ("damaged file: Invalid PDF structure."); these replace them in the
 * queue and the table. Pure, so it is unit-tested.
 */
export const PLAIN = {
  damaged: 'This file is damaged or incomplete — ask for a new copy.',
  slow: 'This file could not be read in time — it may be damaged; ask for a new copy.',
  notPdf: 'This is not a PDF file — export or scan it to PDF first.',
  password: 'Protected by a password — click Unlock and enter it.',
  badPassword: 'The password was not accepted — check it and try again.',
  scanned: 'Scanned pages without text — run OCR to make them searchable.',
  interrupted: 'The import was interrupted — click Reindex to finish it.'
} as const;

/** The plain-words reason for a core status detail or job error message; '' when there is none. */
export function plainReason(detail: string, status?: DocumentSummary['status']): string {
  const d = detail.replace(/^[^:]*\.pdf:\s*/i, '');
  if (/incorrect password|wrong password|bad password/i.test(d)) return PLAIN.badPassword;
  if (status === 'needs_password' || /password|encrypt/i.test(d)) return PLAIN.password;
  if (/timed out/i.test(d)) return PLAIN.slow;
  if (/not a pdf|no %pdf|%pdf header|unsupported file/i.test(d)) return PLAIN.notPdf;
  if (/interrupted/i.test(d)) return PLAIN.interrupted;
  const tooMany = /(\d+) pages exceeds the limit of (\d+)/i.exec(d);
  if (tooMany) return `Too long: ${tooMany[1]} pages, the limit is ${tooMany[2]} — split the file or raise the limit in Settings.`;
  if (/damaged|truncat|corrupt|invalid pdf|unreadable|parser|xref|unexpected end/i.test(d)) return PLAIN.damaged;
  if (status === 'needs_ocr' || /ocr needed|without a text layer|image-only|scanned/i.test(d)) return PLAIN.scanned;
  return d.replace(/;\s*reindex to retry$/i, '').trim();
}

/** Header counts: failed files are not manuals; everything someone must act on needs attention. */
export function libraryCounts(docs: ReadonlyArray<Pick<DocumentSummary, 'status'>>): { manuals: number; attention: number } {
  let manuals = 0;
  let attention = 0;
  for (const d of docs) {
    if (d.status !== 'failed') manuals++;
    if (d.status === 'failed' || d.status === 'needs_password' || d.status === 'needs_ocr') attention++;
  }
  return { manuals, attention };
}

export function countsText({ manuals, attention }: { manuals: number; attention: number }): string {
  const m = manuals === 1 ? '1 manual' : `${manuals} manuals`;
  return attention ? `${m} · ${attention} ${attention === 1 ? 'file needs' : 'files need'} attention` : m;
}
