import { resolve } from 'node:path';
import type { z } from 'zod';
import { backupInfo, packExportResult, packImportResult, type PackPreview } from '../../../shared/contract/backup';
import type { Core } from '../../core/createCore';
import { restoreBackup, verifyBackup } from '../../core/backup/restore';
import { AppError } from '../../core/platform/errors';
import { listFlag, required, stringFlag, UsageError, type BareCliContext, type CliCommand, type CliContext } from '../command';
import { unwrap } from '../../../shared/result';

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** Prints "phase 42% (12.0 MB of 28.5 MB)" lines to stderr as a job advances (every 10%). */
function followJob(core: Core, jobId: string, quiet: boolean): () => void {
  let shown = -1;
  return core.events.on('jobs.progress', (s) => {
    if (quiet || s.jobId !== jobId || !s.total) return;
    const pct = Math.floor((100 * s.done) / s.total / 10) * 10;
    if (pct === shown) return;
    shown = pct;
    const bytes = s.total > 4096 ? ` (${mb(s.done)} of ${mb(s.total)})` : '';
    process.stderr.write(`${s.phase} ${pct}%${bytes}\n`);
  });
}

/** Waits for the job and reads its result through the contract's schema (a job's result is untyped on the wire). */
async function finish<S extends z.ZodType>(ctx: CliContext, jobId: string, result: S): Promise<z.infer<S>> {
  const off = followJob(ctx.core, jobId, ctx.json);
  const snap = await ctx.core.jobs.wait(jobId);
  off();
  if (snap.status !== 'succeeded') throw new AppError(snap.error?.code ?? 'INTERNAL', snap.error?.message ?? snap.status);
  return result.parse(snap.result);
}

/** `backup create|verify|restore`: verify and restore run before any core opens the folder. */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Back up the data folder to one .tar, verify a backup, or restore one',
  usage: 'backup create [--out FILE] [--with-models] | verify FILE | restore FILE [--force]',
  async beforeCore(ctx: BareCliContext) {
    const [sub, file] = ctx.args.positional;
    if (sub === 'verify') {
      const m = await verifyBackup(resolve(required(file, 'backup file')));
      if (ctx.json) ctx.outJson({ ok: true, head: m.head, files: m.files.length });
      else ctx.out(`OK: ${m.files.length} files verified (sha256); ${m.head.documents} documents, made by Benchmate ${m.head.appVersion} on ${m.head.createdAt}`);
      return 0;
    }
    if (sub === 'restore') {
      const r = await restoreBackup(resolve(required(file, 'backup file')), resolve(ctx.dataDir), { force: ctx.args.flags.force === true });
      if (ctx.json) ctx.outJson(r);
      else ctx.out(`restored ${r.files} files (${r.documents} documents, backup of ${r.createdAt}) into ${r.dataDir}${r.replaced ? ' (the previous data was replaced)' : ''}`);
      return 0;
    }
    if (sub !== 'create') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
    return undefined;
  },
  async run(ctx) {
    const out = stringFlag(ctx.args, 'out');
    const job = ctx.core.backup.create({ out: out ? resolve(out) : undefined, withModels: ctx.args.flags['with-models'] === true });
    const r = await finish(ctx, job.jobId, backupInfo);
    if (ctx.json) ctx.outJson(r);
    else ctx.out(`backup written: ${r.path} (${mb(r.bytes)}, ${r.files} files, ${r.documents} documents)`);
    return 0;
  }
};

function printPreview(ctx: CliContext, p: PackPreview): void {
  for (const c of p.changes) ctx.out(`${c.action.padEnd(8)} ${c.docId}  ${c.title}${c.revision ? ` (rev ${c.revision})` : ''}  ${c.reason}`);
  ctx.out(p.vectors.detail);
}

/** `pack export|import` */
export const packCommand: CliCommand = {
  name: 'pack',
  summary: 'Export selected documents as a knowledge pack, or import one (no PDF parsing)',
  usage: 'pack export --out FILE [--models X,Y] [--tags a,b] [--docs ID,ID] | pack import FILE [--dry-run] [--yes]',
  async run(ctx) {
    const [sub, file] = ctx.args.positional;
    if (sub === 'export') {
      const sel = { machineModels: listFlag(ctx.args, 'models'), tags: listFlag(ctx.args, 'tags'), docIds: listFlag(ctx.args, 'docs') };
      const started = unwrap(await ctx.core.api.pack.export({ ...sel, out: resolve(required(stringFlag(ctx.args, 'out'), '--out FILE')) }));
      const r = await finish(ctx, started.jobId, packExportResult);
      if (ctx.json) ctx.outJson(r);
      else ctx.out(`pack written: ${r.path} (${mb(r.bytes)}, ${r.documents} documents)`);
      return 0;
    }
    if (sub === 'import') {
      const path = resolve(required(file, 'pack file'));
      const preview = unwrap(await ctx.core.api.pack.preview({ path }));
      if (ctx.args.flags['dry-run'] === true) {
        if (ctx.json) ctx.outJson(preview);
        else printPreview(ctx, preview);
        return 0;
      }
      const replace = ctx.args.flags.yes === true;
      const started = unwrap(await ctx.core.api.pack.import({ path, replace }));
      const r = await finish(ctx, started.jobId, packImportResult);
      await ctx.core.library.optimizeSettled();
      if (ctx.json) ctx.outJson(r);
      else {
        printPreview(ctx, r);
        ctx.out(`added ${r.added}, replaced ${r.replaced}, skipped ${r.skipped}`);
        const pending = r.changes.filter((c) => c.action === 'replace').length - r.replaced;
        if (pending) ctx.out(`${pending} newer revision(s) were not applied: run again with --yes to replace the older documents`);
      }
      return 0;
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
  }
};

/** `retention [--dry-run]`: apply the session retention setting now. */
export const retentionCommand: CliCommand = {
  name: 'retention',
  summary: 'Delete sessions older than the retention setting now (--dry-run lists them)',
  usage: 'retention [--dry-run]',
  async run(ctx) {
    const dryRun = ctx.args.flags['dry-run'] === true;
    const r = unwrap(await ctx.core.api.sessions.retention({ dryRun }));
    if (ctx.json) ctx.outJson(r);
    else if (r.retentionDays === null) ctx.out('retention is off (settings: sessions.retentionDays)');
    else {
      ctx.out(`${dryRun ? 'would delete' : 'deleted'} ${r.sessions.length} session(s) not updated for ${r.retentionDays} days (pinned sessions are kept)`);
      for (const s of r.sessions) ctx.out(`  ${s.id}  ${s.updatedAt.slice(0, 10)}  ${s.title}`);
    }
    return 0;
  }
};
