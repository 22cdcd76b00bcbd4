import type { Table } from '../index/lanceStore';

/**
 * One snapshot per table version (corpus statistics, chunk and page locators), built on first
 * use after a change and shared by the searches that run meanwhile.
 */
export class PerVersion<T> {
  private cached: { version: number; snapshot: T } | undefined;
  private building: { version: number; done: Promise<T> } | undefined;

  constructor(
    private readonly table: () => Table,
    private readonly build: (table: Table, version: number) => Promise<T>
  ) {}

  async get(): Promise<T> {
    const version = await this.table().version();
    if (this.cached?.version === version) return this.cached.snapshot;
    if (this.building?.version !== version) {
      const done = this.build(this.table(), version).then((snapshot) => {
        if (!this.cached || this.cached.version < version) this.cached = { version, snapshot };
        return snapshot;
      });
      const entry = { version, done };
      this.building = entry;
      void done
        .finally(() => {
          if (this.building === entry) this.building = undefined;
        })
        .catch(() => {});
    }
    return this.building!.done;
  }
}
