import { unwrap } from '../../../shared/result';
import type { CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Version, platform and data folders',
  usage: 'info [--json]',
  async run(ctx) {
    const info = unwrap(await ctx.core.api.app.info());
    if (ctx.json) ctx.outJson(info);
    else {
      ctx.out(`${info.name} ${info.version} (${info.platform}/${info.arch}, node ${info.nodeVersion})`);
      for (const [k, v] of Object.entries(info.paths)) ctx.out(`  ${k.padEnd(9)} ${v}`);
    }
    return 0;
  }
};

export const healthCommand: CliCommand = {
  name: 'health',
  summary: 'Status of each core component',
  usage: 'health [--json]',
  async run(ctx) {
    const h = unwrap(await ctx.core.api.app.health());
    if (ctx.json) ctx.outJson(h);
    else {
      ctx.out(`overall: ${h.status}`);
      for (const c of h.components) ctx.out(`  ${c.name.padEnd(16)} ${c.status.padEnd(9)} ${c.detail}`);
    }
    return h.status === 'error' ? 1 : 0;
  }
};
