import type { Handlers } from '../../../shared/contract';
import type { AuditLog } from '../audit/auditLog';
import { auditCsv } from '../audit/auditLog';
import type { AccessService } from './accessService';

type AccessHandlers = Pick<
  Handlers,
  | 'access.status'
  | 'access.signIn'
  | 'access.resume'
  | 'access.signOut'
  | 'access.unlock'
  | 'access.lock'
  | 'access.profiles'
  | 'access.createProfile'
  | 'access.updateProfile'
  | 'access.deleteProfile'
  | 'access.configure'
  | 'audit.list'
  | 'audit.export'
>;

export function accessHandlers(access: AccessService, audit: AuditLog): AccessHandlers {
  return {
    'access.status': async (_i, ctx) => access.status(access.seat(ctx.seatId)),
    'access.signIn': ({ profileId, secret }, ctx) => access.signIn(access.seat(ctx.seatId), profileId, secret),
    'access.resume': async ({ token }, ctx) => access.resume(access.seat(ctx.seatId), token),
    'access.signOut': async (_i, ctx) => access.signOut(access.seat(ctx.seatId)),
    'access.unlock': ({ pin }, ctx) => access.unlock(access.seat(ctx.seatId), pin),
    'access.lock': async (_i, ctx) => access.lock(access.seat(ctx.seatId)),
    'access.profiles': async () => access.profiles(),
    'access.createProfile': (input, ctx) => access.createProfile(access.seat(ctx.seatId), input),
    'access.updateProfile': (input, ctx) => access.updateProfile(access.seat(ctx.seatId), input),
    'access.deleteProfile': async ({ id }, ctx) => ({ deleted: await access.deleteProfile(access.seat(ctx.seatId), id) }),
    'access.configure': (input, ctx) => access.configure(access.seat(ctx.seatId), input),
    'audit.list': async (input) => {
      const { entries } = await audit.read();
      const matching = entries.filter((e) => !input?.action || e.action === input.action).reverse();
      const offset = input?.offset ?? 0;
      return { items: matching.slice(offset, offset + (input?.limit ?? 100)), total: matching.length };
    },
    'audit.export': async (input) => {
      const { entries } = await audit.read();
      const stamp = new Date().toISOString().slice(0, 10);
      return input?.format === 'jsonl'
        ? { fileName: `benchmate-audit-${stamp}.jsonl`, mimeType: 'application/x-ndjson', text: entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '') }
        : { fileName: `benchmate-audit-${stamp}.csv`, mimeType: 'text/csv', text: auditCsv(entries) };
    }
  };
}
