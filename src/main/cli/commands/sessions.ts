import { unwrap } from '../../../shared/result';
import { AppError } from '../../core/platform/errors';
import { stringFlag, type CliCommand } from '../command';

/** `sessions [list|show ID|search TEXT|delete ID|gaps [--csv]]` */
export const sessionsCommand: CliCommand = {
  name: 'sessions',
  summary: 'List, show, search or delete chat sessions; "gaps" prints the documentation-gap report',
  usage: 'sessions [list [--limit N] | show ID | search TEXT | delete ID | gaps [--csv]] [--json]',
  async run(ctx) {
    const [sub = 'list', ...rest] = ctx.args.positional;
    const { core } = ctx;
    switch (sub) {
      case 'list': {
        const limit = Number(stringFlag(ctx.args, 'limit') ?? 50);
        const r = unwrap(await core.api.sessions.list({ limit }));
        if (ctx.json) ctx.outJson(r);
        else {
          ctx.out(`${r.total} session(s)`);
          for (const s of r.items)
            ctx.out(`${s.pinned ? '*' : ' '} ${s.id}  ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.messageCount).padStart(3)} msg  ${s.title}`);
        }
        return 0;
      }
      case 'show': {
        const s = unwrap(await core.api.sessions.get({ id: need(rest[0]) }));
        if (ctx.json) ctx.outJson(s);
        else {
          ctx.out(`${s.title}  (${s.id})`);
          for (const m of s.messages) {
            ctx.out(`\n${m.role === 'user' ? 'Q' : 'A'}: ${m.text}`);
            for (const c of m.sources) ctx.out(`   [${c.n}] ${c.docTitle}, p. ${c.pageLabel}${c.sectionPath ? ` — ${c.sectionPath}` : ''}`);
          }
        }
        return 0;
      }
      case 'search': {
        const hits = unwrap(await core.api.sessions.search({ text: need(rest.join(' ')) }));
        if (ctx.json) ctx.outJson(hits);
        else for (const h of hits) ctx.out(`${h.sessionId}  ${h.role.padEnd(9)} ${h.snippet}`);
        return 0;
      }
      case 'delete': {
        const r = unwrap(await core.api.sessions.delete({ id: need(rest[0]) }));
        if (ctx.json) ctx.outJson(r);
        else ctx.out(r.deleted ? 'deleted' : 'no such session');
        return r.deleted ? 0 : 1;
      }
      case 'gaps': {
        const r = unwrap(await core.api.export.gaps({}));
        if (ctx.args.flags.csv === true || ctx.args.flags.csv === 'true') process.stdout.write(r.csv);
        else if (ctx.json) ctx.outJson(r.groups);
        else ctx.out(r.csv);
        return 0;
      }
      default:
        throw new AppError('INVALID_INPUT', `Unknown sessions subcommand "${sub}".`);
    }
  }
};

function need(v: string | undefined): string {
  if (!v) throw new AppError('INVALID_INPUT', 'Missing argument.');
  return v;
}
