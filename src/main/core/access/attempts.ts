import type { Attempts } from './accessStore';

/** Wrong PINs/codes allowed before the lock-out. */
export const MAX_FREE_ATTEMPTS = 5;
const LOCKOUT_MS = 15 * 60_000;

/**
 * How long a profile is blocked after `failures` wrong secrets in a row: a short back-off that
 * doubles (1, 2, 4, 8 s) for the first four, then a lock-out of 15 minutes from the fifth, doubling
 * with every further failure up to 4 hours. Guessing a 4-digit PIN this way takes years.
 */
export function blockFor(failures: number): number {
  if (failures <= 0) return 0;
  if (failures < MAX_FREE_ATTEMPTS) return 1000 * 2 ** (failures - 1);
  return LOCKOUT_MS * 2 ** Math.min(failures - MAX_FREE_ATTEMPTS, 4);
}

export function afterFailure(prev: Attempts | undefined, now: number): Attempts {
  const failures = (prev?.failures ?? 0) + 1;
  return { failures, blockedUntil: now + blockFor(failures) };
}

/** "try again in 14 min" / "in 8 s". */
export function waitText(ms: number): string {
  return ms >= 60_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`;
}

/**
 * Questions per minute from one device (web host): a token bucket, so a short burst is fine but a
 * script hammering chat.send gets a clear "slow down" instead of queueing model work for everyone.
 */
export class RateBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perMinute: number,
    now: number
  ) {
    this.tokens = perMinute;
    this.at = now;
  }

  /** Takes one token; otherwise returns the ms until one is available. */
  take(now: number): { ok: true } | { ok: false; retryInMs: number } {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.at) * this.perMinute) / 60_000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryInMs: Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute) };
  }
}
