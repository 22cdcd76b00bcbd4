import { segmentPage } from '../answer/segments';
import { tableCells } from '../../../shared/answerLine';

/**
 * What a question can be made of, cut from the topic's page texts: sentences with a hidden
 * term or value, table rows with a hidden cell, and runs of numbered steps. Every candidate
 * keeps its page and offsets, so a question always cites the passage it was built from.
 */

export interface PageText {
  page: number;
  pageLabel: string;
  text: string;
}

export type TermType = string;

export interface Hidden {
  /** Offsets of the hidden part in the page text. */
  start: number;
  end: number;
  value: string;
  type: TermType;
}

export interface Candidate {
  kind: 'blank' | 'table' | 'order';
  level: 'definition' | 'value' | 'procedure';
  page: number;
  pageLabel: string;
  /** The passage (cited verbatim): [start, end) of the page text. */
  start: number;
  end: number;
  /** Table rows: the header row shown with the question. */
  header: string;
  hidden: Hidden;
  /** Order questions: the other steps of the same procedure (distractors). */
  siblings: string[];
  /** The sentence reads as a definition ("X is …", "… is called X"): preferred first questions. */
  definitional?: boolean;
}

const STOP = new Set('the this that these those with from into when where which while there their then than have been will shall should would could must also only each other such some more most very your about after before under over between through using used use note figure table page section chapter see'.split(' '));

/** Unit symbols a value may carry (a short word after a number is not a unit: "1 as", "2 aka"). */
const UNITS = '%|°C|°F|°|mm|cm|m|km|µm|nm|ft|V|mV|kV|A|mA|µA|W|kW|mW|Hz|kHz|MHz|GHz|s|ms|µs|ns|min|h|bar|mbar|psi|Pa|kPa|MPa|kg|g|mg|N|Nm|rpm|dB|dBm|Ω|kΩ|MΩ|l|ml|B|KB|kB|MB|GB|TB|bit|bits|baud|bps|kbps|Mbps|px|dpi|pages|bytes';
const NUMBER_UNIT = new RegExp(`(?<![\\w.,’'-])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s?(${UNITS})(?![\\w°]))?`, 'g');
/** A number that points elsewhere in the manual ("page 12", "Section 2.4") is not worth asking. */
const CROSS_REFERENCE = /(?:page|pages|p\.|pp\.|section|chapter|figure|fig\.|table|appendix|step|item|note)\s*$/i;
const TERM = /(?<![\w-])(?:[A-Z][A-Z0-9]+(?:[-_][A-Z0-9]+)*|[A-Za-z]{1,4}[-_]?\d[\w-]*|[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]{3,})(?![\w-])/g;
const DEFINITION = /\b(?:is|are|means|refers to|called|defines?|specif(?:y|ies))\b/i;

/** A value's type: a number with its unit (distractors must share the unit). */
export function typeOfValue(unit: string | undefined): TermType {
  return `number:${(unit ?? '').toLowerCase()}`;
}

/** A term's type: acronym, identifier (letters + digits), CamelCase or Capitalised word. */
export function typeOfTerm(term: string): TermType {
  if (/^[A-Z][A-Z0-9]+(?:[-_][A-Z0-9]+)*$/.test(term) && !/\d/.test(term)) return 'acronym';
  if (/\d/.test(term)) return 'identifier';
  if (/^[A-Z][a-z]+[A-Z]/.test(term)) return 'camel';
  return 'capital';
}

