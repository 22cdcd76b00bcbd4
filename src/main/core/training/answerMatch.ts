/**
 * Normalised answer matching for the deterministic grader: case, spacing, punctuation, number
 * formats (3493 / 3,493 / 3 493, 2.50 / 2.5) and unit spellings (10 mm / 10mm / 10 millimetres)
 * do not decide a verdict; the words and values do.
 */

/** Unit spellings folded to one symbol; a number may be answered with or without its unit. */
const UNIT_ALIASES: Record<string, string> = {
  millimetre: 'mm', millimetres: 'mm', millimeter: 'mm', millimeters: 'mm',
  centimetre: 'cm', centimetres: 'cm', centimeter: 'cm', centimeters: 'cm',
  metre: 'm', metres: 'm', meter: 'm', meters: 'm',
  volt: 'v', volts: 'v', ampere: 'a', amperes: 'a', amp: 'a', amps: 'a',
  watt: 'w', watts: 'w', kilowatt: 'kw', kilowatts: 'kw',
  hertz: 'hz', second: 's', seconds: 's', sec: 's', secs: 's',
  minute: 'min', minutes: 'min', mins: 'min', hour: 'h', hours: 'h', hrs: 'h',
  millisecond: 'ms', milliseconds: 'ms', percent: '%', degrees: '°', degree: '°',
  kilogram: 'kg', kilograms: 'kg', gram: 'g', grams: 'g', byte: 'b', bytes: 'b',
  kilobytes: 'kb', megabytes: 'mb', gigabytes: 'gb'
};

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** One canonical number: thousands separators removed, trailing decimal zeros dropped. */
export function canonicalNumber(raw: string): string | undefined {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  // 3,493 / 1,234,567: commas between groups of three are thousands separators.
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  // 2,5 (a decimal comma): only when it cannot be a thousands group.
  else if (/^[+-]?\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  if (!NUMBER.test(s)) return undefined;
  return String(Number(s));
}

/** Folds an answer or a key to comparable tokens. */
export function normaliseAnswer(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”"'‘’`]/g, '')
    // Glue digit groups written with spaces or commas back together before tokenising.
    .replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1')
    // Split a number from a unit written against it (10mm → 10 mm).
    .replace(/(\d)([a-z°%]+)/g, '$1 $2');
  const tokens = folded.split(/[^\p{L}\p{N}.,%°+-]+/u).map((t) => t.replace(/^[.,+-]+|[.,]+$/g, '')).filter(Boolean);
  return tokens.map((t) => canonicalNumber(t) ?? UNIT_ALIASES[t] ?? t);
}

const LEADING_ARTICLES = new Set(['the', 'a', 'an']);

function core(tokens: string[]): string[] {
  let t = tokens;
  while (t.length > 1 && LEADING_ARTICLES.has(t[0])) t = t.slice(1);
  return t;
}

/**
 * Does `answer` match `expected`? Equal token lists (articles aside), or — when the key is a
 * number with a unit — the same number with the unit left out or the same unit.
 */
export function answersMatch(answer: string, expected: string): boolean {
  const a = core(normaliseAnswer(answer));
  const e = core(normaliseAnswer(expected));
  if (!a.length || !e.length) return false;
  if (a.join(' ') === e.join(' ')) return true;
  const isNum = (t: string | undefined) => t !== undefined && NUMBER.test(t);
  if (isNum(e[0]) && e.length <= 2 && isNum(a[0]) && a[0] === e[0]) return a.length === 1 || a.slice(1).join(' ') === e.slice(1).join(' ');
  return false;
}

/** Multiple choice: the letter (a, "B)", "c."), the option's number, or the option's text. */
export function choiceMatches(answer: string, choices: readonly string[], index: number): boolean {
  const m = /^\s*\(?([a-z]|\d)\s*[).:]?\s*$/i.exec(answer);
  if (m) {
    const pick = /\d/.test(m[1]) ? Number(m[1]) - 1 : m[1].toLowerCase().charCodeAt(0) - 97;
    return pick === index;
  }
  return answersMatch(answer, choices[index]);
}
