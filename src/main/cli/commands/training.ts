import { writeFile } from 'node:fs/promises';
import { unwrap } from '../../../shared/result';
import type { Attempt, Course } from '../../../shared/contract/training';
import { AppError } from '../../core/platform/errors';
import { stringFlag, type CliCommand, type CliContext } from '../command';

const USAGE = [
  'training courses',
  'training course create "<title>" [--description TEXT]',
  'training topic add --course ID --doc ID (--section "2 > 2.1" | --pages 12-14) [--title T] [--goal TEXT]',
  'training start <topic id or title> --as NAME',
  'training answer <attempt> "<answer>"',
  'training attempt <attempt>',
  'training progress [--as NAME] [--csv] [--pdf FILE]'
].join('\n       ');

/** `training …`: the whole guided-training flow from a shell (admin and technician sides). */
export const trainingCommand: CliCommand = {
  name: 'training',
  summary: 'Training courses on manual sections: create topics, take an attempt, print progress',
  usage: USAGE,
  needsModels: true,
  async run(ctx) {
    const [sub, ...rest] = ctx.args.positional;
    const api = ctx.core.api.training;
    switch (sub) {
      case 'courses': {
        const { items } = unwrap(await api.courses());
        if (ctx.json) ctx.outJson(items);
        else for (const c of items) printCourse(ctx, c);
        return 0;
      }
      case 'course': {
        if (rest[0] !== 'create') throw new AppError('INVALID_INPUT', `Usage: ${USAGE}`);
        const c = unwrap(await api.createCourse({ title: need(rest.slice(1).join(' ')), description: stringFlag(ctx.args, 'description') }));
        if (ctx.json) ctx.outJson(c);
        else ctx.out(`course ${c.id}  ${c.title}`);
        return 0;
      }
      case 'topic': {
        if (rest[0] !== 'add') throw new AppError('INVALID_INPUT', `Usage: ${USAGE}`);
        const pages = stringFlag(ctx.args, 'pages')?.split(/[-–]/).map(Number);
        const t = unwrap(
          await api.addTopic({
            courseId: need(stringFlag(ctx.args, 'course') ?? (await onlyCourse(ctx))),
            docId: need(stringFlag(ctx.args, 'doc')),
            section: stringFlag(ctx.args, 'section'),
            pageFrom: pages?.[0],
            pageTo: pages?.[1] ?? pages?.[0],
            title: stringFlag(ctx.args, 'title'),
            goal: stringFlag(ctx.args, 'goal'),
            instructions: stringFlag(ctx.args, 'instructions')
          })
        );
        if (ctx.json) ctx.outJson(t);
        else ctx.out(`topic ${t.id}  ${t.title}  (pages ${t.pageFrom}–${t.pageTo} of ${t.docTitle})`);
        return 0;
      }
      case 'start': {
        await modelsSettled(ctx);
        const topicId = await findTopic(ctx, need(rest.join(' ')));
        const a = unwrap(await api.start({ topicId, technician: need(stringFlag(ctx.args, 'as')) }));
        printAttempt(ctx, a);
        return 0;
      }
      case 'answer': {
        await modelsSettled(ctx);
        const a = unwrap(await api.answer({ attemptId: need(rest[0]), answer: need(rest.slice(1).join(' ')) }));
        printAttempt(ctx, a);
        return 0;
      }
      case 'attempt': {
        printAttempt(ctx, unwrap(await api.attempt({ id: need(rest[0]) })));
        return 0;
      }
      case 'progress': {
        const technician = stringFlag(ctx.args, 'as');
        const pdf = stringFlag(ctx.args, 'pdf');
        if (pdf) {
          const r = unwrap(await api.exportProgress({ technician, format: 'pdf' }));
          await writeFile(pdf, Buffer.from(r.base64, 'base64'));
          ctx.out(`wrote ${pdf}`);
          return 0;
        }
        if (ctx.args.flags.csv !== undefined) {
          const r = unwrap(await api.exportProgress({ technician, format: 'csv' }));
          ctx.out(Buffer.from(r.base64, 'base64').toString('utf8').trimEnd());
          return 0;
        }
        const { items } = unwrap(await api.progress({ technician }));
        if (ctx.json) ctx.outJson(items);
        else for (const r of items) ctx.out(`${r.technician.name.padEnd(16)} ${r.status.padEnd(11)} ${String(r.attempts).padStart(2)} attempt(s)  ${r.courseTitle} › ${r.topicTitle}`);
        return 0;
      }
      default:
        throw new AppError('INVALID_INPUT', `Usage: ${USAGE}`);
    }
  }
};

function printCourse(ctx: CliContext, c: Course): void {
  ctx.out(`${c.id}  ${c.title}`);
  for (const t of c.topics) ctx.out(`   ${t.id}  ${t.title}  (v${t.version}, pages ${t.pageFrom}–${t.pageTo} of ${t.docTitle})`);
}

function printAttempt(ctx: CliContext, a: Attempt): void {
  if (ctx.json) return ctx.outJson(a);
  ctx.out(`attempt ${a.id}  ${a.topicTitle}  ${a.technician.name}  ${a.status}  (${a.correct} correct, ${a.wrong} wrong)`);
  for (const q of a.questions) {
    ctx.out(`\nQ${q.n} [${q.level}] ${q.prompt}`);
    q.choices.forEach((c, i) => ctx.out(`   ${String.fromCharCode(65 + i)}) ${c}`));
    if (!q.answer) continue;
    ctx.out(`   your answer: ${q.answer.text} → ${q.answer.verdict.toUpperCase()} (${q.answer.grader})`);
    ctx.out(`   ${q.answer.explanation}`);
    ctx.out(`   source: ${q.citation.docTitle}, p. ${q.citation.pageLabel}: "${q.citation.quote.replace(/\s+/g, ' ').trim()}"`);
  }
  const label = (page: number) => a.questions.find((q) => q.citation.page === page)?.citation.pageLabel ?? String(page);
  if (a.status === 'failed') ctx.out(`\nRe-read pages: ${a.reread.map(label).join(', ')}`);
}

/** A topic by id, or by its (unique, case-insensitive) title. */
async function findTopic(ctx: CliContext, ref: string): Promise<string> {
  const topics = unwrap(await ctx.core.api.training.courses()).items.flatMap((c) => c.topics);
  const byId = topics.find((t) => t.id === ref);
  if (byId) return byId.id;
  const byTitle = topics.filter((t) => t.title.toLowerCase() === ref.toLowerCase());
  if (byTitle.length === 1) return byTitle[0].id;
  throw new AppError(byTitle.length ? 'INVALID_INPUT' : 'NOT_FOUND', byTitle.length ? `Several topics are titled "${ref}"; use the id.` : `No topic "${ref}".`);
}

async function onlyCourse(ctx: CliContext): Promise<string | undefined> {
  const { items } = unwrap(await ctx.core.api.training.courses());
  return items.length === 1 ? items[0].id : undefined;
}

/** A remembered chat model is being restored: questions should use it when it is there. */
async function modelsSettled(ctx: CliContext): Promise<void> {
  for (const job of ctx.core.jobs.list()) if (job.kind === 'models.load' && job.status === 'running') await ctx.core.jobs.wait(job.jobId);
}

function need(v: string | undefined): string {
  if (!v) throw new AppError('INVALID_INPUT', `Missing argument. Usage: ${USAGE}`);
  return v;
}
