/**
 * Calls `fire` at most once per `ms` for bursts of `soon()` (progress-driven state pushes), and
 * always delivers the last one: the trailing call runs when the window ends. `now()` fires at
 * once (state changes the user must see without delay) and cancels a pending trailing call.
 */
export class LatestThrottle {
  private timer: NodeJS.Timeout | null = null;
  private lastAt = 0;

  constructor(
    private readonly fire: () => void,
    private readonly ms = 100
  ) {}

  now(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastAt = Date.now();
    this.fire();
  }

  soon(): void {
    const wait = this.ms - (Date.now() - this.lastAt);
    if (wait <= 0) this.now();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.now(), wait);
      this.timer.unref?.();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
