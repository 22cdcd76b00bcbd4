import { randomUUID } from 'node:crypto';
import type { AccessStatus, ProfileView } from '../../../shared/contract/access';
import type { CallContext } from '../../../shared/contract';
import type { Requirement } from '../../../shared/contract/roles';
import type { AppErrorData } from '../../../shared/result';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { AccessStore, StoredProfile } from './accessStore';
import { afterFailure, RateBucket, waitText } from './attempts';
import { ResumeTokens } from './resumeTokens';
import { hashSecret, verifySecret } from './secretHash';

/**
 * One caller: the app window, one web-host socket, or the in-process API (CLI, tests, benches).
 * A seat is signed in as at most one profile; the admin lock is open until `unlockedUntil`.
 */
export interface Seat {
  readonly id: string;
  readonly transport: CallContext['transport'];
  /** Web host: the device (remote address) the per-device limits are counted for. */
  readonly device?: string;
  profileId?: string;
  unlockedUntil: number;
}

/** Methods counted as "asks" for the per-device rate limit. */
const ASK_METHODS = new Set(['chat.send', 'chat.regenerate', 'chat.editLast', 'search.query']);

const LOCAL_PROFILE = { id: 'local', name: 'Local admin (CLI)', role: 'admin' as const };

export interface AccessDeps {
  store: AccessStore;
  logger: Logger;
  now?: () => number;
  /** Asks per minute per web device (0 = no limit). */
  asksPerMinute?: number;
}

/**
 * Who may call what. `authorize` is what the dispatcher runs before every handler; the rest backs
 * the access.* methods. The local seat (CLI, core.api) is the machine's own admin: anyone who can
 * run the CLI can read and write the data folder directly, so asking for a PIN there would be
 * theatre — its actions are still audited as "Local admin (CLI)".
 */
export class AccessService {
  private readonly seats = new Map<string, Seat>();
  private readonly buckets = new Map<string, RateBucket>();
  private readonly resumes: ResumeTokens<Seat>;
  readonly localSeat: Seat;
  private readonly now: () => number;

  constructor(private readonly deps: AccessDeps) {
    this.now = deps.now ?? Date.now;
    this.resumes = new ResumeTokens(this.now);
    this.localSeat = this.newSeat('local');
  }

  newSeat(transport: Seat['transport'], device?: string): Seat {
    const seat: Seat = { id: randomUUID(), transport, device, unlockedUntil: 0 };
    this.seats.set(seat.id, seat);
    return seat;
  }

  releaseSeat(seat: Seat): void {
    this.seats.delete(seat.id);
  }

  seat(id: string): Seat {
    const s = this.seats.get(id);
    if (!s) throw new AppError('UNAUTHORIZED', 'This connection is no longer signed in.');
    return s;
  }

  /** No admin has a PIN yet: a fresh install, where everyone acts as the first admin. */
  openMode(): boolean {
    return !this.deps.store.get().profiles.some((p) => p.role === 'admin' && p.pinHash);
  }

  context(seat: Seat): CallContext {
    const base = { seatId: seat.id, transport: seat.transport };
    if (seat.transport === 'local') return { ...base, profile: LOCAL_PROFILE, admin: true };
    const profiles = this.deps.store.get().profiles;
    if (this.openMode() && !seat.profileId) {
      const first = profiles.find((p) => p.role === 'admin')!;
      return { ...base, profile: { id: first.id, name: first.name, role: 'admin' }, admin: true };
    }
    const p = profiles.find((x) => x.id === seat.profileId);
    if (!p) return { ...base, profile: null, admin: false };
    return { ...base, profile: { id: p.id, name: p.name, role: p.role }, admin: p.role === 'admin' && (this.openMode() || this.now() < seat.unlockedUntil) };
  }

  /** Checks `need` for this seat; any call while the admin lock is open keeps it open (idle timeout). */
  authorize(seat: Seat, method: string, need: Requirement): { ok: true; ctx: CallContext } | { ok: false; error: AppErrorData } {
    const ctx = this.context(seat);
    if (ctx.admin && seat.unlockedUntil) seat.unlockedUntil = this.now() + this.unlockMs();
    if (need !== 'public' && !ctx.profile) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first.' } };
    if (need === 'admin' && !ctx.admin) {
      const locked = ctx.profile?.role === 'admin';
      return {
        ok: false,
        error: locked
          ? { code: 'FORBIDDEN', message: 'The admin lock is closed: enter the admin PIN to do this.', details: { reason: 'locked' } }
          : { code: 'FORBIDDEN', message: 'Only an admin can do this.', details: { reason: 'role' } }
      };
    }
    if (seat.device && ASK_METHODS.has(method) && this.deps.asksPerMinute) {
      let bucket = this.buckets.get(seat.device);
      if (!bucket) this.buckets.set(seat.device, (bucket = new RateBucket(this.deps.asksPerMinute, this.now())));
      const taken = bucket.take(this.now());
      if (!taken.ok) {
        return {
          ok: false,
          error: {
            code: 'RATE_LIMITED',
            message: `Slow down: at most ${this.deps.asksPerMinute} questions a minute from this device. Try again in ${waitText(taken.retryInMs)}.`,
            details: { reason: 'rate_limit', retryInMs: taken.retryInMs }
          }
        };
      }
    }
    return { ok: true, ctx };
  }

