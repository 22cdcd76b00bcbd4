import { describe, expect, it } from 'vitest';
import { parseArgs, type CliContext } from '../../../src/main/cli/command';
import { trainingCommand } from '../../../src/main/cli/commands/training';
import type { Attempt, Course } from '../../../src/shared/contract/training';
import { unwrap } from '../../../src/shared/result';
import { solveFromText } from './solveFromText';
import { sampleManualCore } from './trainingFlow';

/** `training …` commands run against a real core, the way `npm run cli -- training …` runs them. */
describe('CLI: training courses / course create / topic add / start / answer / progress', () => {
  const fx = sampleManualCore();

  async function cli(...argv: string[]): Promise<{ code: number; lines: string[]; json: unknown }> {
    const args = parseArgs(argv);
    const lines: string[] = [];
    let json: unknown;
    const ctx: CliContext = { core: fx.core, args, json: args.flags.json === true, out: (s) => lines.push(s), outJson: (v) => (json = v) };
    return { code: await trainingCommand.run(ctx), lines, json };
  }

  it('scripts the whole flow and prints progress as CSV', async () => {
    const created = await cli('course', 'create', 'X200 basics');
    expect(created.lines[0]).toMatch(/^course \S+ {2}X200 basics$/);
    const added = await cli('topic', 'add', '--doc', fx.docId, '--section', '2 > 2.2');
    expect(added.lines[0]).toMatch(/2\.2 Debug interface {2}\(pages 5–5 of X200 Service Manual\)$/);
    await cli('topic', 'add', '--doc', fx.docId, '--pages', '3-3', '--title', 'Safety page');
    const courses = (await cli('courses', '--json')).json as Course[];
    expect(courses[0].topics.map((x) => x.title)).toEqual(['2.2 Debug interface', 'Safety page']);

    let a = (await cli('start', '2.2 Debug interface', '--as', 'Ana', '--json')).json as Attempt;
    for (let i = 0; i < 2; i++) {
      const q = a.questions[a.questions.length - 1];
      const page = unwrap(await fx.core.api.library.pageText({ docId: fx.docId, page: q.citation.page }));
      a = (await cli('answer', a.id, solveFromText(q, page.text), '--json')).json as Attempt;
    }
    expect(a.status).toBe('passed');
    const shown = await cli('attempt', a.id);
    expect(shown.lines.join('\n')).toMatch(/→ CORRECT \(deterministic\)\n.*\n {3}source: X200 Service Manual, p\. 3: "/);

    let b = (await cli('start', 'Safety page', '--as', 'Ana', '--json')).json as Attempt;
    b = (await cli('answer', b.id, 'nothing', '--json')).json as Attempt;
    const failed = await cli('answer', b.id, 'nothing at all');
    expect(failed.lines.join('\n')).toContain('Re-read pages: 1');

    const csv = await cli('progress', '--csv');
    expect(csv.lines[0].split('\n').map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'technician,course,topic,status,attempts',
      'Ana,X200 basics,2.2 Debug interface,passed,1',
      'Ana,X200 basics,Safety page,failed,1'
    ]);
    await expect(cli('start', 'No such topic', '--as', 'Ana')).rejects.toThrow(/No topic/);
  }, 60_000);
});
