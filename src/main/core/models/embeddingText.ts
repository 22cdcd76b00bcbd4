/** How text is shaped for an embedding model: the chunk text, the model's query/document prefixes, unit vectors. */

/** The text a chunk is embedded as: title and section give short chunks their context. */
export const embeddingText = (c: { docTitle: string; sectionPath: string; text: string }): string =>
  [c.docTitle, c.sectionPath].filter(Boolean).join(' — ') + '\n' + c.text;

/**
 * Asymmetric retrieval models were trained with fixed prefixes on queries (and for some, on
 * documents); leaving them out costs a lot of recall. Matched on the model's name/file name.
 */
export function embeddingPrefixes(modelName: string): { query: string; document: string } {
  const n = modelName.toLowerCase();
  if (n.includes('nomic')) return { query: 'search_query: ', document: 'search_document: ' };
  if (/\be5\b|[-_]e5[-_]/.test(n)) return { query: 'query: ', document: 'passage: ' };
  if (n.includes('bge') && !n.includes('m3')) return { query: 'Represent this sentence for searching relevant passages: ', document: '' };
  return { query: '', document: '' };
}

/** Unit length, so cosine similarity is a dot product. */
export function normalize(v: readonly number[]): number[] {
  let n = 0;
  for (const x of v) n += x * x;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * s);
}
