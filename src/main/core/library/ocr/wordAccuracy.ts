/**
 * Word accuracy of OCR against the original text: the share of the original's words (case and
 * surrounding punctuation ignored) found in the recognised text, counted as a multiset so a word
 * that appears five times must be recognised five times. Used by bench:ocr and the OCR tests.
 */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

export function wordAccuracy(original: string, recognised: string): { total: number; found: number; accuracy: number } {
  const have = new Map<string, number>();
  for (const w of words(recognised)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = words(original);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return { total: want.length, found, accuracy: want.length ? found / want.length : 1 };
}