  status(seat: Seat): AccessStatus {
    const d = this.deps.store.get();
    const ctx = this.context(seat);
    const unlockExpires = ctx.admin && seat.unlockedUntil && !this.openMode() ? new Date(seat.unlockedUntil).toISOString() : null;
    return {
      openMode: this.openMode(),
      technicianSignIn: d.technicianSignIn,
      unlockMinutes: d.unlockMinutes,
      me: ctx.profile
        ? { profileId: ctx.profile.id, name: ctx.profile.name, role: ctx.profile.role, adminUnlocked: ctx.admin, unlockExpiresAt: unlockExpires, local: seat.transport === 'local' }
        : null,
      profiles: d.profiles.map((p) => ({ id: p.id, name: p.name, role: p.role }))
    };
  }

  async signIn(seat: Seat, profileId: string, secret: string): Promise<AccessStatus & { resumeToken: string }> {
    const p = this.deps.store.get().profiles.find((x) => x.id === profileId);
    // A made-up or stale profile id gets the same answer as a wrong PIN.
    if (!p) throw new AppError('UNAUTHORIZED', 'Sign-in refused: wrong profile, PIN or code.');
    const hash = p.role === 'admin' ? p.pinHash : this.deps.store.get().technicianSignIn === 'code' ? p.codeHash : undefined;
    const needsSecret = p.role === 'admin' || this.deps.store.get().technicianSignIn === 'code';
    if (needsSecret) await this.checkSecret(p, hash, secret);
    seat.profileId = p.id;
    seat.unlockedUntil = p.role === 'admin' ? this.now() + this.unlockMs() : 0;
    return { ...this.status(seat), resumeToken: this.resumes.issue(seat) };
  }

  /** A web page that lost its socket signs the new one in again, with the admin lock as it was. */
  resume(seat: Seat, token: string): AccessStatus {
    const old = this.resumes.take(token, seat);
    if (!old?.profileId || !this.deps.store.get().profiles.some((x) => x.id === old.profileId)) throw new AppError('UNAUTHORIZED', 'Please sign in again.');
    seat.profileId = old.profileId;
    seat.unlockedUntil = old.unlockedUntil;
    return this.status(seat);
  }

