import { basename, dirname, resolve } from 'node:path';
import { unwrap } from '../../../shared/result';
import { exportFormat } from '../../../shared/contract/export';
import { AppError } from '../../core/platform/errors';
import { stringFlag, type CliCommand } from '../command';

/** `export <id…> --format md|json|html|pdf --out <path>`: the folder of --out is the chosen target. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export sessions as Markdown, JSON, HTML or a PDF service report',
  usage: 'export <sessionId…> --format md|json|html|pdf --out <path> [--json]',
  async run(ctx) {
    const ids = ctx.args.positional;
    const format = exportFormat.safeParse(stringFlag(ctx.args, 'format') ?? 'pdf');
    const out = stringFlag(ctx.args, 'out');
    if (!ids.length || !format.success || !out) throw new AppError('INVALID_INPUT', `Usage: ${this.usage}`);
    const full = resolve(out);
    const r = unwrap(
      await ctx.core.call('export.run', { sessionIds: ids, format: format.data, outPath: basename(full), baseDir: dirname(full) })
    ) as { path: string; bytes: number; contentSha256: string };
    if (ctx.json) ctx.outJson(r);
    else ctx.out(`wrote ${r.path} (${r.bytes} bytes, content sha256 ${r.contentSha256})`);
    return 0;
  }
};
