/** A tiny typed event emitter: listeners are isolated so one throwing never starves the others. */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: (e: unknown) => void = () => {}) {}

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Subscribe to every event (used by transports that forward all events). */
  onAny(listener: <E extends keyof Events>(event: E, payload: Events[E]) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
  private readonly anyListeners = new Set<<E extends keyof Events>(event: E, payload: Events[E]) => void>();

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (p: Events[E]) => void)(payload);
      } catch (e) {
        this.onListenerError(e);
      }
    }
    for (const l of this.anyListeners) {
      try {
        l(event, payload);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }

  listenerCount(): number {
    let n = this.anyListeners.size;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  clear(): void {
    this.listeners.clear();
    this.anyListeners.clear();
  }
}
