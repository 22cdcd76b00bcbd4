/**
 * Finds out whether a text-less page paints images (a scan) without decoding them.
 *
 * pdf.js has no "does this page paint an image" query; its operator list tells, but building it
 * decodes every image in JavaScript: a 200-dpi scanned page took ~150 ms, so merely classifying
 * a 700-page scanned manual as "needs OCR" took minutes. With `maxImageSize: 1` pdf.js drops each
 * image before decoding it and reports that only as a warning ("Image exceeded maximum allowed
 * size and was removed."), so the worker counts those warnings instead: ~1 ms a page.
 *
 * Installed only inside the parse worker (whose console is its own): it swallows pdf.js'
 * "Warning: …" lines, which the worker never showed anyway (verbosity 0 before this probe).
 */

const REMOVED_IMAGE = 'Image exceeded maximum allowed size';

export interface ImageProbe {
  /** pdf.js options that make it skip image decoding and report skipped images. */
  readonly pdfOptions: { maxImageSize: number; verbosity: number };
  /** Images pdf.js dropped so far (compare before/after building one page's operator list). */
  removedImages(): number;
}

export function installImageProbe(target: Pick<Console, 'warn'> = console): ImageProbe {
  let removed = 0;
  const original = target.warn.bind(target);
  target.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith('Warning: ')) {
      if (first.includes(REMOVED_IMAGE)) removed++;
      return; // other pdf.js warnings: as quiet as verbosity 0 was
    }
    original(...args);
  };
  // verbosity 1 = pdf.js' WARNINGS level, the lowest at which it reports dropped images.
  return { pdfOptions: { maxImageSize: 1, verbosity: 1 }, removedImages: () => removed };
}
