/**
 * Decides which waiting WebSocket call runs next, across all connections.
 *
 * Why: calls run on the core's (main) thread, and a flooding client used to start its next call
 * in the very microtask its previous one ended, so another client's call — already read from its
 * socket or about to be — waited behind the flood's CPU work (bench:ws: p95 300 ms for an
 * `app.info`). Three rules fix that without knowing what a call costs:
 * - calls start from a `setImmediate` turn, after the event loop has read every socket, so a
 *   call that just arrived competes with the flood's next one instead of arriving after it;
 * - the connection with the fewest calls running goes first, ties in turn (round-robin);
 * - at most `maxRunning` calls run in total and `maxPerLane` per connection, so one connection
 *   never holds every slot (maxRunning > maxPerLane leaves room for someone else).
 */
export interface Lane<C> {
  readonly closed: boolean;
  inFlight: number;
  /** The next waiting call, removed from the lane's queue; undefined when none. */
  next(): C | undefined;
  hasWaiting(): boolean;
}

export class CallScheduler<C, L extends Lane<C> = Lane<C>> {
  /** Round-robin order: a lane that just got a slot moves to the back. */
  private order: L[] = [];
  private running = 0;
  private woken = false;

  constructor(
    private readonly maxPerLane: number,
    private readonly maxRunning: number,
    private readonly run: (lane: L, call: C) => Promise<void>,
    private readonly defer: (fn: () => void) => void = (fn) => void setImmediate(fn)
  ) {}

  add(lane: L): void {
    this.order.push(lane);
  }

  remove(lane: L): void {
    this.order = this.order.filter((l) => l !== lane);
  }

  get runningCount(): number {
    return this.running;
  }

  /** Asks for a scheduling turn (coalesced: one per event-loop turn). */
  wake(): void {
    if (this.woken) return;
    this.woken = true;
    this.defer(() => {
      this.woken = false;
      this.fill();
    });
  }

  private fill(): void {
    while (this.running < this.maxRunning) {
      const lane = this.pick();
      if (!lane) return;
      const call = lane.next()!;
      this.order = [...this.order.filter((l) => l !== lane), lane];
      lane.inFlight++;
      this.running++;
      void this.run(lane, call).finally(() => {
        lane.inFlight--;
        this.running--;
        this.wake();
      });
    }
  }

  /** The eligible lane with the fewest calls running; the earliest in round-robin order on a tie. */
  private pick(): L | undefined {
    let best: L | undefined;
    for (const lane of this.order) {
      if (lane.closed || lane.inFlight >= this.maxPerLane || !lane.hasWaiting()) continue;
      if (!best || lane.inFlight < best.inFlight) best = lane;
    }
    return best;
  }
}
