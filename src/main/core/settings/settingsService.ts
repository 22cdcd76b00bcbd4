import { rename } from 'node:fs/promises';
import { settingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract/settings';
import { readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import type { Logger } from '../platform/logger';

/**
 * Settings live in one zod-validated JSON file written atomically. A corrupt file is moved
 * aside (never silently overwritten without a trace) and defaults are used.
 */
export class SettingsService {
  private current: Settings = settingsSchema.parse({});
  private writeChain: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(
    private readonly file: string,
    private readonly logger: Logger
  ) {}

  async load(): Promise<Settings> {
    let raw: unknown;
    try {
      raw = await readJsonIfExists(this.file);
    } catch (e) {
      await this.quarantine(e);
      raw = undefined;
    }
    const parsed = settingsSchema.safeParse(raw ?? {});
    if (parsed.success) {
      this.current = parsed.data;
    } else {
      await this.quarantine(parsed.error);
      this.current = settingsSchema.parse({});
    }
    return this.get();
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const merged = {
      ...this.current,
      ...Object.fromEntries(
        Object.entries(patch).map(([section, values]) => [
          section,
          { ...(this.current as unknown as Record<string, object>)[section], ...(values as object) }
        ])
      )
    };
    const next = settingsSchema.parse(merged);
    this.current = next;
    // Serialise writes so two quick updates can never land out of order.
    this.writeChain = this.writeChain.then(() => writeJsonAtomic(this.file, next));
    await this.writeChain;
    for (const l of this.listeners) l(this.get());
    return this.get();
  }

  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    await this.writeChain.catch(() => {});
    this.listeners.clear();
  }

  private async quarantine(reason: unknown): Promise<void> {
    const aside = `${this.file}.corrupt-${Date.now()}`;
    this.logger.warn('settings file unreadable; using defaults', { aside, reason: String(reason) });
    await rename(this.file, aside).catch(() => {});
  }
}
