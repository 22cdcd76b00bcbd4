import { randomBytes } from 'node:crypto';

const RESUME_MS = 12 * 3600_000;

/**
 * Resume tokens: a web page's socket can drop (Wi-Fi, a sleeping tablet) and the new socket is a new
 * seat. The page keeps the token signIn gave it and hands it back; the new seat takes over the old
 * seat's sign-in (and admin lock state). Kept in memory only: a restarted host means signing in again.
 */
export class ResumeTokens<S extends object> {
  private readonly tokens = new Map<string, { seat: S; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  issue(seat: S): string {
    this.drop(seat);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { seat, expiresAt: this.now() + RESUME_MS });
    return token;
  }

  /** The seat the token was issued to (now re-pointed at `next`), or undefined when unknown or expired. */
  take(token: string, next: S): S | undefined {
    const r = this.tokens.get(token);
    if (!r || r.expiresAt < this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    this.tokens.set(token, { seat: next, expiresAt: this.now() + RESUME_MS });
    return r.seat;
  }

  /** Sign-out (or a new sign-in) voids the seat's tokens; expired ones go too. */
  drop(seat: S): void {
    for (const [t, r] of this.tokens) if (r.seat === seat || r.expiresAt < this.now()) this.tokens.delete(t);
  }
}
