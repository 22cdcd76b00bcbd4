import { describe, expect, it } from 'vitest';
import { segmentPage } from '../../../src/main/core/answer/segments';
import { boundValue, echoTokens, scoreSegment, urlShare } from '../../../src/main/core/answer/spanScore';
import { analyzeQuery } from '../../../src/main/core/search/queryAnalysis';
import { wordTokens } from '../../../src/main/core/search/textTerms';

/** The best-scoring unit of a page for a question (uniform term weights). */
function best(question: string, page: string): string {
  const query = analyzeQuery(question);
  const scored = segmentPage(page).map((seg) => scoreSegment(page, seg, { query, idf: () => 1, sectionStems: new Set() }));
  scored.sort((a, b) => b.score - a.score);
  return page.slice(scored[0].start, scored[0].end);
}

describe('answer-type match: a question word stated to be a value', () => {
  const page =
    'The servers rigctld and rotctld take the optional parameter -t 1234 or --port=1234 to allow the user to specify which TCP port the server should use.\n' +
    'The default port is 4532 for rigctld and 4533 for rotctld and you do not need to change that unless those ports are in use.';

  it('finds "<word> is <number>" right after a matched word, not a number the question gave', () => {
    const q = analyzeQuery('Which port do rigctld and rotctld use by default?');
    const body = 'The default port is 4532 for rigctld.';
    const at = body.indexOf('port');
    expect(boundValue(body, [[at, at + 4]], 0, q)).toBe(true);
    // "port" then a verb-less number: not a statement of the value.
    const other = 'Use --port=1234 to choose the TCP port.';
    const p2 = other.indexOf('port');
    expect(boundValue(other, [[p2, p2 + 4]], 0, q)).toBe(false);
    // The number is the question's own: it is not the asked-for value.
    const q2 = analyzeQuery('Is the default port 4532?');
    expect(boundValue(body, [[at, at + 4]], 0, q2)).toBe(false);
  });

  it('lets the sentence stating the default value win over one naming the same words without it', () => {
    expect(best('On which TCP ports do rigctld and rotctld listen by default?', page)).toMatch(/^The default port is 4532/);
  });

  it('does not apply to questions that do not ask for a value', () => {
    const q = analyzeQuery('Explain rigctld and rotctld ports');
    const segs = segmentPage(page);
    const ctx = { query: q, idf: () => 1, sectionStems: new Set<string>() };
    const qv = analyzeQuery('Which rigctld and rotctld ports?');
    const ctxV = { ...ctx, query: qv };
    const seg = segs.find((s) => page.slice(s.start, s.end).startsWith('The default port'))!;
    // Same matched words; only the value question gets the answer-type factor.
    expect(scoreSegment(page, seg, ctxV).score).toBeGreaterThan(scoreSegment(page, seg, ctx).score * 1.5);
  });
});

describe('cross-references', () => {
  it('measures how much of a unit is web addresses, wrapped ones included', () => {
    expect(urlShare('MTK Tips [http://www.gpspassion.com/fo-\nrumsen/topic.asp?TOPIC_ID=81990] and Logger [http://www.example.org/x]')).toBeGreaterThan(0.6);
    expect(urlShare('Set TMPDIR to another directory before starting long jobs.')).toBe(0);
  });

  it('a unit that is mostly links scores below a statement with the same matched words', () => {
    const page = 'See MTK logger download [http://www.example.org/mtk/logger/dl.html]\n\nThe MTK logger download keeps the points on the device.';
    const query = analyzeQuery('MTK logger download');
    const [link, statement] = segmentPage(page).map((seg) => scoreSegment(page, seg, { query, idf: () => 1, sectionStems: new Set() }).score);
    expect(link).toBeLessThan(statement * 0.8);
  });
});

describe('units that name a topic instead of stating something', () => {
  it('a title cut out as a sentence, or a lead-in trailing off with an ellipsis, loses to the statement', () => {
    const page = 'Pump Controller (P-20, P-30,...)\nThis pump can...\n\nThe P-20 pump controller restarts the pump after a dry-run fault.';
    expect(best('How does the P-20 pump controller restart the pump?', page)).toMatch(/^The P-20 pump controller restarts/);
  });

  it('a "label: value" line is a statement, not a title', () => {
    const query = analyzeQuery('pump speed');
    const ctx = { query, idf: () => 1, sectionStems: new Set<string>() };
    const score = (page: string) => scoreSegment(page, { kind: 'sentence', start: 0, end: page.length, header: '' }, ctx).score;
    expect(score('Pump Speed: 40 RPM')).toBeGreaterThan(score('Pump Speed 40 RPM') * 1.4);
  });

  it('an ellipsis after a space is an argument placeholder, not a lead-in', () => {
    const query = analyzeQuery('install packages into a library');
    const ctx = { query, idf: () => 1, sectionStems: new Set<string>() };
    const score = (page: string) => scoreSegment(page, { kind: 'sentence', start: 0, end: page.length, header: '' }, ctx).score;
    expect(score('To install packages into a library use pkg install -l lib name ...')).toBeGreaterThan(score('To install packages into a library use pkg install -l lib name...') * 1.5);
  });
});

describe('table rows looked up by a range of their key', () => {
  it('a number in the question selects the row whose range holds it', () => {
    const page = 'Table 4.2. Filter presets by firmware date\n\nReleased from:  filter preset:\n2003-01-01  A\n2011-06-30  B\n2020-02-14  C\n\nAfter the table.';
    expect(best('Which filter preset applies to firmware released in 2015?', page)).toBe('2011-06-30  B');
    expect(best('Which filter preset applies to firmware released in 2005?', page)).toBe('2003-01-01  A');
  });
});

describe('two-part questions', () => {
  it('the pair of sentences stating both asked-for values wins over either sentence alone', () => {
    const page = 'The pump runs at 40 rpm by default, set by the speed option. The highest speed option value is 90 rpm.\n\nOther text about the valve.';
    expect(best('What speed does the pump run at by default, and what is the highest value the speed option accepts?', page)).toBe(
      'The pump runs at 40 rpm by default, set by the speed option. The highest speed option value is 90 rpm.'
    );
  });
});

describe('echo of a quoted message: the unit repeating it restates the question', () => {
  const question = "The log says 'open_port: invalid port-name lpt9' after I picked the network backend for my local port. What is wrong?";
  const page =
    'Since release 2.0, you cannot pick the network backend for a local port; use the local backend instead.\n' +
    '\n' +
    'W [01/Jan/2020] open_port: invalid port-name lpt9\n';

  it('marks the unit words inside a run of three or more words of a quoted phrase, and only those', () => {
    const q = analyzeQuery(question);
    const body = 'W [01/Jan/2020] open_port: invalid port-name lpt9';
    const toks = wordTokens(body);
    const echo = [...echoTokens(toks, q)].map((i) => toks[i].word);
    expect(echo).toEqual(['open', 'port', 'invalid', 'port', 'name', 'lpt9']);
    // Words the question did not quote are never an echo, however long the shared run.
    const prose = wordTokens('you cannot pick the network backend for a local port');
    expect(echoTokens(prose, q).size).toBe(0);
  });

  it('lets the statement of the cause win over the line that repeats the quoted error', () => {
    expect(best(question, page)).toMatch(/^Since release 2\.0, you cannot pick the network backend/);
  });

  it('without a quoted message nothing is an echo', () => {
    const q = analyzeQuery('What does open_port invalid port-name lpt9 mean?');
    expect(echoTokens(wordTokens('open_port: invalid port-name lpt9'), q).size).toBe(0);
  });
});
