/**
 * Cuts a page's text into the units a technician reads as "the line that answers": sentences of
 * prose, table rows (with the table's header row), option/definition lines (`-e  Display …`),
 * numbered steps, and command/config lines (with the lead-in sentence that introduces them).
 * Offsets are into the page text, so the viewer can highlight exactly the chosen unit.
 *
 * The rules are layout conventions of printed manuals as text extraction renders them (columns
 * separated by 2+ spaces, bullets, `N.` steps, short unpunctuated lines between blank lines),
 * not anything about particular manuals.
 */

import { tableCells } from '../../../shared/answerLine';

export type SegmentKind = 'sentence' | 'row' | 'option' | 'step' | 'code';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  /** Table rows: the header row's text (or the caption line above the table), else ''. */
  header: string;
  /**
   * Table rows keyed by ascending numbers ("Starting from" dates, thresholds): the range
   * [own key, next row's key) the row covers, so "recorded in 2012" finds the 1999… row.
   */
  keyRange?: [number, number];
  /** Two sentences offered together (see sentencePairs). */
  pair?: boolean;
  /** A later window of a unit longer than MAX_SPAN: it starts in the middle of a sentence or item. */
  midway?: boolean;
  /** The nearest heading line above the unit on this page (its section's title), if any. */
  heading?: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
  type: 'blank' | 'row' | 'option' | 'step' | 'code' | 'prose' | 'heading';
}

export const MAX_SPAN = 300;

const BULLET = /^[\s●•▪◦∙·*–-]*\s*/u;
const ROW = /\S(?: {2,}|\t)\S/;
const OPTION = /^(?:[●•▪◦∙·*]\s*)?--?[A-Za-z0-9][\w-]*(?:[ =][^\s.]+)?(?: {2,}|\s+[A-Z])/u;
const STEP = /^(?:[●•▪◦∙·*]\s*)?(?:\d{1,2}|[a-z])[.)]\s+\S/u;
const SENTENCE_END = /[.!?]["')\]]?$/;
/** A heading: optional section number, then Title Case words (small joining words allowed). */
const HEADING = /^(?:\d+(?:\.\d+)*[.)]?\s+)?[A-Z][\w'’/-]*(?:\s+(?:[A-Z0-9][\w'’/-]*|of|and|the|for|to|in|on|with|a|an|or))*$/;
/** "14.4 Only if Necessary: Recovering the SPI Flash Firmware", "5 Pump heads": a section number, then a title. */
const NUMBERED_HEADING = /^\d+(?:\.\d+)*\.?\s+[A-Z][^.!?]*[^.!?,;:]$/;
/** Shell prompts, options, assignments, paths, calls, identifiers with `_`/`::` — code-shaped tokens. */
const CODE_MARK = /(^[$#%>] )|(^[\w.-]+> )|(\s--?[A-Za-z]\w*)|(\w=\S)|(^\.{0,2}\/\w)|(\s\/\w)|(\w\(\))|(\w_\w)|(::)|(^[\w./-]+ [\w./:-]+$)/;

export const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Splits the page into typed lines (row, option, step, code, prose, blank). */
function typedLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const start = pos;
    const end = pos + raw.length;
    pos = end + 1;
    const t = raw.trim();
    let type: Line['type'];
    if (!t) type = 'blank';
    else if (OPTION.test(t)) type = 'option';
    else if (STEP.test(t)) type = 'step';
    else if (ROW.test(t) && tableCells(t).length >= 2 && !/[.,;]$/.test(tableCells(t)[0])) type = 'row';
    else type = 'prose';
    lines.push({ start, end, text: raw, type });
  }
  // The page number printed at the top or bottom of the page ("35", "- 35 -", "Page 3 of 9") answers nothing.
  const printed = lines.filter((l) => l.type !== 'blank');
  for (const l of [printed[0], printed.at(-1)]) if (l && PAGE_NUMBER.test(l.text.trim())) l.type = 'blank';
  // Code: short unpunctuated lines standing apart from prose (between blank lines, or after a
  // lead-in ending with ':'), or lines carrying code-shaped tokens that are not sentences.
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.type !== 'prose') continue;
    const t = l.text.trim();
    if (SENTENCE_END.test(t) || t.length > 90) continue;
    const prev = lines[i - 1];
    const next = lines[i + 1];
    // A standalone Title Case line is a heading: it names a section, it answers nothing.
    const standalone = !next || next.type === 'blank' || !prev || prev.type === 'blank';
    if ((HEADING.test(t) && t.split(/\s+/).length <= 8 && standalone) || (NUMBERED_HEADING.test(t) && t.split(/\s+/).length <= 12 && standalone)) {
      l.type = 'heading';
      continue;
    }
    const isolated = (!prev || prev.type === 'blank' || prev.type === 'code') && (!next || next.type === 'blank');
    const afterLeadIn = !!prev && (prev.type === 'code' || /:\s*$/.test(prev.text));
    const words = t.split(/\s+/).length;
    if ((isolated || afterLeadIn) && (CODE_MARK.test(t) || words <= 4)) l.type = 'code';
    else if (CODE_MARK.test(t) && words <= 8 && !/^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(t) && (isolated || afterLeadIn || !next || next.type !== 'prose')) l.type = 'code';
  }
  return lines;
}

