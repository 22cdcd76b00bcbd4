/**
 * What bench:search and bench/searchAb.ts share, so a `--reuse` run and an A/B run search the same
 * library with the same queries: the vector size, the machine models documents are tagged with,
 * `--name value` flags, and the synthetic text below.
 */
export const DIM = 384;
export const MODELS = Array.from({ length: 20 }, (_, i) => `M${100 + i}`);

/** The value after `--name` on the command line, if given. */
export function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Synthetic manual text: a deterministic PRNG, a Zipf-ish vocabulary of pseudo-words and a few
 * identifier-like tokens (E-204 style).
 */
export function syntheticText(seed = 42) {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const vocab = Array.from({ length: 30_000 }, (_, i) => {
    let w = '';
    let n = i + 7;
    do {
      w += 'bcdfghklmnprstvz'[n % 16] + 'aeiou'[(n >> 4) % 5];
      n = Math.floor(n / 80);
    } while (n > 0);
    return w;
  });
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rnd() * Math.log(vocab.length))) - 1)];
  const code = () => `E-${100 + Math.floor(rnd() * 900)}`;
  const sentence = (words: number) => Array.from({ length: words }, () => (rnd() < 0.01 ? code() : zipf())).join(' ');
  // Query words skip the 100 most frequent pseudo-words: in the synthetic text those occur in most
  // chunks, as stop words do in English, and real queries lose those to stop-word removal.
  const queryWord = () => {
    let w = zipf();
    while (vocab.indexOf(w) < 100) w = zipf();
    return w;
  };
  const query = (i: number) => (i % 4 === 0 ? `what does ${code()} mean ${queryWord()}` : Array.from({ length: 5 }, queryWord).join(' '));
  return { rnd, zipf, code, sentence, query };
}
