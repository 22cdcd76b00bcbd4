/**
 * Joins pdf.js text items into page text. pdf.js splits runs at font changes, so `-6`, `°`,
 * `to -12`, `°` arrive as separate items; joining them with spaces breaks numbers, units and
 * identifiers (`-6 °`). Instead: a newline where pdf.js says the line ends (`hasEOL`) or the
 * baseline moves, a space only where items are horizontally apart, two spaces for a wide gap
 * (table columns: the chunker and the table heuristic recognise rows by them).
 */

export interface TextItemLike {
  str: string;
  /** [a, b, c, d, e, f]: e/f = origin in PDF user space (y grows upwards). */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export function joinTextItems(items: readonly TextItemLike[]): string {
  // Finished lines and the current line are kept apart so trimming/lookbehind only ever touches
  // one short line (regexes over the whole growing page text made this quadratic).
  let done = '';
  let line = '';
  let lastX: number | undefined; // right edge of the previous visible item on the current line
  let lastY: number | undefined;
  let lastH = 0;
  let pendingSpace = false; // pdf.js emitted a whitespace item between two runs
  const newline = () => {
    done += line.replace(/[ \t]+$/, '');
    line = '';
    if (done.length) done += '\n';
    lastX = undefined;
    pendingSpace = false;
  };
  const endsWithSpace = () => /\s$/.test(line || done);
  for (const it of items) {
    const str = it.str.replace(/\u0000/g, '');
    if (!str.trim()) {
      // Whitespace items carry bogus geometry (zero height, gap-sized width): measure gaps
      // between visible items instead, and only remember that a space was there.
      if (str.length) pendingSpace = true;
      if (it.hasEOL) newline();
      continue;
    }
    const x = it.transform[4];
    const y = it.transform[5];
    const h = Math.abs(it.height) || Math.hypot(it.transform[2], it.transform[3]) || lastH || 10;
    const em = Math.max(h, lastH);
    if (lastY !== undefined && lastX !== undefined && Math.abs(y - lastY) > em * 0.6) {
      newline();
      if (Math.abs(lastY - y) > em * 1.9) done += '\n'; // tall vertical gap: paragraph break
    } else if (lastX === undefined && lastY !== undefined && !line && done.endsWith('\n') && Math.abs(lastY - y) > em * 1.9) {
      done += '\n';
    } else if (lastX !== undefined) {
      const gap = x - lastX;
      const glued = endsWithSpace() || /^\s/.test(str);
      if (gap > em * 1.2) line = line.replace(/[ \t]+$/, '') + '  ';
      else if (!glued && (pendingSpace || gap > em * 0.12 || gap < -em)) line += ' ';
    }
    line += str;
    pendingSpace = false;
    lastX = x + it.width;
    lastY = y;
    lastH = h;
    if (it.hasEOL) newline();
  }
  return tidyPageText(done + line);
}

/** Trailing spaces off every line, no more than one blank line in a row, no leading/trailing blank lines. */
export function tidyPageText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}
