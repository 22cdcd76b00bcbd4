/**
 * A small thesaurus of how technicians describe things vs how manuals name them. Each group is
 * a set of interchangeable words; a query word pulls in the rest of its groups as down-weighted
 * expansions. Kept deliberately generic (no product names): it bridges everyday words and the
 * terse vocabulary of equipment/tool manuals, where paraphrased questions otherwise share few
 * words with the page that answers them. Multi-word entries are not supported on purpose.
 */
const GROUPS: string[][] = [
  ['receiver', 'rx', 'receive'],
  ['transmitter', 'tx', 'transmit'],
  ['height', 'altitude', 'elevation'],
  ['cable', 'lead', 'cord'],
  ['fault', 'error', 'failure'],
  ['corrupted', 'corrupt', 'bricked'],
  ['wipe', 'erase', 'clear', 'delete'],
  ['recover', 'restore', 'recovery'],
  ['setting', 'option', 'parameter'],
  ['diagnostic', 'debug', 'debugging', 'verbose'],
  ['temporary', 'tmp', 'temp'],
  ['amplifier', 'amp', 'gain'],
  ['speed', 'baud'],
  ['crash', 'hang', 'freeze'],
  ['update', 'upgrade'],
  ['install', 'setup', 'installation'],
  ['connector', 'jack', 'port', 'socket'],
  ['antenna', 'aerial'],
  ['screen', 'display', 'monitor'],
  ['folder', 'directory'],
  ['warning', 'caution'],
  ['shortcut', 'hotkey', 'keystroke', 'key'],
  ['photo', 'photograph', 'picture']
];

const INDEX = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const w of group) {
    const set = INDEX.get(w) ?? new Set<string>();
    for (const other of group) if (other !== w) set.add(other);
    INDEX.set(w, set);
  }
}

/** Synonyms of `word` that are not already in the query. */
export function synonymsOf(word: string, already: ReadonlySet<string>): string[] {
  const set = INDEX.get(word);
  return set ? [...set].filter((s) => !already.has(s)) : [];
}
