import { identifierPhrases, normalizeIdentifier, queryIdentifiers } from '../index/identifiers';
import { queryOptions } from './optionLane';
import { contentWords, isStopWord, normalizeText, stem } from './textTerms';

/**
 * Query understanding without an LLM: normalisation, content terms, identifier spans for the
 * exact lane, quoted phrases (pasted error messages), and weighted expansions (spelling variants
 * here; WordNet, library associations and pseudo-relevance feedback are added by the service,
 * which has the library's statistics). Expansions never replace a term; they are extra, down-weighted SHOULD clauses.
 */
export type { AnalyzedQuery, Expansion } from './queryTypes';
import type { AnalyzedQuery, Expansion } from './queryTypes';

// British/Commonwealth spellings a technician types vs the US spellings most manuals use (and back).
const SPELLING: Array<[RegExp, string]> = [
  [/^(colo|behavio|favo|neighbo|hono|harbo|labo|flavo|humo|vapo|rumo|armo)ur(s|ed|ing|ful)?$/, '$1r$2'],
  [/^(cent|met|lit|fib|theat)re(s)?$/, '$1er$2'],
  [/^grey(s|ish)?$/, 'gray$1'],
  [/^(analy|paraly|cataly)s(e|ed|es|ing)$/, '$1z$2'],
  [/^(organi|reali|recogni|customi|initiali|optimi|synchroni|minimi|maximi|authori|normali|prioriti|utili|digiti|calibri|serialis)s(e|ed|es|ing|ation)$/, '$1z$2'],
  [/^licen[cs]e(s|d)?$/, 'license$1'],
  [/^catalogue(s)?$/, 'catalog$1'],
  [/^programme(s)?$/, 'program$1'],
  [/^aluminium$/, 'aluminum'],
  [/^tyre(s)?$/, 'tire$1'],
  [/^defence$/, 'defense'],
  [/^mould(s|ed|ing)?$/, 'mold$1']
];

export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  for (const [re, rep] of SPELLING) if (re.test(word)) out.add(word.replace(re, rep));
  // And the other way round for the common -or/-our case, so a UK manual meets a US query.
  const m = /^(colo|behavio|favo|neighbo|hono|flavo|humo|armo)r(s|ed|ing|ful)?$/.exec(word);
  if (m) out.add(`${m[1]}ur${m[2] ?? ''}`);
  if (/^gray/.test(word)) out.add(word.replace(/^gray/, 'grey'));
  out.delete(word);
  return [...out];
}

function quotedPhrases(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([^"]{3,200})"|(?:^|[\s(])'([^']{3,200})'(?=[\s).,;:?!]|$)/g)) {
    const p = (m[1] ?? m[2] ?? '').trim();
    if (p.split(/\s+/).length >= 2) out.push(p);
  }
  return out;
}

/**
 * queryIdentifiers, minus the parts of a joined identifier: for `MOUSE_X` the lane should
 * look for `mousex`, not also for every page that mentions a mouse.
 */
const MAX_IDENTIFIER_PHRASES = 32;

function identifiersOf(text: string): Pick<AnalyzedQuery, 'identifiers' | 'identifierPhrases' | 'strongIdentifiers'> {
  const parts = new Set<string>();
  const strong = new Set<string>();
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[_\-.][\p{L}\p{N}]+)+/gu)) {
    const atoms = m[0].toLowerCase().split(/[_\-.]/);
    for (const a of atoms) parts.add(a);
    if (m[0].includes('_') || (/\p{L}/u.test(m[0]) && /\p{N}/u.test(m[0]))) strong.add(normalizeIdentifier(m[0]));
  }
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].toLowerCase();
    if (/\p{L}/u.test(w) && /\p{N}/u.test(w) && !parts.has(w)) strong.add(w);
  }
  const standalone = new Set([...text.matchAll(/(?<![_\-.\p{L}\p{N}])[\p{L}\p{N}]+(?![_\-.]?[\p{L}\p{N}])/gu)].map((m) => m[0].toLowerCase()));
  // "to 30", "in 2012": a short English word before a number is not a code like "E 204".
  const wordPlusNumber = new Set(
    [...text.matchAll(/\b([A-Za-z]{1,3}) (\d{2,})\b/g)].filter((m) => isStopWord(m[1].toLowerCase())).map((m) => (m[1] + m[2]).toLowerCase())
  );
  const kept = queryIdentifiers(text).filter(({ token: t }) => (!parts.has(t) || standalone.has(t)) && !wordPlusNumber.has(t));
  const identifiers = kept.map((i) => i.token);
  return {
    identifiers,
    // A pasted log full of codes must not turn into hundreds of phrase clauses.
    identifierPhrases: [...new Set(kept.flatMap(identifierPhrases))].slice(0, MAX_IDENTIFIER_PHRASES),
    strongIdentifiers: [...strong].filter((t) => identifiers.includes(t))
  };
}

/**
 * Name-like words of a text with their surface form: acronyms (CUDA), letter+digit codes
 * (PIC32), inner capitals (SatNOGS) and capitalised words that do not start a sentence (Strava).
 */
export function nameLikeSpans(text: string): string[] {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:'s)?/gu)) {
    const w = m[0].replace(/'s$/, '');
    const before = text.slice(0, m.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:;"(]$/.test(before);
    const acronym = w.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(w) && /\p{Lu}/u.test(w);
    const code = /\p{L}/u.test(w) && /\p{N}/u.test(w);
    const innerCap = /^\p{L}+$/u.test(w) && /\p{Ll}\p{Lu}/u.test(w);
    const capitalised = /^\p{Lu}\p{Ll}+$/u.test(w) && !sentenceStart && w !== 'I';
    if ((acronym || code || innerCap || capitalised) && !isStopWord(w.toLowerCase())) out.set(stem(w.toLowerCase()), w);
  }
  return [...out.values()];
}

const nameLikeWords = (text: string): string[] => nameLikeSpans(text).map((w) => stem(w.toLowerCase()));

export function analyzeQuery(raw: string): AnalyzedQuery {
  const normalized = normalizeText(raw);
  const terms = [...new Set(contentWords(normalized))];
  const expansions: Expansion[] = [];
  const seen = new Set(terms);
  const add = (term: string, weight: number, source: Expansion['source']) => {
    if (seen.has(term)) return;
    seen.add(term);
    expansions.push({ term, weight, source });
  };
  for (const t of terms) for (const v of spellingVariants(t)) add(v, 1, 'spelling');
  return {
    raw,
    normalized,
    terms,
    stems: terms.map(stem),
    ...identifiersOf(normalized),
    options: queryOptions(normalized),
    phrases: quotedPhrases(normalized),
    names: nameLikeWords(normalized),
    expansions
  };
}
