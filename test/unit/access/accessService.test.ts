import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessStore } from '../../../src/main/core/access/accessStore';
import { AccessService } from '../../../src/main/core/access/accessService';
import { blockFor, MAX_FREE_ATTEMPTS } from '../../../src/main/core/access/attempts';
import { hashSecret, verifySecret } from '../../../src/main/core/access/secretHash';
import { AppError } from '../../../src/shared/result';

const nullLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => nullLogger } as never;

let dir: string;
let clock: number;
const now = (): number => clock;

async function open(): Promise<{ store: AccessStore; access: AccessService }> {
  const store = new AccessStore(join(dir, 'access.json'), nullLogger);
  await store.open();
  return { store, access: new AccessService({ store, logger: nullLogger, now }) };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'benchmate-access-'));
  clock = Date.parse('2026-12-01T08:00:00Z');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('secret hashing', () => {
  it('stores scrypt hashes that verify only the right PIN, salted (two hashes of one PIN differ)', async () => {
    const a = await hashSecret('4711');
    const b = await hashSecret('4711');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifySecret('4711', a)).toBe(true);
    expect(await verifySecret('4712', a)).toBe(false);
    expect(await verifySecret('4711', 'scrypt$1$1$1$x$y')).toBe(false);
  });
});

describe('profiles and the admin lock', () => {
  it('first run creates one admin without a PIN: open mode, every seat acts as that admin until a PIN is set', async () => {
    const { access } = await open();
    const web = access.newSeat('web', '10.0.0.5');
    expect(access.openMode()).toBe(true);
    expect(access.context(web)).toMatchObject({ profile: { name: 'Admin', role: 'admin' }, admin: true });
    const admin = access.profiles()[0];
    await access.updateProfile(web, { id: admin.id, pin: '4711' });
    expect(access.openMode()).toBe(false);
    // The seat that set the PIN stays in, unlocked; a new seat must sign in.
    expect(access.context(web)).toMatchObject({ profile: { id: admin.id }, admin: true });
    const other = access.newSeat('web', '10.0.0.6');
    expect(access.authorize(other, 'library.list', 'technician')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const raw = await readFile(join(dir, 'access.json'), 'utf8');
    expect(raw).not.toContain('4711');
  });

  it('technician calling an admin method: FORBIDDEN; admin after the idle timeout: FORBIDDEN (locked) until the PIN again', async () => {
    const { access } = await open();
    const local = access.localSeat;
    const admin = access.profiles()[0];
    await access.updateProfile(local, { id: admin.id, pin: '4711' });
    const tech = await access.createProfile(local, { name: 'Ana', role: 'technician' });
    const tablet = access.newSeat('web', 'tablet');
    await access.signIn(tablet, tech.id, '');
    expect(access.authorize(tablet, 'library.delete', 'admin')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'role' } } });
    expect(access.authorize(tablet, 'library.list', 'technician').ok).toBe(true);

    const laptop = access.newSeat('desktop');
    await access.signIn(laptop, admin.id, '4711');
    expect(access.authorize(laptop, 'library.delete', 'admin').ok).toBe(true);
    clock += 14 * 60_000; // activity inside the window keeps it open
    expect(access.authorize(laptop, 'library.list', 'technician').ok).toBe(true);
    clock += 14 * 60_000;
    expect(access.authorize(laptop, 'library.delete', 'admin').ok).toBe(true);
    clock += 15 * 60_000 + 1; // idle past unlockMinutes (15)
    expect(access.authorize(laptop, 'library.delete', 'admin')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'locked' } } });
    expect(access.authorize(laptop, 'library.list', 'technician').ok).toBe(true);
    await access.unlock(laptop, '4711');
    expect(access.authorize(laptop, 'library.delete', 'admin').ok).toBe(true);
  });

  it('wrong PIN: generic error, counted, back-off, lock-out after 5 that survives a restart; the right PIN is not even checked while blocked', async () => {
    let { access } = await open();
    const admin = access.profiles()[0];
    await access.updateProfile(access.localSeat, { id: admin.id, pin: '4711' });
    const seat = access.newSeat('web', 'x');
    const messages = new Set<string>();
    for (let i = 1; i <= MAX_FREE_ATTEMPTS; i++) {
      await access.signIn(seat, admin.id, `000${i}`).catch((e: AppError) => messages.add(e.message));
      if (i < MAX_FREE_ATTEMPTS) {
        // Inside the back-off even the right PIN is refused (without being checked).
        expect(await code(access.signIn(seat, admin.id, '4711'))).toBe('UNAUTHORIZED');
        clock += blockFor(i);
      }
    }
    expect([...messages]).toEqual(['Sign-in refused: wrong profile, PIN or code.']);
    expect(blockFor(MAX_FREE_ATTEMPTS)).toBe(15 * 60_000);
    ({ access } = await open()); // restart: the lock-out is on disk
    const seat2 = access.newSeat('web', 'y');
    clock += 14 * 60_000;
    await expect(access.signIn(seat2, admin.id, '4711')).rejects.toThrow(/Too many wrong attempts: try again in 1 min/);
    clock += 60_000;
    expect((await access.signIn(seat2, admin.id, '4711')).me).toMatchObject({ role: 'admin', adminUnlocked: true });
    expect(JSON.parse(await readFile(join(dir, 'access.json'), 'utf8')).attempts).toEqual({});
  });

  it('a made-up profile id is refused like a wrong PIN; technicians need their code in code mode', async () => {
    const { access } = await open();
    const local = access.localSeat;
    await access.updateProfile(local, { id: access.profiles()[0].id, pin: '4711' });
    const tech = await access.createProfile(local, { name: 'Ben', role: 'technician', code: '2468' });
    const seat = access.newSeat('web', 'z');
    expect(await code(access.signIn(seat, 'not-a-profile', '4711'))).toBe('UNAUTHORIZED');
    expect(access.context(seat).profile).toBeNull();
    await access.configure(local, { technicianSignIn: 'code' });
    expect(await code(access.signIn(seat, tech.id, ''))).toBe('UNAUTHORIZED');
    clock += 2000;
    expect((await access.signIn(seat, tech.id, '2468')).me).toMatchObject({ name: 'Ben', role: 'technician', adminUnlocked: false });
  });

  it('the last admin cannot be deleted or demoted, and admins need a PIN', async () => {
    const { access } = await open();
    const local = access.localSeat;
    const admin = access.profiles()[0];
    await access.updateProfile(local, { id: admin.id, pin: '4711' });
    expect(await code(access.deleteProfile(local, admin.id))).toBe('CONFLICT');
    expect(await code(access.updateProfile(local, { id: admin.id, role: 'technician' }))).toBe('CONFLICT');
    expect(await code(access.createProfile(local, { name: 'Boss', role: 'admin' }))).toBe('INVALID_INPUT');
    expect(access.profiles().map((p) => p.role)).toEqual(['admin']);
  });

  it('per-device ask limit: a clear "slow down" once the budget is spent, back after the refill', async () => {
    const store = new AccessStore(join(dir, 'access.json'), nullLogger);
    await store.open();
    const access = new AccessService({ store, logger: nullLogger, now, asksPerMinute: 3 });
    const a = access.newSeat('web', 'tablet-1');
    const b = access.newSeat('web', 'tablet-1'); // a second tab on the same device shares the budget
    const other = access.newSeat('web', 'tablet-2');
    expect([1, 2, 3].map(() => access.authorize(a, 'chat.send', 'technician').ok)).toEqual([true, true, true]);
    const refused = access.authorize(b, 'chat.send', 'technician');
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { reason: 'rate_limit', retryInMs: 20_000 } } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^Slow down: at most 3 questions a minute from this device\. Try again in 20 s\./);
    expect(access.authorize(a, 'library.list', 'technician').ok).toBe(true); // only asks are limited
    expect(access.authorize(other, 'chat.send', 'technician').ok).toBe(true);
    clock += 20_000;
    expect(access.authorize(a, 'chat.send', 'technician').ok).toBe(true);
    expect(access.authorize(access.localSeat, 'chat.send', 'technician').ok).toBe(true);
  });
});
