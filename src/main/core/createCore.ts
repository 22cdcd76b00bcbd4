import { mkdir } from 'node:fs/promises';
import type { EventMap, Handlers } from '../../shared/contract';
import type { AppHealth, ComponentHealth } from '../../shared/contract/app';
import type { CoreConfig } from './config';
import { dispatch } from './dispatch';
import { TypedEmitter } from './platform/emitter';
import { JobRunner } from './platform/jobRunner';
import { FileLogger, type Logger } from './platform/logger';
import { platformHandlers } from './platform/platformHandlers';
import { hostHandlers } from './host/hostHandlers';
import { SettingsService } from './settings/settingsService';
import { LanceStore } from './index/lanceStore';
import { settingsHandlers } from './settings/settingsHandlers';
import { SearchService } from './search/searchService';
import { searchHandlers } from './search/searchHandlers';

export type HealthCheck = () => ComponentHealth | Promise<ComponentHealth>;

/** Everything a transport (Electron, web host, CLI, tests) needs from the core. */
export interface Core {
  readonly config: CoreConfig;
  readonly events: TypedEmitter<EventMap>;
  readonly logger: Logger;
  readonly jobs: JobRunner;
  readonly settings: SettingsService;
  /** The LanceDB index under <userData>/index (documents/pages/chunks + per-model vector tables). */
  readonly index: LanceStore;
  /** Page retrieval (lexical + identifier + vector lanes, evidence strength). */
  readonly search: SearchService;
  readonly handlers: Handlers;
  /** Validated call by wire name; always resolves to a Result. */
  call(method: string, input?: unknown): ReturnType<typeof dispatch>;
  health(): Promise<AppHealth>;
  dispose(): Promise<void>;
}

/**
 * Composition root: builds every service from the config and wires their ports by hand.
 * No globals — two cores over two userData folders can live in one process (tests do this).
 */
export async function createCore(config: CoreConfig): Promise<Core> {
  const p = config.paths;
  await Promise.all([p.userData, p.library, p.index, p.models, p.sessions, p.logs].map((d) => mkdir(d, { recursive: true })));

  const logger = new FileLogger({ dir: p.logs, level: config.logLevel ?? 'info', echo: config.logEcho ?? false });
  const events = new TypedEmitter<EventMap>((e) => logger.error('event listener threw', { error: e }));
  const jobs = new JobRunner(
    { progress: (s) => events.emit('jobs.progress', s), finished: (s) => events.emit('jobs.finished', s) },
    logger.child('jobs')
  );
  const settings = new SettingsService(p.settings, logger.child('settings'));
  await settings.load();
  settings.onChange((s) => events.emit('settings.changed', s));

  // Disposed in reverse order of creation.
  const index = await LanceStore.open(p.index);
  const disposables: Array<{ dispose(): unknown }> = [settings, index];
  const search = new SearchService({ store: index, settings: () => settings.get().retrieval, logger: logger.child('search') });
  disposables.push(search);
  const healthChecks: HealthCheck[] = [
    () => {
      const active = jobs.activeCount();
      return { name: 'jobs', status: 'ok', detail: active ? `${active} running` : 'idle' };
    }
  ];

  let handlers: Handlers | undefined;
  const core: Core = {
    config,
    events,
    logger,
    jobs,
    settings,
    index,
    search,
    get handlers(): Handlers {
      if (!handlers) throw new Error('core is still starting');
      return handlers;
    },
    call: (method: string, input?: unknown) => dispatch(core.handlers, method, input, logger),
    async health(): Promise<AppHealth> {
      const components = await Promise.all(
        healthChecks.map(async (check) => {
          try {
            return await check();
          } catch (e) {
            return { name: 'unknown', status: 'error' as const, detail: String(e) };
          }
        })
      );
      const status = components.some((c) => c.status === 'error')
        ? 'error'
        : components.some((c) => c.status === 'degraded')
          ? 'degraded'
          : 'ok';
      return { status, components, checkedAt: new Date().toISOString() };
    },
    async dispose() {
      await jobs.dispose();
      for (const d of disposables.reverse()) {
        try {
          await d.dispose();
        } catch (e) {
          logger.error('dispose failed', { error: e });
        }
      }
      events.clear();
    }
  };

  // Main's handler table: `satisfies` makes a missing or mistyped method a compile error.
  handlers = {
    ...platformHandlers(core),
    ...hostHandlers(),
    ...settingsHandlers(settings),
    ...searchHandlers(search)
  } satisfies Handlers;
  logger.info('core started', { host: config.host, version: config.version });
  return core;
}
