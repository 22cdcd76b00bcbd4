import type { AnswerSpan } from './contract/sessions';

/**
 * The answer line's text exactly as the app, the exports and the eval show it: a table row is
 * preceded by its header row; other units are the page text verbatim (line breaks kept), a
 * sentence cut by a page break followed by its rest from the next page.
 */
export function answerLineText(span: Pick<AnswerSpan, 'text' | 'header' | 'kind' | 'continued'>): string {
  if (span.kind === 'row' && span.header) return `${span.header}\n${span.text}`;
  // A sentence cut by a page break reads on with its rest from the next page.
  return span.continued ? `${span.text}\n${span.continued.text}` : span.text;
}

/** "54–55" for an answer line that runs onto the next page (a label that is not a number: "iv and the next page"). */
export function pagesOfLine(pageLabel: string, continued: boolean): string {
  if (!continued) return pageLabel;
  return /^\d+$/.test(pageLabel) ? `${pageLabel}–${Number(pageLabel) + 1}` : `${pageLabel} and the next page`;
}

/** Columns of a table row as extraction renders them (2+ spaces or a tab between cells). */
export const tableCells = (line: string): string[] => line.trim().split(/ {2,}|\t/);

/** Shown (and exported) with a model answer whose text cites no passage. */
export const UNCITED_WARNING = 'This answer cites no passage — check the sources.';
