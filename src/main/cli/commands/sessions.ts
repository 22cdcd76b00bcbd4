import { callCore } from './callCore';
import type { SessionDetail, SessionSearchHit, SessionSummary } from '../../../shared/contract/sessions';
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
        const r = (await callCore(core, 'sessions.list', { limit })) as { items: SessionSummary[]; total: number };
        if (ctx.json) ctx.outJson(r);
        else {
          ctx.out(`${r.total} session(s)`);
          for (const s of r.items)
            ctx.out(`${s.pinned ? '*' : ' '} ${s.id}  ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.messageCount).padStart(3)} msg  ${s.title}`);
        }
        return 0;
      }
      case 'show': {
        const s = (await callCore(core, 'sessions.get', { id: need(rest[0]) })) as SessionDetail;
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
        const hits = (await callCore(core, 'sessions.search', { text: need(rest.join(' ')) })) as SessionSearchHit[];
        if (ctx.json) ctx.outJson(hits);
        else for (const h of hits) ctx.out(`${h.sessionId}  ${h.role.padEnd(9)} ${h.snippet}`);
        return 0;
      }
      case 'delete': {
        const r = (await callCore(core, 'sessions.delete', { id: need(rest[0]) })) as { deleted: boolean };
        if (ctx.json) ctx.outJson(r);
        else ctx.out(r.deleted ? 'deleted' : 'no such session');
        return r.deleted ? 0 : 1;
      }
      case 'gaps': {
        const r = (await callCore(core, 'export.gaps', {})) as { groups: unknown[]; csv: string };
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
