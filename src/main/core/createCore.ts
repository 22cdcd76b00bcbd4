import { mkdir } from 'node:fs/promises';
import type { Api, Handlers } from '../../shared/contract';
import { createApiClient } from '../../shared/contract/client';
import type { AppHealth, ComponentHealth } from '../../shared/contract/app';
import type { CoreConfig } from './config';
import { dispatch } from './dispatch';
import { acquireDataDirLock } from './platform/dataDirLock';
import { JobRunner } from './platform/jobRunner';
import { platformHandlers } from './platform/platformHandlers';
import { hostHandlers } from './host/hostHandlers';
import { isLibraryJob } from './library/libraryRows';
import { libraryHandlers } from './library/libraryHandlers';
import { settingsHandlers } from './settings/settingsHandlers';
import { searchHandlers } from './search/searchHandlers';
import { sessionsHandlers } from './sessions/sessionsHandlers';
import { chatHandlers } from './chat/chatHandlers';
import { exportHandlers } from './export/exportHandlers';
import { modelsHandlers } from './models/modelsHandlers';
import { backupHandlers } from './backup/backupHandlers';
import { applyPendingRestore } from './backup/restore';
import { type Seat } from './access/accessService';
import { gateFor } from './access/accessGate';
import { accessHandlers } from './access/accessHandlers';
import { escalationHandlers } from './escalations/escalationHandlers';
import { ActionService } from './actions/actionService';
import { actionHandlers } from './actions/actionHandlers';
import { auditTarget } from './audit/auditLog';
import { recordAudit } from './access/accessGate';
import { canSeeSession } from './access/ownership';
import { trainingHandlers } from './training/trainingHandlers';
import { createPlatform, createServices, type Platform, type Services } from './coreServices';

/** One component's health, or several (models reports the chat and embedding slots). */
export type HealthCheck = () => ComponentHealth | ComponentHealth[] | Promise<ComponentHealth | ComponentHealth[]>;

/** Everything a transport (Electron, web host, CLI, tests) needs from the core. */
export interface Core extends Platform, Omit<Services, 'disposables'> {
  readonly config: CoreConfig;
  readonly handlers: Handlers;
  /**
   * The typed client the renderer uses (`core.api.library.list()`), over the in-process
   * dispatcher: same validation and Result envelope as IPC/WebSocket. The CLI, benchmarks and
   * tests call the core through it.
   */
  readonly api: Api;
  /**
   * Validated call by wire name, for transports that receive untyped names (IPC, WebSocket), made
   * as `seat` (one per window or socket, from `access.newSeat`); without one, as the local admin.
   */
  call(method: string, input?: unknown, seat?: Seat): ReturnType<typeof dispatch>;
  health(): Promise<AppHealth>;
  dispose(): Promise<void>;
}

/**
 * Composition root: builds every service from the config and wires their ports by hand, in
 * stages (platform → storage → services → cross-feature events → health and handlers).
 * No globals — two cores over two userData folders can live in one process (tests do this).
 */
export async function createCore(config: CoreConfig): Promise<Core> {
  const p = config.paths;
  // A restore staged by the running app last time is swapped in before anything opens the folder.
  const restored = await applyPendingRestore(p.userData);
  await Promise.all([p.userData, p.library, p.index, p.models, p.sessions, p.logs].map((d) => mkdir(d, { recursive: true })));
  const lock = acquireDataDirLock(p.userData);
  const platform = await createPlatform(config);
  const services = await createServices(config, platform, lock.primary);
  const { logger } = platform;
  if (restored) logger.info('restored a backup staged before the restart', { ...restored });
  if (!lock.primary) logger.info('data folder is in use by another process; skipping crash recovery', { ownerPid: lock.ownerPid });
  wireCrossFeatureEvents(platform, services);

  let handlers: Handlers | undefined;
  const checks = healthChecks(platform.jobs, services);
  const core: Core = {
    config,
    ...platform,
    ...services,
    get handlers(): Handlers {
      if (!handlers) throw new Error('core is still starting');
      return handlers;
    },
    // The in-process client (CLI, benches, tests) is the local admin: see AccessService.
    api: createApiClient(
      (method, input) => dispatch(core.handlers, method, input, logger, gateFor(services.access, services.audit, services.access.localSeat)),
      (event, listener) => platform.events.on(event, listener)
    ),
    call: (method: string, input?: unknown, seat?: Seat) =>
      dispatch(core.handlers, method, input, logger, gateFor(services.access, services.audit, seat ?? services.access.localSeat)),
    health: () => overallHealth(checks),
    async dispose() {
      await platform.jobs.dispose();
      for (const d of services.disposables.reverse()) {
        try {
          await d.dispose();
        } catch (e) {
          logger.error('dispose failed', { error: e });
        }
      }
      platform.events.clear();
      lock.release();
    }
  };
  handlers = handlerTable(core);
  logger.info('core started', { host: config.host, version: config.version });
  // Reload remembered models in the background: startup never waits for a model to load.
  if (config.restoreModels !== false) services.models.restoreFromSettings();
  // Likewise search's statistics, locators and index caches, so the first question after start-up
  // does not wait for them; a one-shot CLI command builds only what it uses.
  if (config.host !== 'cli') services.search.scheduleWarm();
  return core;
}