const isHeaderRow = (t: string) => tableCells(t).every((c) => /^[A-Z/#(]/.test(c) && !/[.;]$/.test(c));
/** A first row without digits above rows that all have them ("Starting from:  value:" over dates) names the columns too. */
const isWordHeaderOver = (t: string, below: string[]) => !/\d/.test(t) && below.length > 0 && below.every((r) => /\d/.test(r)) && tableCells(t).every((c) => !/[.;]$/.test(c));
/** The row lines of a table block from line i on. */
function bodyRows(lines: readonly Line[], i: number): string[] {
  const out: string[] = [];
  for (let j = i; j < lines.length && lines[j].type === 'row'; j++) out.push(lines[j].text);
  return out;
}
/** "Table 3.19. GPS week rollover dates": a numbered caption, possibly a blank line above the table. */
const CAPTION = /^(?:Table|Tab\.)\s+[\dA-Z][\w.-]*[.:]?\s+\S/;

export function segmentPage(text: string): Segment[] {
  const lines = typedLines(text);
  const out: Segment[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (l.type === 'blank' || l.type === 'heading') {
      i++;
      continue;
    }
    if (l.type === 'row') {
      i = tableRows(lines, i, out);
      continue;
    }
    if (l.type === 'option' || l.type === 'step') {
      // An item runs over its wrapped lines until the next item, a row, code or a blank line.
      let j = i + 1;
      while (j < lines.length && lines[j].type === 'prose' && !/^[●•▪◦∙·*]/u.test(lines[j].text.trim())) j++;
      const itemEnd = lines[j - 1].end;
      if (l.type === 'option') out.push(...capped(text, l.start + leadLength(l.text), itemEnd, 'option'));
      else out.push(...capped(text, l.start + leadLength(l.text, true), itemEnd, 'step'));
      // Steps and options also contribute their sentences, for long items.
      const parts = sentences(text, l.start + leadLength(l.text), itemEnd);
      if (parts.length > 1) out.push(...parts);
      i = j;
      continue;
    }
    if (l.type === 'code') {
      let j = i + 1;
      while (j < lines.length && (lines[j].type === 'code' || (lines[j].type === 'blank' && lines[j + 1]?.type === 'code'))) j++;
      // The lead-in sentence ("Change the following line from:") belongs with its code block.
      const leadIn = out.length && out[out.length - 1].kind === 'sentence' && !out[out.length - 1].midway && /:\s*$/.test(text.slice(out[out.length - 1].start, out[out.length - 1].end)) ? out[out.length - 1] : undefined;
      const start = leadIn && l.start - leadIn.end < 3 && lines[j - 1].end - leadIn.start <= MAX_SPAN ? leadIn.start : l.start;
      out.push(...capped(text, start, lines[j - 1].end, 'code'));
      // Each code line on its own too: a long block may hold the one line that answers.
      if (j - i > 1) for (let k = i; k < j; k++) if (lines[k].type === 'code') out.push({ kind: 'code', start: lines[k].start + leadLength(lines[k].text), end: lines[k].end, header: '' });
      i = j;
      continue;
    }
    // A prose paragraph: consecutive prose lines; split into sentences.
    let j = i + 1;
    while (j < lines.length && lines[j].type === 'prose' && !/^[●•▪◦∙·*]/u.test(lines[j].text.trim())) j++;
    out.push(...sentences(text, l.start + leadLength(l.text), lines[j - 1].end));
    i = j;
  }
  const units = withLeadIns(text, out.map((s) => trimSegment(text, s)).filter((s) => s.end > s.start));
  return withHeadings(lines, [...units, ...sentencePairs(text, units)]);
}

/** Each unit learns the heading line above it: the title of the section it belongs to. */
function withHeadings(lines: readonly Line[], units: Segment[]): Segment[] {
  const headings = lines.filter((l) => l.type === 'heading');
  if (!headings.length) return units;
  return units.map((u) => {
    let h: Line | undefined;
    for (const l of headings) if (l.end <= u.start) h = l;
    return h ? { ...u, heading: h.text.trim() } : u;
  });
}

/**
 * Two back-to-back sentences of one paragraph also stand as one unit: a two-part answer
 * ("… uses 9600 bps by default. … Highest option is 115200.") is often stated that way.
 */
function sentencePairs(text: string, units: readonly Segment[]): Segment[] {
  const sents = units.filter((u) => u.kind === 'sentence').sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  for (let k = 1; k < sents.length; k++) {
    const [a, b] = [sents[k - 1], sents[k]];
    const gap = text.slice(a.end, b.start);
    if (b.start >= a.end && !/\S|\n\s*\n/.test(gap) && b.end - a.start <= MAX_SPAN) out.push({ kind: 'sentence', start: a.start, end: b.end, header: '', pair: true });
  }
  return out;
}

/**
 * A command/config block introduced by a lead-in ending with ':' ("Change the following line
 * from:", "6. Enable debugging … edit cupsd.conf:") also stands as one unit with that lead-in.
 */
function withLeadIns(text: string, segs: Segment[]): Segment[] {
  const out = [...segs];
  const onlyBlank = (a: number, b: number) => !/\S/.test(text.slice(a, b));
  for (let i = 0; i < segs.length; i++) {
    const code = segs[i];
    if (code.kind !== 'code') continue;
    // Only whole blocks take the lead-in (a block's single lines also stand alone, without it).
    if (segs.some((o) => o !== code && o.kind === 'code' && o.start <= code.start && o.end >= code.end)) continue;
    // Every unit right before the block that introduces it: ends with ':' (the sentence, and the
    // step holding it), or is a caption — a short line without closing punctuation
    // ("Command showing download and erase").
    for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
      const lead = segs[j];
      // Half a sentence does not introduce anything: a lead-in is a whole unit.
      if (lead.kind === 'code' || lead.midway || lead.end > code.start || !onlyBlank(lead.end, code.start)) continue;
      const t = text.slice(lead.start, lead.end);
      const introduces = /:\s*$/.test(t) || (t.length <= 100 && !/[.!?;,]\s*$/.test(t));
      if (introduces && code.end - lead.start <= MAX_SPAN) out.push({ kind: lead.kind === 'step' ? 'step' : 'code', start: lead.start, end: code.end, header: '' });
    }
    // The sentence right after a command often says what it does ("Will read the USB-connected…").
    const next = segs.slice(i + 1).find((o) => o.start >= code.end);
    if (next && next.kind === 'sentence' && onlyBlank(code.end, next.start) && next.end - code.start <= MAX_SPAN) {
      out.push({ kind: 'code', start: code.start, end: next.end, header: '' });
    }
  }
  return out;
}

/** A table block from line i: header row (if it looks like one), rows with wrapped continuations. */
function tableRows(lines: Line[], i: number, out: Segment[]): number {
  const prev = lines[i - 1];
  const above = prev?.type === 'blank' ? lines[i - 2] : undefined;
  const caption =
    prev && prev.type !== 'blank' && prev.text.trim().length <= 50 && !SENTENCE_END.test(prev.text.trim()) && !/:\s*$/.test(prev.text)
      ? prev.text.trim()
      : above && CAPTION.test(above.text.trim())
        ? above.text.trim()
        : '';
  let header = '';
  let j = i;
  const first = out.length;
  if ((isHeaderRow(lines[i].text) || isWordHeaderOver(lines[i].text, bodyRows(lines, i + 1))) && lines[i + 1]?.type === 'row') {
    header = lines[i].text.trim();
    j = i + 1;
  }
  while (j < lines.length && lines[j].type === 'row') {
    let k = j + 1;
    // Wrapped cell text continues on lines starting in lower case.
    while (k < lines.length && k - j <= 3 && lines[k].type === 'prose' && /^[a-z(]/.test(lines[k].text.trim())) k++;
    out.push({ kind: 'row', start: lines[j].start, end: Math.min(lines[k - 1].end, lines[j].start + MAX_SPAN), header: header || caption });
    j = k;
  }
  keyRanges(lines, out.slice(first));
  return j;
}

/** Rows whose first cells start with strictly ascending numbers each cover [key, next key). */
function keyRanges(lines: Line[], rows: Segment[]): void {
  const text = (s: Segment) => lines.find((l) => l.start === s.start)?.text ?? '';
  const keys = rows.map((r) => /^\s*(\d+(?:\.\d+)?)/.exec(tableCells(text(r))[0] ?? '')?.[1]).map((k) => (k === undefined ? NaN : Number(k)));
  if (keys.length < 2 || keys.some((k, n) => Number.isNaN(k) || (n > 0 && k <= keys[n - 1]))) return;
  rows.forEach((r, n) => (r.keyRange = [keys[n], n + 1 < keys.length ? keys[n + 1] : Infinity]));
}

/** Bullet (and, for steps, nothing else) stripped from the start of a line. */
function leadLength(line: string, keepNumber = false): number {
  const m = keepNumber ? /^[\s●•▪◦∙·*]*/u.exec(line) : BULLET.exec(line);
  const lead = m ? m[0].length : 0;
  // BULLET also eats a leading '-' of an option: give it back.
  if (!keepNumber && line[lead - 1] === '-') return lead - (/-+$/.exec(line.slice(0, lead))?.[0].length ?? 0);
  return lead;
}

/** Sentence boundaries in [start, end): `.!?` then space and an upper-case letter, digit or bullet. */
function sentences(text: string, start: number, end: number): Segment[] {
  const out: Segment[] = [];
  const para = text.slice(start, end);
  let s = 0;
  for (const m of para.matchAll(/[.!?:]["')\]]?(?=\s+(?:[A-Z0-9"'(●•]|$))/g)) {
    const e = m.index! + m[0].length;
    // Abbreviations ("e.g.", "i.e.", "Fig.", "No.") do not end a sentence.
    if (/\b(?:e\.g|i\.e|etc|vs|Fig|No|cf|approx)\.$/i.test(para.slice(Math.max(0, e - 6), e))) continue;
    out.push(...capped(text, start + s, start + e, 'sentence'));
    s = e;
  }
  if (para.slice(s).trim()) out.push(...capped(text, start + s, end, 'sentence'));
  return out;
}

/** Spans longer than MAX_SPAN become overlapping windows cut at word boundaries. */
function capped(text: string, start: number, end: number, kind: SegmentKind): Segment[] {
  if (end - start <= MAX_SPAN) return [{ kind, start, end, header: '' }];
  const out: Segment[] = [];
  let s = start;
  while (s < end) {
    let e = Math.min(end, s + MAX_SPAN);
    if (e < end) {
      const sp = text.lastIndexOf(' ', e);
      if (sp > s + MAX_SPAN / 2) e = sp;
    }
    out.push(s === start ? { kind, start: s, end: e, header: '' } : { kind, start: s, end: e, header: '', midway: true });
    if (e >= end) break;
    const next = text.indexOf(' ', s + Math.floor(MAX_SPAN / 2));
    s = next > s && next < e ? next + 1 : e;
  }
  return out;
}

function trimSegment(text: string, s: Segment): Segment {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { ...s, start, end };
}
