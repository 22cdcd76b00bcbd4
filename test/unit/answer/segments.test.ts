import { describe, expect, it } from 'vitest';
import { segmentPage } from '../../../src/main/core/answer/segments';

const texts = (t: string) => segmentPage(t).map((s) => ({ kind: s.kind, text: t.slice(s.start, s.end), header: s.header }));

describe('page segmentation into answer units', () => {
  it('keeps a config block with its lead-in, and each config line on its own', () => {
    const page = 'Intro text here.\nTo log more, change the following line from:\n\nLogLevel normal\n\nto\n\nLogLevel verbose\n\nRestart the daemon.';
    const segs = texts(page);
    expect(segs).toContainEqual({ kind: 'code', text: 'To log more, change the following line from:\n\nLogLevel normal\n\nto\n\nLogLevel verbose', header: '' });
    expect(segs).toContainEqual({ kind: 'code', text: 'LogLevel verbose', header: '' });
    expect(segs.some((s) => s.text.startsWith('To log more') && s.text.endsWith('LogLevel normal'))).toBe(false);
  });

  it('cuts a table into rows that carry the header row; wrapped cells stay with their row', () => {
    const page = 'Track  Engage  Description\nOFF  OFF  No correction is performed.\nON  OFF  Correction is applied, but no commands are sent to\nthe radio.\n\nAfter the table.';
    const rows = texts(page).filter((s) => s.kind === 'row');
    expect(rows).toEqual([
      { kind: 'row', text: 'OFF  OFF  No correction is performed.', header: 'Track  Engage  Description' },
      { kind: 'row', text: 'ON  OFF  Correction is applied, but no commands are sent to\nthe radio.', header: 'Track  Engage  Description' }
    ]);
  });

  it('recognises option lines, numbered steps and sentences', () => {
    const page = '● -e Display extended ink information, including cartridge number.\n1. Read the release notes first.\n2. Reset all settings.\nThe pump stops. It restarts after five seconds (e.g. after a fault).';
    const segs = texts(page);
    expect(segs).toContainEqual({ kind: 'option', text: '-e Display extended ink information, including cartridge number.', header: '' });
    expect(segs).toContainEqual({ kind: 'step', text: '1. Read the release notes first.', header: '' });
    expect(segs).toContainEqual({ kind: 'sentence', text: 'It restarts after five seconds (e.g. after a fault).', header: '' });
  });

  it('leaves the printed page number at the top or bottom of the page out of every unit', () => {
    const page = 'iv\n\n11.4 Viewers\n\nInspectrum https://example.org/inspectrum\n• Capture analysis tool\nBaudline http://example.org/ (Can view data)\n\n\n35';
    const segs = texts(page);
    expect(segs.length).toBeGreaterThan(0);
    for (const s of segs) expect(s.text).not.toMatch(/(^|\n)(35|iv)$/m);
    // A number inside the page is content, not a page number.
    expect(texts('Set the limit to\n\n35\n\nThen restart the pump.')).toContainEqual(expect.objectContaining({ text: expect.stringContaining('35') }));
  });

  it('never returns a unit longer than 300 characters', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ') + ' ' + 'x'.repeat(10) + ' ' + Array.from({ length: 60 }, (_, i) => `more${i}`).join(' ') + '.';
    for (const s of segmentPage(long)) expect(s.end - s.start).toBeLessThanOrEqual(300);
  });

  it('takes a digit-free first row as the header over numeric rows, and keys ascending rows by range', () => {
    const page = 'Table 4.2. Filter presets by firmware date\n\nReleased from:  filter preset:\n2003-01-01  A\n2011-06-30  B\n2020-02-14  C\n\nAfter the table.';
    const rows = segmentPage(page).filter((s) => s.kind === 'row');
    expect(rows.map((r) => r.header)).toEqual(['Released from:  filter preset:', 'Released from:  filter preset:', 'Released from:  filter preset:']);
    expect(rows.map((r) => r.keyRange)).toEqual([
      [2003, 2011],
      [2011, 2020],
      [2020, Infinity]
    ]);
  });

  it('does not take a digit-free first row as the header when a row below it has no digits either', () => {
    const page = 'red  power on\ngreen  3 blinks\namber  charging\n\nAfter the table.';
    const rows = texts(page).filter((s) => s.kind === 'row');
    expect(rows.map((r) => r.text)).toEqual(['red  power on', 'green  3 blinks', 'amber  charging']);
  });

  it('uses a numbered caption a blank line above a header-less table; unordered keys get no ranges', () => {
    const page = 'Table 7. Jumper positions\n\n5  open  closed\n2  closed  open\n\nAfter the table.';
    const rows = segmentPage(page).filter((s) => s.kind === 'row');
    expect(rows.map((r) => r.header)).toEqual(['Table 7. Jumper positions', 'Table 7. Jumper positions']);
    expect(rows.every((r) => r.keyRange === undefined)).toBe(true);
  });

  it('also offers two back-to-back sentences of a paragraph as one unit, never across a blank line', () => {
    const page = 'The pump runs at 40 rpm by default. The highest speed is 90 rpm.\n\nA new paragraph starts here.';
    const segs = texts(page).filter((s) => s.kind === 'sentence');
    expect(segs).toContainEqual({ kind: 'sentence', text: 'The pump runs at 40 rpm by default. The highest speed is 90 rpm.', header: '' });
    expect(segs).toContainEqual({ kind: 'sentence', text: 'The highest speed is 90 rpm.', header: '' });
    expect(segs.some((s) => s.text.includes('90 rpm.') && s.text.includes('new paragraph'))).toBe(false);
  });

  it('gives each unit the heading above it on the page, numbered headings with small words included', () => {
    const page = 'Intro before any heading.\n\n3.1 Cleaning the Filter\n\nRinse the filter in warm water.\n\n3.2 Only if Necessary: Replacing the Pump Seal\n\nUnscrew the cover first.\n\n4 Pump heads\n\nEach head has its own limits.';
    const heads = Object.fromEntries(segmentPage(page).map((s) => [page.slice(s.start, s.end), s.heading]));
    expect(heads['Intro before any heading.']).toBeUndefined();
    expect(heads['Rinse the filter in warm water.']).toBe('3.1 Cleaning the Filter');
    expect(heads['Unscrew the cover first.']).toBe('3.2 Only if Necessary: Replacing the Pump Seal');
    expect(heads['Each head has its own limits.']).toBe('4 Pump heads');
    expect(Object.keys(heads)).not.toContain('3.2 Only if Necessary: Replacing the Pump Seal');
    expect(Object.keys(heads)).not.toContain('4 Pump heads');
  });

  it('does not glue the second half of an over-long sentence onto the command it introduces', () => {
    const words = Array.from({ length: 40 }, (_, i) => `clause${i}`).join(' ');
    const page = `Since release 2.0, you cannot pick the network backend for a local port; ${words} and the log then shows a line like the following:\nW [01/Jan/2020] open_port: invalid port-name 'lpt:/dev/port9'\nThe next paragraph.`;
    const units = texts(page);
    // The sentence is cut into windows; its later window starts mid-sentence and is no lead-in.
    const windows = segmentPage(page).filter((u) => u.kind === 'sentence' && u.start < page.indexOf('\nW ['));
    expect(windows.some((u) => u.midway)).toBe(true);
    const codes = units.filter((u) => u.kind === 'code');
    expect(codes.map((u) => u.text)).toContain("W [01/Jan/2020] open_port: invalid port-name 'lpt:/dev/port9'");
    expect(codes.every((u) => u.text.startsWith('W ['))).toBe(true);
  });

  it('still takes a whole short sentence ending with ":" as the lead-in of its command', () => {
    const page = 'To list the attached devices, run:\nscanctl --list\n';
    expect(texts(page).map((u) => u.text)).toContain('To list the attached devices, run:\nscanctl --list');
  });
});