  async unlock(seat: Seat, pin: string): Promise<AccessStatus> {
    const ctx = this.context(seat);
    const p = this.deps.store.get().profiles.find((x) => x.id === ctx.profile?.id);
    if (!p || p.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin profile can open the admin lock.');
    if (this.openMode()) return this.status(seat);
    await this.checkSecret(p, p.pinHash, pin);
    seat.profileId = p.id;
    seat.unlockedUntil = this.now() + this.unlockMs();
    return this.status(seat);
  }

  lock(seat: Seat): AccessStatus {
    seat.unlockedUntil = 0;
    return this.status(seat);
  }

  signOut(seat: Seat): AccessStatus {
    this.resumes.drop(seat);
    seat.profileId = undefined;
    seat.unlockedUntil = 0;
    return this.status(seat);
  }

  profiles(): ProfileView[] {
    return this.deps.store.get().profiles.map(view);
  }

  async createProfile(seat: Seat, input: { name: string; role: StoredProfile['role']; pin?: string; code?: string }): Promise<ProfileView> {
    if (input.role === 'admin' && !input.pin) throw new AppError('INVALID_INPUT', 'An admin profile needs a PIN.');
    this.assertNameFree(input.name);
    const profile: StoredProfile = {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      createdAt: new Date(this.now()).toISOString(),
      ...(input.pin ? { pinHash: await hashSecret(input.pin) } : {}),
      ...(input.code ? { codeHash: await hashSecret(input.code) } : {})
    };
    await this.changing(seat, profile.id, (d) => d.profiles.push(profile));
    return view(profile);
  }

  async updateProfile(seat: Seat, input: { id: string; name?: string; role?: StoredProfile['role']; pin?: string; code?: string }): Promise<ProfileView> {
    const current = this.find(input.id);
    if (input.name && input.name !== current.name) this.assertNameFree(input.name);
    const pinHash = input.pin ? await hashSecret(input.pin) : undefined;
    const codeHash = input.code ? await hashSecret(input.code) : undefined;
    const role = input.role ?? current.role;
    if (role === 'admin' && !pinHash && !current.pinHash && !this.openMode()) throw new AppError('INVALID_INPUT', 'An admin profile needs a PIN.');
    await this.changing(seat, input.id, (d) => {
      const p = d.profiles.find((x) => x.id === input.id)!;
      if (input.name) p.name = input.name;
      p.role = role;
      if (pinHash) p.pinHash = pinHash;
      if (codeHash) p.codeHash = codeHash;
      if (pinHash || codeHash) delete d.attempts[p.id];
      assertAdminLeft(d.profiles);
    });
    return view(this.find(input.id));
  }

  async deleteProfile(seat: Seat, id: string): Promise<boolean> {
    if (!this.deps.store.get().profiles.some((p) => p.id === id)) return false;
    await this.changing(seat, undefined, (d) => {
      d.profiles = d.profiles.filter((p) => p.id !== id);
      delete d.attempts[id];
      assertAdminLeft(d.profiles);
    });
    for (const s of this.seats.values()) if (s.profileId === id) this.signOut(s);
    return true;
  }

  async configure(seat: Seat, input: { technicianSignIn?: 'name' | 'code'; unlockMinutes?: number }): Promise<AccessStatus> {
    await this.deps.store.update((d) => {
      if (input.technicianSignIn) d.technicianSignIn = input.technicianSignIn;
      if (input.unlockMinutes) d.unlockMinutes = input.unlockMinutes;
    });
    return this.status(seat);
  }

  private unlockMs(): number {
    return this.deps.store.get().unlockMinutes * 60_000;
  }

  private find(id: string): StoredProfile {
    const p = this.deps.store.get().profiles.find((x) => x.id === id);
    if (!p) throw new AppError('NOT_FOUND', `No profile ${id}.`);
    return p;
  }

  private assertNameFree(name: string): void {
    if (this.deps.store.get().profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) throw new AppError('DUPLICATE', `A profile named "${name}" exists.`);
  }

  /**
   * Writes a profile change. When it ends open mode (the first admin PIN), the seat that made it
   * stays in as that admin with the lock open — everyone else now has to sign in.
   */
  private async changing(seat: Seat, profileId: string | undefined, change: Parameters<AccessStore['update']>[0]): Promise<void> {
    const wasOpen = this.openMode();
    const actingAs = this.context(seat).profile;
    await this.deps.store.update(change);
    if (wasOpen && !this.openMode() && seat.transport !== 'local' && !seat.profileId) {
      const admin = this.deps.store.get().profiles.find((p) => p.id === (profileId ?? actingAs?.id) && p.role === 'admin' && p.pinHash)
        ?? this.deps.store.get().profiles.find((p) => p.role === 'admin' && p.pinHash)!;
      seat.profileId = admin.id;
      seat.unlockedUntil = this.now() + this.unlockMs();
    }
  }

  /** Blocked → refused without looking at the secret; wrong → counted (persisted) with back-off. */
  private async checkSecret(p: StoredProfile, hash: string | undefined, secret: string): Promise<void> {
    const now = this.now();
    const prev = this.deps.store.get().attempts[p.id];
    if (prev && prev.blockedUntil > now) {
      throw new AppError('UNAUTHORIZED', `Too many wrong attempts: try again in ${waitText(prev.blockedUntil - now)}.`, { retryInMs: prev.blockedUntil - now });
    }
    if (hash && secret && (await verifySecret(secret, hash))) {
      if (prev) await this.deps.store.update((d) => void delete d.attempts[p.id]);
      return;
    }
    await this.deps.store.update((d) => void (d.attempts[p.id] = afterFailure(d.attempts[p.id], now)));
    this.deps.logger.warn('wrong PIN or code', { profileId: p.id, failures: this.deps.store.get().attempts[p.id]?.failures });
    throw new AppError('UNAUTHORIZED', 'Sign-in refused: wrong profile, PIN or code.');
  }
}

function view(p: StoredProfile): ProfileView {
  return { id: p.id, name: p.name, role: p.role, hasPin: !!p.pinHash, hasCode: !!p.codeHash, createdAt: p.createdAt };
}

function assertAdminLeft(profiles: StoredProfile[]): void {
  if (!profiles.some((p) => p.role === 'admin')) throw new AppError('CONFLICT', 'At least one admin profile must remain.');
}
