/**
 * pdf.js' legacy build (the one pdf-parse loads in Node) ships core-js polyfills and, on V8,
 * force-replaces Array.prototype.push with a much slower JS version (it guards an edge case for
 * arrays longer than 2^32 that pdf.js never reaches). The parse worker imports this module
 * before pdf-parse and puts the native push back afterwards: ~10-15% faster extraction.
 * Only done inside the worker thread, whose globals are its own.
 */
const nativePush = Array.prototype.push;

export function restoreNativePush(): void {
  if (Array.prototype.push !== nativePush) Array.prototype.push = nativePush;
}
