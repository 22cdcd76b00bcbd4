import { unwrap } from '../../../shared/result';
import { missingTermsLine } from '../../core/chat/answerTemplates';
import { listFlag, required, stringFlag, type CliCommand } from '../command';

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Ranked pages for a question (lanes, evidence strength)',
  usage: 'search <text…> [--limit N] [--doc ID,ID] [--models X,Y] [--tags a,b] [--lang en]',
  async run(ctx) {
    const text = required(ctx.args.positional.join(' ').trim(), 'search text');
    const limit = Number(stringFlag(ctx.args, 'limit') ?? 10);
    const filters = {
      documentIds: listFlag(ctx.args, 'doc'),
      machineModels: listFlag(ctx.args, 'models'),
      tags: listFlag(ctx.args, 'tags'),
      language: stringFlag(ctx.args, 'lang')
    };
    const r = unwrap(await ctx.core.api.search.query({ text, limit, filters }));
    if (ctx.json) {
      ctx.outJson(r);
      return 0;
    }
    const e = r.evidence;
    ctx.out(`evidence ${e.strength.toFixed(2)} (threshold ${e.threshold})${e.belowThreshold ? '  — probably NOT in the manuals' : ''}   lanes: ${r.lanes.join(', ')}   ${r.tookMs} ms`);
    const missing = missingTermsLine(r.missing);
    if (missing) ctx.out(missing);
    r.passages.forEach((p, i) => {
      const lanes = Object.entries(p.lanes)
        .map(([k, v]) => `${k}#${v!.rank}`)
        .join(' ');
      const label = p.pageLabel !== String(p.page) ? ` (printed ${p.pageLabel})` : '';
      ctx.out(`${String(i + 1).padStart(2)}. ${p.fileName || p.docTitle} p${p.page}${label}  ${p.sectionPath}  [${lanes}]`);
      const hl = p.text.slice(p.highlight.charStart - p.charStart, p.highlight.charEnd - p.charStart).replace(/\s+/g, ' ');
      ctx.out(`    ${hl.slice(0, 200)}`);
    });
    return 0;
  }
};
