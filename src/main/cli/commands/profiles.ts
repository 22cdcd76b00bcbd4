import { AppError } from '../../core/platform/errors';
import { unwrap } from '../../../shared/result';
import type { CliCommand, CliContext } from '../command';

/**
 * Profiles from the command line. The CLI is the local admin (whoever can run it can read the data
 * folder anyway), so this is also how a workshop recovers a forgotten admin PIN or a lock-out:
 * `profiles pin Admin <new PIN>` sets the PIN and clears the failed attempts.
 */
export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'List profiles; add one; set a PIN/code (recovers a forgotten PIN or a lock-out)',
  usage: 'profiles [--json] | profiles add <name> [--role technician|admin] [--pin P] [--code C] | profiles pin <name> <PIN or code>',
  async run(ctx) {
    const [sub, name, secret] = ctx.args.positional;
    const api = ctx.core.api;
    if (!sub) return list(ctx);
    if (sub === 'add' && name) {
      const role = ctx.args.flags.role === 'admin' ? 'admin' : 'technician';
      const pin = typeof ctx.args.flags.pin === 'string' ? ctx.args.flags.pin : undefined;
      const code = typeof ctx.args.flags.code === 'string' ? ctx.args.flags.code : undefined;
      const p = unwrap(await api.access.createProfile({ name, role, ...(pin ? { pin } : {}), ...(code ? { code } : {}) }));
      ctx.out(`added ${p.name} (${p.role})`);
      return 0;
    }
    if (sub === 'pin' && name && secret) {
      const p = unwrap(await api.access.profiles()).find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!p) throw new AppError('NOT_FOUND', `No profile named "${name}".`);
      unwrap(await api.access.updateProfile(p.role === 'admin' ? { id: p.id, pin: secret } : { id: p.id, code: secret }));
      ctx.out(`${p.role === 'admin' ? 'PIN' : 'code'} set for ${p.name}; failed attempts cleared`);
      return 0;
    }
    throw new AppError('INVALID_INPUT', `Usage: ${profilesCommand.usage}`);
  }
};

async function list(ctx: CliContext): Promise<number> {
  const profiles = unwrap(await ctx.core.api.access.profiles());
  if (ctx.json) ctx.outJson(profiles);
  else for (const p of profiles) ctx.out(`${p.name.padEnd(24)} ${p.role.padEnd(11)} ${p.role === 'admin' ? (p.hasPin ? 'PIN set' : 'no PIN (open mode)') : p.hasCode ? 'code set' : ''}`);
  return 0;
}
