/**
 * The shape of an analysed query (see queryAnalysis.ts), in a file of its own so the lanes and
 * evidence scoring can use it without importing the analyser (which uses the option lane).
 */
export interface Expansion {
  term: string;
  weight: number;
  source: 'spelling' | 'wordnet' | 'association' | 'corpus';
}

export interface AnalyzedQuery {
  raw: string;
  normalized: string;
  /** Content words, de-duplicated, in query order. */
  terms: string[];
  /** Light stems of `terms` (same order), for coverage scoring. */
  stems: string[];
  identifiers: string[];
  /**
   * Multi-word spellings of `identifiers` for the exact lane's phrase clauses (`gdb get char`,
   * `e 204`, `x 200`): the index splits `E-204` into two tokens, so the joined term alone misses it.
   */
  identifierPhrases: string[];
  /**
   * Identifiers the user typed in an unmistakable form — joined by `_` (gdb_get_char) or mixing
   * letters and digits (E-204, R800). Their presence makes the exact lane count double.
   */
  strongIdentifiers: string[];
  /** Command-line options as typed, case kept (`-B`, `--force`): see optionLane. */
  options: string[];
  /** Quoted spans of 2+ words, e.g. a pasted error message. */
  phrases: string[];
  /**
   * Light stems of name-like words: acronyms (CUDA), letter+digit codes (PIC32), inner capitals
   * (SatNOGS) and capitalised words that do not start a sentence (Strava). A name the library has
   * never seen is strong evidence the question is about something the manuals don't cover.
   */
  names: string[];
  expansions: Expansion[];
}
