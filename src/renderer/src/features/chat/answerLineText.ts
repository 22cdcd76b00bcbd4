/** How the answer line's span text is laid out (pure helpers, unit-tested). */

/**
 * Length of the prose lead-in of a code answer line ("…change the following line from:") that is
 * shown as a sentence above the code, or 0. PDF extraction wraps a sentence over lines, so the
 * lead-in may take up to three lines; only the last ends in a colon (earlier lines with a colon
 * are code, e.g. "key: value", and are left in the code block).
 */
export function codeLeadLength(text: string): number {
  const m = /^(?:[^\n:]*\n){0,2}[^\n]*:[ \t]*\n/.exec(text);
  if (!m) return 0;
  // Nothing but the lead-in (no code after it): keep the whole span as it is.
  return text.slice(m[0].length).trim() ? m[0].length : 0;
}

/**
 * Prose as a sentence: PDF extraction keeps the page's line wraps ("R expects a stack\nsize of at
 * least 8MB"), which pre-wrapped text showed as a ragged break mid-sentence. Line breaks become
 * spaces; code and config lines keep theirs (codeText).
 */
export function proseText(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, ' ');
}

/** Code and config lines as on the page; the blank lines extraction puts between them shown once. */
export function codeText(text: string): string {
  return text.replace(/\n\s*\n/g, '\n');
}
