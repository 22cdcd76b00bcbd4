import type { TrainingQuestion } from '../../../src/shared/contract/training';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The cloze's words as a pattern over the page text, whatever the line breaks and spacing. */
const loose = (s: string) => s.trim().split(/\s+/).filter(Boolean).map(esc).join('\\s+');

/**
 * Answers a deterministic question the way a technician with the manual open would: by finding
 * the passage on the cited page and reading the hidden part (or the choice that fits). Uses only
 * the question and the page text — never the answer key.
 */
export function solveFromText(q: TrainingQuestion, pageText: string): string {
  const flat = pageText.replace(/\s+/g, ' ');
  if (q.kind === 'order') {
    const lead = q.cloze.replace('____', '').trim();
    const after = flat.indexOf(lead) + lead.length;
    const ranked = q.choices.map((c, i) => ({ i, at: flat.indexOf(c, after) })).filter((x) => x.at >= after).sort((x, y) => x.at - y.at);
    return String.fromCharCode(97 + ranked[0].i);
  }
  if (q.choices.length) {
    const i = q.choices.findIndex((c) => flat.includes(q.cloze.replace('____', c).replace(/\s+/g, ' ')));
    return String.fromCharCode(97 + i);
  }
  const [pre, post] = q.cloze.split('____');
  const re = new RegExp(`${loose(pre)}${pre.endsWith(' ') ? '\\s+' : ''}([\\s\\S]+?)${post.trim() ? `${post.startsWith(' ') ? '\\s+' : ''}${loose(post)}` : '(?: {2,}|\\n|$)'}`);
  const m = re.exec(pageText);
  if (!m) throw new Error(`passage not found on the page: ${q.cloze}`);
  return m[1];
}
