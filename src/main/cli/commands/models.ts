import { modelRole, type ModelInfo } from '../../../shared/contract/models';
import type { JobSnapshot } from '../../../shared/contract/jobs';
import { enumFlag, stringFlag, type CliCommand, type CliContext } from '../command';
import { unwrap } from '../../../shared/result';

const gb = (n: number): string => `${(n / 1024 ** 3).toFixed(2)} GB`;
const USAGE = [
  'models list | catalog | state',
  'models import <file.gguf> [--reference]',
  'models download <https-url|hf:user/repo:quant> [--sha256 HEX] [--file NAME]',
  'models estimate <id> [--ctx N]',
  'models load <id> [--role chat|embedding|ranking] [--ctx N]   (waits; remembered for next start)',
  'models unload <chat|embedding|ranking>',
  'models remove <id>',
  'models reembed'
].join('\n       ');

async function waitJob(ctx: CliContext, jobId: string): Promise<JobSnapshot> {
  let last = -1;
  const off = ctx.json
    ? () => {}
    : ctx.core.events.on('jobs.progress', (s) => {
        if (s.jobId !== jobId || !s.total) return;
        const pct = Math.floor((s.done / s.total) * 10) * 10;
        if (pct !== last) {
          last = pct;
          ctx.out(`  ${s.phase} ${pct}%`);
        }
      });
  try {
    return await ctx.core.jobs.wait(jobId);
  } finally {
    off();
  }
}

function printModels(ctx: CliContext, list: ModelInfo[]): void {
  if (!list.length) ctx.out('No models. Import a GGUF file: models import <file.gguf>');
  for (const m of list) ctx.out(`${m.id.padEnd(36)} ${m.kind.padEnd(9)} ${m.architecture.padEnd(10)} ${gb(m.bytes).padStart(9)}  ctx ${m.contextLength ?? '?'}  ${m.source}  ${m.path}`);
}

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'Manage local GGUF models (import, download, load, state)',
  usage: USAGE,
  async run(ctx) {
    const [sub, arg] = ctx.args.positional;
    const ctxSize = stringFlag(ctx.args, 'ctx') ? Number(stringFlag(ctx.args, 'ctx')) : undefined;
    const show = (value: unknown, text: () => void): number => {
      if (ctx.json) ctx.outJson(value);
      else text();
      return 0;
    };
    const finish = (snap: JobSnapshot, okText: string): number => {
      if (ctx.json) ctx.outJson(snap);
      else ctx.out(snap.status === 'succeeded' ? okText : `${snap.status}: ${snap.error?.code ?? ''} ${snap.error?.message ?? ''}`);
      return snap.status === 'succeeded' ? 0 : 1;
    };
    switch (sub) {
      case 'list': {
        const list = unwrap(await ctx.core.api.models.list());
        return show(list, () => printModels(ctx, list));
      }
      case 'catalog': {
        const list = unwrap(await ctx.core.api.models.catalog());
        return show(list, () => {
          for (const e of list) ctx.out(`${e.recommended ? '*' : ' '} ${e.kind.padEnd(9)} ${e.name.padEnd(38)} ~${gb(e.approxBytes)}  ${e.installed ? 'installed' : e.uri}`);
          ctx.out('* = recommended for this machine. Download with: models download <uri>');
        });
      }
      case 'state': {
        const s = unwrap(await ctx.core.api.models.state());
        return show(s, () => {
          for (const slot of s.slots) ctx.out(`${slot.role.padEnd(9)} ${slot.status.padEnd(8)} ${slot.modelId ?? '-'}${slot.contextSize ? ` ctx ${slot.contextSize}` : ''}${slot.error ? ` ${slot.error.code}: ${slot.error.message}` : ''}`);
          ctx.out(`embeddings: serving ${s.embeddings.servingModelId ?? '-'}, ${s.embeddings.embedded}/${s.embeddings.total}${s.embeddings.complete ? ' complete' : ''}; threads ${s.threads}; gpu ${s.gpu}`);
        });
      }
      case 'import': {
        if (!arg) break;
        const m = unwrap(await ctx.core.api.models.import({ path: arg, mode: ctx.args.flags.reference ? 'reference' : 'copy' }));
        return show(m, () => printModels(ctx, [m]));
      }
      case 'download': {
        if (!arg) break;
        const { jobId } = unwrap(await ctx.core.api.models.download({ uri: arg, sha256: stringFlag(ctx.args, 'sha256'), fileName: stringFlag(ctx.args, 'file') }));
        const snap = await waitJob(ctx, jobId);
        return finish(snap, `downloaded: ${JSON.stringify(snap.result)}`);
      }
      case 'estimate': {
        if (!arg) break;
        const e = unwrap(await ctx.core.api.models.estimate({ id: arg, contextSize: ctxSize }));
        return show(e, () => ctx.out(`${e.modelId}: context ${e.contextSize}, RAM ${gb(e.ramBytes)}, VRAM ${gb(e.vramBytes)} of ${gb(e.totalRamBytes)} — ${e.fits ? 'fits' : 'does NOT fit'}`));
      }
      case 'load': {
        if (!arg) break;
        const role = enumFlag(ctx.args, 'role', modelRole);
        const { jobId } = unwrap(await ctx.core.api.models.load({ id: arg, role, contextSize: ctxSize }));
        const snap = await waitJob(ctx, jobId);
        return finish(snap, `loaded ${arg}; it will be reloaded on the next start`);
      }
      case 'unload': {
        if (!arg) break;
        const r = unwrap(await ctx.core.api.models.unload({ role: modelRole.parse(arg) }));
        return show(r, () => ctx.out(r.unloaded ? `unloaded ${arg}` : `no ${arg} model was loaded`));
      }
      case 'remove': {
        if (!arg) break;
        const r = unwrap(await ctx.core.api.models.remove({ id: arg }));
        return show(r, () => ctx.out(r.removed ? `removed ${arg}` : `no model ${arg}`));
      }
      case 'reembed': {
        const { jobId } = unwrap(await ctx.core.api.models.reembed());
        const snap = await waitJob(ctx, jobId);
        return finish(snap, `embedded: ${JSON.stringify(snap.result)}`);
      }
    }
    ctx.out('usage: ' + USAGE);
    return 2;
  }
};
