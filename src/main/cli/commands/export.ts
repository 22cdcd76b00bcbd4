import { mkdir } from 'node:fs/promises';
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
    // The folder of --out is the chosen target; an explicit ".." walk is refused like in the app.
    if (out.split(/[\\/]/).includes('..')) throw new AppError('FORBIDDEN', 'The --out path must not contain "..".');
    const full = resolve(out);
    // The folder named on the command line is the user's choice: create it like `cp` users expect of `-o`.
    await mkdir(dirname(full), { recursive: true });
    const r = unwrap(await ctx.core.api.export.run({ sessionIds: ids, format: format.data, outPath: basename(full), baseDir: dirname(full) }));
    if (ctx.json) ctx.outJson(r);
    else ctx.out(`wrote ${r.path} (${r.bytes} bytes, content sha256 ${r.contentSha256})`);
    return 0;
  }
};
