import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesCommand } from '../../../src/main/cli/commands/profiles';
import type { CliContext } from '../../../src/main/cli/command';
import { unwrap } from '../../../src/shared/result';
import { tempCore } from '../../helpers/tempCore';

let env: Awaited<ReturnType<typeof tempCore>>;
beforeAll(async () => (env = await tempCore()));
afterAll(() => env?.cleanup());

const run = async (positional: string[], flags: Record<string, string | true> = {}): Promise<string[]> => {
  const out: string[] = [];
  const ctx: CliContext = { core: env.core, args: { positional, flags }, json: false, out: (t) => void out.push(t), outJson: () => undefined };
  await profilesCommand.run(ctx);
  return out;
};

describe('cli: profiles (the local admin)', () => {
  it('adds profiles and recovers a locked-out admin by setting a new PIN', async () => {
    expect(await run(['add', 'Ana'])).toEqual(['added Ana (technician)']);
    await run(['pin', 'Admin', '4711']);
    const admin = unwrap(await env.core.api.access.profiles()).find((p) => p.role === 'admin')!;
    const seat = env.core.access.newSeat('web', 'x');
    for (let i = 0; i < 5; i++) await env.core.access.signIn(seat, admin.id, 'wrong').catch(() => undefined);
    await expect(env.core.access.signIn(seat, admin.id, '4711')).rejects.toThrow(/Too many wrong attempts/);
    expect(await run(['pin', 'admin', '2468'])).toEqual(['PIN set for Admin; failed attempts cleared']);
    expect((await env.core.access.signIn(seat, admin.id, '2468')).me).toMatchObject({ role: 'admin', adminUnlocked: true });
    expect((await run([])).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual(['Admin admin PIN set', 'Ana technician']);
  });
});
