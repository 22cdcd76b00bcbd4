import { unwrap } from '../../../shared/result';
import type { JobSnapshot } from '../../../shared/contract/jobs';
import { documentStatus, importOutcome, ocrMode } from '../../../shared/contract/library';
import { enumFlag, listFlag, required, stringFlag, UsageError, type CliCommand } from '../command';
import { readPassword } from '../password';

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));

/** One status line per file: what happened to it, in words an admin understands. */
function statusLine(path: string, snap: JobSnapshot): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const r = importOutcome.safeParse(snap.result).data;
  if (snap.status === 'succeeded' && r) {
    return `${pad(r.outcome, 14)} ${pad(name, 36)} ${r.docId ?? ''}  ${r.message}`;
  }
  const code = snap.error?.code ?? snap.status;
  const label = code === 'NEEDS_PASSWORD' ? 'needs_password' : code === 'CANCELLED' ? 'cancelled' : 'failed';
  return `${pad(label, 14)} ${pad(name, 36)} ${code}: ${snap.error?.message ?? ''}`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import PDF files/folders into the library (waits for the jobs)',
  usage: 'import <paths…> [--models X,Y] [--tags a,b] [--lang en] [--revision R] [--ocr auto|off|force]',
  async run(ctx) {
    const paths = ctx.args.positional;
    const ocrFlag = stringFlag(ctx.args, 'ocr');
    const ocr = ocrFlag === undefined ? undefined : ocrMode.safeParse(ocrFlag).data;
    if (!paths.length) throw new UsageError('missing file or folder');
    if (ocrFlag !== undefined && ocr === undefined) throw new UsageError(`--ocr must be auto, off or force (not "${ocrFlag}")`);
    const metadata = {
      machineModels: listFlag(ctx.args, 'models'),
      tags: listFlag(ctx.args, 'tags'),
      language: stringFlag(ctx.args, 'lang'),
      revision: stringFlag(ctx.args, 'revision')
    };
    const started = unwrap(await ctx.core.api.library.import({ paths, metadata, ocr }));
    if (!started.files.length && !ctx.json) ctx.out('no PDF files found');
    const results: Array<{ path: string; job: JobSnapshot }> = [];
    for (const f of started.files) {
      const job = await ctx.core.jobs.wait(f.jobId);
      results.push({ path: f.path, job });
      if (!ctx.json) ctx.out(statusLine(f.path, job));
    }
    for (const s of started.skipped) if (!ctx.json) ctx.out(`${pad('skipped', 14)} ${pad(s.path, 36)} ${s.reason}`);
    // The batch ends with an index optimize job; exiting now would leave it half done.
    await ctx.core.library.optimizeSettled();
    const okOutcomes = new Set(['imported', 'needs_ocr', 'duplicate']);
    const allOk = results.every((r) => r.job.status === 'succeeded' && okOutcomes.has(importOutcome.safeParse(r.job.result).data?.outcome ?? ''));
    if (ctx.json) {
      ctx.outJson({
        files: results.map((r) => ({
          path: r.path,
          jobId: r.job.jobId,
          status: r.job.status,
          result: r.job.result ?? null,
          error: r.job.error ?? null
        })),
        skipped: started.skipped
      });
    }
    return allOk && started.files.length > 0 && !started.skipped.length ? 0 : 1;
  }
};

export const docsCommand: CliCommand = {
  name: 'docs',
  summary: 'List documents in the library',
  usage: 'docs [--status S] [--model X] [--tag T]',
  async run(ctx) {
    const filter = { status: enumFlag(ctx.args, 'status', documentStatus), machineModel: stringFlag(ctx.args, 'model'), tag: stringFlag(ctx.args, 'tag') };
    const docs = unwrap(await ctx.core.api.library.list(filter));
    if (ctx.json) ctx.outJson(docs);
    else {
      if (!docs.length) ctx.out('(library is empty)');
      for (const d of docs) {
        const meta = [d.machineModels.join(','), d.tags.join(','), d.language].filter(Boolean).join(' | ');
        ctx.out(`${d.id}  ${pad(d.status, 14)} ${String(d.pageCount).padStart(5)} p  ${pad(d.title, 44)} ${pad(d.fileName, 32)} ${meta}`);
      }
    }
    return 0;
  }
};

