/**
 * Coalesces streamed tokens: a fast model on a small CPU can emit hundreds of tokens per second,
 * and re-rendering the answer's Markdown for each one would steal CPU from the model itself.
 * Deltas of one message are joined and handed on at most once per `intervalMs`; `flush()` hands
 * on everything pending at once (call it before chat.done / chat.error is applied).
 */
export interface Delta {
  sessionId: string;
  messageId: string;
  delta: string;
}

export interface DeltaBatcher {
  push(d: Delta): void;
  flush(): void;
  dispose(): void;
}

export function createDeltaBatcher(sink: (d: Delta) => void, intervalMs: number): DeltaBatcher {
  const pending: Delta[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const d of pending.splice(0)) sink(d);
  };

  return {
    push(d) {
      if (intervalMs <= 0) return sink(d);
      const last = pending[pending.length - 1];
      if (last && last.messageId === d.messageId && last.sessionId === d.sessionId) last.delta += d.delta;
      else pending.push({ ...d });
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.length = 0;
    }
  };
}
