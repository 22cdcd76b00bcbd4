import type { AnswerSpan } from './contract/sessions';

/**
 * The answer line's text exactly as the app, the exports and the eval show it: a table row is
 * preceded by its header row; other units are the page text verbatim (line breaks kept).
 */
export function answerLineText(span: Pick<AnswerSpan, 'text' | 'header' | 'kind'>): string {
  return span.kind === 'row' && span.header ? `${span.header}\n${span.text}` : span.text;
}

/** Columns of a table row as extraction renders them (2+ spaces or a tab between cells). */
export const tableCells = (line: string): string[] => line.trim().split(/ {2,}|\t/);

/** Shown (and exported) with a model answer whose text cites no passage. */
export const UNCITED_WARNING = 'This answer cites no passage — check the sources.';
