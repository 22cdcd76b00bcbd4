/**
 * A token bucket per WebSocket connection: `perSecond` calls on average, bursts up to `burst`.
 * A client over it gets RATE_LIMITED answers (cheap: nothing is parsed past the envelope, nothing
 * is queued), so a script hammering the socket costs the host little and learns why at once.
 * The clock is injected so tests decide the time instead of waiting for it.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** True when one more call is allowed now (and counts it). */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