export const docCommand: CliCommand = {
  name: 'doc',
  summary: 'Show one document: metadata, status, quality report',
  usage: 'doc <id>',
  async run(ctx) {
    const id = required(ctx.args.positional[0], 'document id');
    const d = unwrap(await ctx.core.api.library.get({ id }));
    if (ctx.json) {
      ctx.outJson(d);
      return 0;
    }
    const q = d.quality;
    const lines: Array<[string, string]> = [
      ['id', d.id],
      ['title', d.title],
      ['file', `${d.fileName} (${d.bytes} bytes, sha256 ${d.sha256.slice(0, 12)}…)`],
      ['status', d.status + (d.statusDetail ? ` — ${d.statusDetail}` : '')],
      ['pages', `${d.pageCount} (labels ${d.pageLabels[0] ?? '-'} … ${d.pageLabels[d.pageLabels.length - 1] ?? '-'})`],
      ['chunks', String(d.chunkCount)],
      ['models', d.machineModels.join(', ') || '-'],
      ['tags', d.tags.join(', ') || '-'],
      ['language', d.language || '-'],
      ['revision', d.revision || '-'],
      ['outline', `${d.outline.length} top-level entries`],
      ['imported', d.importedAt]
    ];
    if (q) {
      const list = (a: unknown[]) => (a.length ? `${a.length}: ${a.slice(0, 20).join(', ')}${a.length > 20 ? ', …' : ''}` : '0');
      lines.push(['no text', list(q.pagesWithoutText)], ['image-only', list(q.imageOnlyPages)], ['near-empty', list(q.nearEmptyPages)]);
      lines.push(['garbled', list(q.garbledPages)], ['duplicates', list(q.duplicatePages.map(([a, b]) => `${a}=${b}`))], ['table-heavy', list(q.tableHeavyPages)]);
      if (q.ocr) {
        lines.push(['ocr pages', list(q.ocr.pages)], ['ocr conf.', q.ocr.meanConfidence === null ? '-' : `${q.ocr.meanConfidence}% mean`]);
        lines.push(['low conf.', list(q.ocr.lowConfidencePages)], ['ocr no text', list(q.ocr.noTextPages)], ['ocr failed', list(q.ocr.failedPages.map((f) => f.page))]);
        if (q.ocr.pendingPages.length) lines.push(['ocr pending', list(q.ocr.pendingPages)]);
      }
    }
    for (const [k, v] of lines) ctx.out(`${k.padEnd(12)} ${v}`);
    return 0;
  }
};

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'Delete a document (rows and stored file)',
  usage: 'delete <id>',
  async run(ctx) {
    const id = required(ctx.args.positional[0], 'document id');
    const r = unwrap(await ctx.core.api.library.delete({ id }));
    if (ctx.json) ctx.outJson(r);
    else ctx.out(r.deleted ? `deleted ${id}` : `no document ${id}`);
    return r.deleted ? 0 : 1;
  }
};

export const ocrCommand: CliCommand = {
  name: 'ocr',
  summary: 'Run OCR on a document (pages without a text layer; --force: every page); waits for the job',
  usage: 'ocr <docId> [--force]',
  async run(ctx) {
    const id = required(ctx.args.positional[0], 'document id');
    const mode = ctx.args.flags.force ? 'force' : 'auto';
    const { jobId } = unwrap(await ctx.core.api.library.ocr({ id, mode }));
    const job = await ctx.core.jobs.wait(jobId);
    await ctx.core.library.optimizeSettled();
    if (ctx.json) ctx.outJson({ jobId, status: job.status, result: job.result ?? null, error: job.error ?? null });
    else ctx.out(statusLine(id, job));
    return job.status === 'succeeded' && importOutcome.safeParse(job.result).data?.outcome === 'imported' ? 0 : 1;
  }
};

export const unlockCommand: CliCommand = {
  name: 'unlock',
  summary: 'Open a password-protected PDF (the password is used once, never stored); waits for the job',
  usage: 'unlock <docId> [--password-file FILE|-]   (without it: typed at the terminal, not echoed)',
  async run(ctx) {
    const id = required(ctx.args.positional[0], 'document id');
    const file = ctx.args.flags['password-file'];
    if (file === true) throw new UsageError('--password-file needs a file name (or - for stdin)');
    // Checked before asking for a password: typing one for a document that is not locked is pointless.
    const doc = unwrap(await ctx.core.api.library.get({ id }));
    if (doc.status !== 'needs_password') {
      const msg = `${doc.fileName} is not waiting for a password (status ${doc.status}).`;
      if (ctx.json) ctx.outJson({ ok: false, error: { code: 'CONFLICT', message: msg } });
      else ctx.out(msg);
      return 1;
    }
    if (file === undefined && !process.stdin.isTTY) throw new UsageError('no terminal to type the password in; give --password-file');
    const password = await readPassword(file);
    const { jobId } = unwrap(await ctx.core.api.library.unlock({ id, password }));
    const job = await ctx.core.jobs.wait(jobId);
    await ctx.core.library.optimizeSettled();
    if (ctx.json) ctx.outJson({ jobId, status: job.status, result: job.result ?? null, error: job.error ?? null });
    else ctx.out(job.error?.code === 'NEEDS_PASSWORD' ? `still locked    ${doc.fileName}  ${job.error.message}` : statusLine(doc.fileName, job));
    return job.status === 'succeeded' && importOutcome.safeParse(job.result).data?.outcome === 'imported' ? 0 : 1;
  }
};
