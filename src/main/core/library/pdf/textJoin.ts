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
  let out = '';
  let lastX: number | undefined; // right edge of the previous item on the current line
  let lastY: number | undefined;
  let lastH = 0;
  const newline = () => {
    out = out.replace(/[ \t]+$/, '');
    if (out.length) out += '\n';
    lastX = undefined;
  };
  for (const it of items) {
    const str = it.str.replace(/\u0000/g, '');
    const x = it.transform[4];
    const y = it.transform[5];
    const h = Math.abs(it.height) || Math.hypot(it.transform[2], it.transform[3]) || lastH || 10;
    if (str.length > 0) {
      if (lastY !== undefined && lastX !== undefined && Math.abs(y - lastY) > Math.max(h, lastH) * 0.6) {
        newline();
        if (Math.abs(lastY - y) > Math.max(h, lastH) * 1.9) out += '\n';
      } else if (lastX === undefined && lastY !== undefined && out.endsWith('\n') && Math.abs(lastY - y) > Math.max(h, lastH) * 1.9) {
        out += '\n'; // a tall vertical gap between lines: paragraph break for the chunker
      } else if (lastX !== undefined) {
        const gap = x - lastX;
        const prevSpace = /\s$/.test(out);
        const nextSpace = /^\s/.test(str);
        if (gap > Math.max(h, lastH) * 1.5) out = out.replace(/[ \t]+$/, '') + '  ';
        else if (gap > Math.max(h, lastH) * 0.12 && !prevSpace && !nextSpace) out += ' ';
        else if (gap < -Math.max(h, lastH) && !prevSpace && !nextSpace) out += ' '; // moved back left on the same line
      }
      out += str;
      lastX = x + it.width;
      lastY = y;
      lastH = h;
    }
    if (it.hasEOL) newline();
  }
  return tidyPageText(out);
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
