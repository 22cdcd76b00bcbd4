/**
 * The language of a manual, guessed at import from its text so the Library's language column
 * and the search language filter work without anyone typing it. Counts very frequent function
 * words per language in the first pages: cheap, no model, and reliable on the prose of a manual.
 * Returns '' when the text is too short or no language clearly wins (tables of part numbers).
 */
const WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'in', 'for', 'with', 'be', 'this', 'that', 'are', 'on', 'not', 'it', 'or', 'you', 'before', 'must', 'when'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'zu', 'von', 'für', 'auf', 'sie', 'werden', 'wird', 'des', 'bei', 'oder'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'pour', 'une', 'du', 'dans', 'que', 'pas', 'avec', 'sur', 'ne', 'vous', 'par', 'au', 'être', 'doit'],
  es: ['el', 'la', 'los', 'las', 'y', 'de', 'que', 'en', 'es', 'para', 'con', 'una', 'por', 'del', 'no', 'se', 'al', 'debe', 'antes', 'como'],
  it: ['il', 'la', 'di', 'che', 'e', 'per', 'non', 'con', 'del', 'della', 'una', 'sono', 'gli', 'le', 'nel', 'prima', 'deve', 'essere', 'alla', 'dei'],
  nl: ['de', 'het', 'en', 'van', 'een', 'is', 'niet', 'met', 'voor', 'op', 'te', 'dat', 'die', 'worden', 'wordt', 'bij', 'aan', 'of', 'moet', 'u'],
  pt: ['o', 'a', 'os', 'as', 'de', 'que', 'e', 'do', 'da', 'não', 'para', 'com', 'uma', 'em', 'por', 'dos', 'das', 'deve', 'antes', 'ser'],
  sv: ['och', 'att', 'det', 'som', 'är', 'för', 'med', 'på', 'inte', 'av', 'en', 'ett', 'till', 'den', 'kan', 'ska', 'om', 'eller', 'innan', 'måste']
};

const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(WORDS)) for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);

/** Enough text to decide, not the whole manual. */
const SAMPLE_CHARS = 40_000;
const MIN_HITS = 12;

export function detectLanguage(pages: readonly string[]): string {
  let sample = '';
  for (const p of pages) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += ' ' + p;
  }
  const counts = new Map<string, number>();
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const lang of LOOKUP.get(word) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < MIN_HITS || (second && best[1] < second[1] * 1.5)) return '';
  return best[0];
}
