const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text for pdfkit's standard fonts (Helvetica and co.), which only encode WinAnsi: other
 * characters would print as garbage, so they become '?'.
 */
export const toWinAnsi = (t: string): string => [...t].map((c) => (c.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.has(c) ? c : '?')).join('');