/** Numbers (with units) in a stretch of text, skipping list numbers and section numbers. */
export function valuesIn(text: string, offset: number): Hidden[] {
  const out: Hidden[] = [];
  for (const m of text.matchAll(NUMBER_UNIT)) {
    const unit = m[2] && !STOP.has(m[2].toLowerCase()) && !/^(?:and|or|to|of|in|on|at|is|a|an|the|for|by)$/i.test(m[2]) ? m[2] : undefined;
    const raw = unit ? m[0] : m[1];
    if (!unit && m[1].length < 2) continue;
    if (m.index === 0 && /^\d+(?:\.\d+)*\s/.test(text)) continue; // a section/step number
    if (CROSS_REFERENCE.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    out.push({ start: offset + m.index!, end: offset + m.index! + raw.length, value: raw, type: typeOfValue(unit) });
  }
  return out;
}

/** Named terms in a stretch of text, not the sentence's first word (always capitalised). */
export function termsIn(text: string, offset: number): Hidden[] {
  const out: Hidden[] = [];
  for (const m of text.matchAll(TERM)) {
    if (m.index === 0 || STOP.has(m[0].toLowerCase()) || /[-_]$/.test(m[0])) continue;
    out.push({ start: offset + m.index!, end: offset + m.index! + m[0].length, value: m[0], type: typeOfTerm(m[0]) });
  }
  return out;
}

const longest = (hs: Hidden[]) => [...hs].sort((a, b) => b.value.length - a.value.length || a.start - b.start)[0];

/** Every question candidate of one page. */
export function pageCandidates(p: PageText): Candidate[] {
  const out: Candidate[] = [];
  const segs = segmentPage(p.text);
  const base = { page: p.page, pageLabel: p.pageLabel, header: '', siblings: [] as string[] };
  for (const s of segs) {
    const body = p.text.slice(s.start, s.end);
    if (s.kind === 'sentence' && body.length >= 30 && /[a-z]{3}/.test(body)) {
      const value = longest(valuesIn(body, s.start));
      if (value) out.push({ ...base, kind: 'blank', level: 'value', start: s.start, end: s.end, hidden: value });
      const term = longest(termsIn(body, s.start));
      if (term) out.push({ ...base, kind: 'blank', level: 'definition', start: s.start, end: s.end, hidden: term, definitional: DEFINITION.test(body) });
    }
    if (s.kind === 'row' && s.header) {
      const cell = rowCell(p.text, s.start, s.end);
      if (cell) out.push({ ...base, kind: 'table', level: 'value', start: s.start, end: s.end, header: s.header, hidden: cell });
    }
  }
  out.push(...stepCandidates(p, segs.filter((s) => s.kind === 'step')));
  return out;
}

/** A row's hidden cell: a numeric cell if there is one, else the last cell (never the row's key). */
function rowCell(text: string, start: number, end: number): Hidden | undefined {
  const line = text.slice(start, end).split('\n')[0];
  const cells = tableCells(line).filter(Boolean);
  if (cells.length < 2) return undefined;
  const pick = cells.slice(1).find((c) => /\d/.test(c) && c.length <= 30) ?? cells[cells.length - 1];
  if (pick.length > 60 || pick.length < 1) return undefined;
  const at = line.indexOf(pick, line.indexOf(cells[0]) + cells[0].length);
  if (at < 0) return undefined;
  const v = valuesIn(pick, 0)[0];
  return { start: start + at, end: start + at + pick.length, value: pick, type: v && v.value === pick ? v.type : 'cell' };
}

/** Procedure runs: for each step after the first, "what comes next" hides the following step. */
function stepCandidates(p: PageText, steps: Array<{ start: number; end: number }>): Candidate[] {
  const own = steps
    .filter((s) => /^\s*\d{1,2}[.)]\s/.test(p.text.slice(s.start, s.end)))
    .sort((a, b) => a.start - b.start)
    .filter((s, i, all) => i === 0 || s.start >= all[i - 1].end);
  if (own.length < 3) return [];
  const stepText = (s: { start: number; end: number }) => p.text.slice(s.start, s.end).replace(/^\s*\d{1,2}[.)]\s+/, '').replace(/\s+/g, ' ').trim();
  const texts = own.map(stepText);
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < own.length; i++) {
    const next = own[i + 1];
    const lead = p.text.slice(next.start, next.end).match(/^\s*\d{1,2}[.)]\s+/)?.[0].length ?? 0;
    out.push({
      kind: 'order',
      level: 'procedure',
      page: p.page,
      pageLabel: p.pageLabel,
      start: own[i].start,
      end: next.end,
      header: '',
      hidden: { start: next.start + lead, end: next.end, value: texts[i + 1], type: 'step' },
      siblings: texts.filter((_, k) => k !== i + 1 && k !== i)
    });
  }
  return out;
}

/** Terms and values of every page of the manual, by type: the pool multiple-choice distractors come from. */
export function termPool(pages: readonly PageText[]): Map<TermType, string[]> {
  const pool = new Map<TermType, Set<string>>();
  for (const p of pages) {
    for (const h of [...valuesIn(p.text, 0), ...termsIn(p.text, 0)]) {
      if (!pool.has(h.type)) pool.set(h.type, new Set());
      pool.get(h.type)!.add(h.value.replace(/\s+/g, ' '));
    }
  }
  return new Map([...pool].map(([k, v]) => [k, [...v].sort()]));
}