/** Every reaction of one feature to another's events, in one place. */
function wireCrossFeatureEvents({ events, settings, logger }: Platform, { search, models, sessions }: Services): void {
  events.on('library.changed', (change) => {
    // Rebuild search statistics in the background after the library changes, not on the next query.
    search.scheduleWarm();
    models.onLibraryChanged(change);
  });
  // A library job that ended without a change (failed import, optimize) may still leave chunks to embed.
  events.on('jobs.finished', (job) => {
    if (isLibraryJob(job.kind)) models.onLibraryChanged();
  });
  sessions.startRetention();
  // Lowering the retention period takes effect at once, not at the next periodic pass.
  settings.onChange(() => void sessions.applyRetention().catch((e) => logger.error('retention failed', { error: e })));
}

function healthChecks(jobs: JobRunner, { library, search, models, sessions }: Services): HealthCheck[] {
  return [
    () => {
      const active = jobs.activeCount();
      return { name: 'jobs', status: 'ok', detail: active ? `${active} running` : 'Nothing running' };
    },
    () => library.health(),
    () => search.health(),
    () => models.health(),
    () => {
      const st = sessions.stats();
      // Plain words for the Status page: time to the first words of an answer, and the share of
      // questions the manuals had no answer for (the assistant declined rather than guess).
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      const wait = st.avgTtftMs === null ? '' : `, answers start after ${(st.avgTtftMs / 1000).toFixed(1)} s on average`;
      const declined = st.messages ? `, ${(st.refusedShare * 100).toFixed(0)}% of questions not answered from the manuals` : '';
      return { name: 'sessions', status: 'ok', detail: `${count(st.sessions, 'session', 'sessions')}, ${count(st.messages, 'message', 'messages')}${wait}${declined}` };
    }
  ];
}

async function overallHealth(checks: HealthCheck[]): Promise<AppHealth> {
  const results = await Promise.all(
    checks.map(async (check): Promise<ComponentHealth[]> => {
      try {
        return [await check()].flat();
      } catch (e) {
        return [{ name: 'unknown', status: 'error', detail: String(e) }];
      }
    })
  );
  const components = results.flat();
  const status = components.some((c) => c.status === 'error') ? 'error' : components.some((c) => c.status === 'degraded') ? 'degraded' : 'ok';
  return { status, components, checkedAt: new Date().toISOString() };
}

/** Main's handler table: `satisfies` makes a missing or mistyped method a compile error. */
function handlerTable(core: Core): Handlers {
  const actions = new ActionService({
    handlers: () => core.handlers,
    audit: (ctx, action, target, result) => recordAudit(core.audit, ctx, action, auditTarget(target), result),
    // Only on an answer the caller may see (a card names its answer; the proposal id alone is not enough).
    settled: async (ctx, o, proposalId, status, text) => {
      const owner = core.sessions.ownerOf(o.sessionId);
      if (owner !== undefined && canSeeSession(ctx, owner)) await core.chat.settleAction(o.sessionId, o.messageId, proposalId, status, text);
    }
  });
  return {
    ...platformHandlers(core),
    ...hostHandlers(),
    ...settingsHandlers(core.settings),
    ...libraryHandlers(core.library),
    ...searchHandlers(core.search),
    ...chatHandlers(core.chat, (id) => core.sessions.ownerOf(id), core.escalations, actions),
    ...sessionsHandlers(core.sessions),
    ...exportHandlers(core.exporter, (id) => core.sessions.ownerOf(id)),
    ...accessHandlers(core.access, core.audit),
    ...escalationHandlers(core.escalations),
    ...actionHandlers(actions),
    ...modelsHandlers(core.models),
    ...backupHandlers(core.backup, core.packs),
    ...trainingHandlers(core.training)
  } satisfies Handlers;
}
