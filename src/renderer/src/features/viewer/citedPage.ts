/**
 * The viewer's "Cited:" line. A manual's printed page number (its label, e.g. "5") often differs
 * from the PDF page the toolbar shows ("10 / 85"); naming only the label next to a page box that
 * says 10 read as the wrong page. Both are named when they differ, as the exports do.
 */
export function citedPageText(page: number, pageLabel?: string | null): string {
  const label = pageLabel?.trim();
  if (!label || label === String(page)) return `Cited: page ${page}`;
  return `Cited: p. ${label} (PDF page ${page})`;
}
