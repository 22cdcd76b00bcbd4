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

/** A numbered section heading on its own line: "2 Coolant pump", "3.6 Stack viewer" (no sentence end). */
const NUMBERED_HEADING = /^[ \t]*\d+(?:\.\d+)*\.?[ \t]+[A-Za-z][^\n.!?:;=]{0,70}\n\s*/;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Length of a section heading at the start of the span, or 0. The span is cut from the page, so it
 * can begin with the heading the page prints above the sentence, on its own line ("2 Coolant
 * pump\nThe coolant pump must…") or glued on by extraction ("3.6 Stack viewer This window…").
 * The heading is shown as a small label, the rest as the span. A glued heading is only taken when
 * the source's section path names it and it is numbered (or on its own line), so a sentence is
 * never cut at a guess.
 */
export function headingLength(text: string, sectionPath = ''): number {
  const lastSection = sectionPath.split(' > ').pop()?.trim() ?? '';
  if (lastSection.length >= 3) {
    const want = squash(lastSection);
    // Walk the text until its squashed prefix covers the section name.
    let i = 0;
    while (i < text.length && squash(text.slice(0, i)).length < want.length) i++;
    // On its own line, or numbered: "Safety glasses must be worn" in a section "Safety" is a sentence.
    const after = text.slice(i);
    if (squash(text.slice(0, i)) === want && /^\s+\S/.test(after) && (/^[ \t]*\n/.test(after) || /^\d/.test(want))) return i + (/^\s*/.exec(after)?.[0].length ?? 0);
  }
  const m = NUMBERED_HEADING.exec(text);
  return m && text.slice(m[0].length).trim() ? m[0].length : 0;
}

/** Code marks: a sentence with one of these stays code even after its heading is taken off. */
const CODE_SIGNS = /[{}[\]<>=;$#|\\`]|\b[a-z]+_[a-z_]+\b|^\s*[-/.][\w-]/m;

/**
 * Whether a span the core cut as code reads as prose once its heading is off: a sentence of
 * several words ending in a full stop, without code signs. "The coolant pump must be primed with 2
 * litres of coolant." is prose; "LogLevel Debug" or "port = 8080;" stay code.
 */
export function readsAsProse(text: string): boolean {
  const t = text.trim();
  return t.split(/\s+/).length >= 5 && /[.!?)]$/.test(t) && /^[A-Z(“"]/.test(t) && !CODE_SIGNS.test(t);
}

/** A span that is only a numbered section title ("2 Coolant pump"): words, not code. */
export const isNumberedTitle = (text: string): boolean => /^\s*\d+(?:\.\d+)*\.?[ \t]+[A-Z][A-Za-z-]*(?:[ \t]+[A-Za-z-]+){0,5}\s*$/.test(text);
