import { abortError } from '../platform/errors';

/**
 * A fixed number of import slots (FIFO). Each slot owns one parse worker, so with 2 slots one
 * file is parsed while another is chunked/written — the machine's two cores both work.
 *
 * Paused, no waiting import starts (running ones finish): an admin holds the queue to keep the
 * machine free, or to reorder by cancelling. A waiter whose job is cancelled leaves the line at
 * once instead of waiting for a slot only to end as cancelled.
 */
export class Slots {
  private readonly free: number[];
  private readonly waiting: Array<{ grant: (slot: number) => void }> = [];
  private held = false;

  constructor(readonly size: number) {
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  get paused(): boolean {
    return this.held;
  }

  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (!this.held && this.free.length > 0) return Promise.resolve(this.free.shift()!);
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (slot: number) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        }
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(slot: number): void {
    this.free.push(slot);
    this.drain();
  }

  setPaused(paused: boolean): void {
    this.held = paused;
    this.drain();
  }

  private drain(): void {
    while (!this.held && this.free.length > 0 && this.waiting.length > 0) this.waiting.shift()!.grant(this.free.shift()!);
  }
}
