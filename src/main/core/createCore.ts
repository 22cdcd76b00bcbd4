import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Api, EventMap, Handlers } from '../../shared/contract';
import { createApiClient } from '../../shared/contract/client';
import type { AppHealth, ComponentHealth } from '../../shared/contract/app';
import type { CoreConfig } from './config';
import { dispatch } from './dispatch';
import { acquireDataDirLock } from './platform/dataDirLock';
import { TypedEmitter } from './platform/emitter';
import { JobRunner } from './platform/jobRunner';
import { FileLogger, type Logger } from './platform/logger';
import { platformHandlers } from './platform/platformHandlers';
import { hostHandlers } from './host/hostHandlers';
import { SettingsService } from './settings/settingsService';
import { LanceStore } from './index/lanceStore';
import { LibraryService } from './library/libraryService';
import { isLibraryJob } from './library/libraryRows';
import { libraryHandlers } from './library/libraryHandlers';
import { settingsHandlers } from './settings/settingsHandlers';
import { SearchService } from './search/searchService';
import { searchHandlers } from './search/searchHandlers';
import { SessionStore } from './sessions/sessionStore';
import { SessionService } from './sessions/sessionService';
import { sessionsHandlers } from './sessions/sessionsHandlers';
import { ChatService } from './chat/chatService';
import { AnswerService } from './answer/answerService';
import { chatHandlers } from './chat/chatHandlers';
import { documentInfoFromIndex } from './chat/documentInfo';
import type { ChatEnginePort } from './chat/ports';
import { ExportService } from './export/exportService';
import { exportHandlers } from './export/exportHandlers';
import { ModelManager } from './models/modelManager';
import { modelsHandlers } from './models/modelsHandlers';
import { BackupService } from './backup/backupService';
import { PackService } from './backup/packService';
import { backupHandlers } from './backup/backupHandlers';
import { applyPendingRestore } from './backup/restore';
import { AccessStore } from './access/accessStore';
import { AccessService, type Seat } from './access/accessService';
import { gateFor } from './access/accessGate';
import { accessHandlers } from './access/accessHandlers';
import { AuditLog } from './audit/auditLog';
import { EscalationService } from './escalations/escalationService';
import { escalationHandlers } from './escalations/escalationHandlers';
import { ActionService } from './actions/actionService';
import { actionHandlers } from './actions/actionHandlers';
import { auditTarget } from './audit/auditLog';
import { recordAudit } from './access/accessGate';
import { TrainingStore } from './training/trainingStore';
import { TrainingService } from './training/trainingService';
import { trainingHandlers } from './training/trainingHandlers';

/** One component's health, or several (models reports the chat and embedding slots). */
export type HealthCheck = () => ComponentHealth | ComponentHealth[] | Promise<ComponentHealth | ComponentHealth[]>;

/** Everything a transport (Electron, web host, CLI, tests) needs from the core. */
export interface Core {
  readonly config: CoreConfig;
  readonly events: TypedEmitter<EventMap>;
  readonly logger: Logger;
  readonly jobs: JobRunner;
  readonly settings: SettingsService;
  /** The LanceDB index under <userData>/index (documents/pages/chunks + per-model vector tables). */
  readonly index: LanceStore;
  /** PDF import pipeline + document metadata; emits 'library.changed'. */
  readonly library: LibraryService;
  /** Page retrieval (lexical + identifier + vector lanes, evidence strength). */
  readonly search: SearchService;
  /** The answer line: the span of the top pages that answers a question. */
  readonly answer: AnswerService;
  /** Chat sessions (journals under <userData>/sessions), grounded chat, exports. */
  readonly sessions: SessionService;
  readonly chat: ChatService;
  readonly exporter: ExportService;
  /** Model files, loaded chat/embedding/ranking models; `models.chatEngine` is the ChatEngine. */
  readonly models: ModelManager;
  /** Backups of the data folder (+ schedule) and knowledge packs. */
  readonly backup: BackupService;
  readonly packs: PackService;
  /** Profiles, sign-in seats and the admin lock (roles.ts says what each method needs). */
  readonly access: AccessService;
  /** Append-only log of admin actions and confirmed assistant actions. */
  readonly audit: AuditLog;
  readonly escalations: EscalationService;
  /** Guided training: courses, versioned topics, attempts (<userData>/training). */
  readonly training: TrainingService;
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
  return core;
}

type Platform = Pick<Core, 'logger' | 'events' | 'jobs' | 'settings'>;
type Services = Pick<
  Core,
  'index' | 'library' | 'search' | 'answer' | 'sessions' | 'chat' | 'exporter' | 'models' | 'backup' | 'packs' | 'access' | 'audit' | 'escalations' | 'training'
> & {
  /** Disposed in reverse order of creation. */
  disposables: Array<{ dispose(): unknown }>;
};

async function createPlatform(config: CoreConfig): Promise<Platform> {
  const p = config.paths;
  const logger = new FileLogger({ dir: p.logs, level: config.logLevel ?? 'info', echo: config.logEcho ?? false });
  const events = new TypedEmitter<EventMap>((e) => logger.error('event listener threw', { error: e }));
  const jobs = new JobRunner(
    { progress: (s) => events.emit('jobs.progress', s), finished: (s) => events.emit('jobs.finished', s) },
    logger.child('jobs')
  );
  const settings = new SettingsService(p.settings, logger.child('settings'));
  await settings.load();
  settings.onChange((s) => events.emit('settings.changed', s));
  return { logger, events, jobs, settings };
}

/** Storage first, then models before search (search takes its vector source and reranker from them). */
async function createServices(config: CoreConfig, { logger, events, jobs, settings }: Platform, primary: boolean): Promise<Services> {
  const p = config.paths;
  const index = await LanceStore.open(p.index, logger.child('index'));
  const disposables: Services['disposables'] = [settings, index];
  const library = await LibraryService.create({
    store: index,
    jobs,
    events,
    logger: logger.child('library'),
    paths: { library: p.library, index: p.index },
    limits: () => settings.get().library,
    ocr: () => settings.get().library,
    recoverInterrupted: primary
  });
  disposables.push(library);
  const sessionStore = new SessionStore(p.sessions, logger.child('sessions'));
  await sessionStore.open();
  const accessStore = new AccessStore(join(p.userData, 'access.json'), logger.child('access'));
  await accessStore.open();
  const access = new AccessService({ store: accessStore, logger: logger.child('access'), asksPerMinute: config.asksPerMinute ?? 20 });
  const audit = new AuditLog(join(p.userData, 'audit.jsonl'), logger.child('audit'));
  const escalations = new EscalationService({ path: join(p.userData, 'escalations.json'), session: (id) => sessionStore.get(id), events });
  await escalations.open();
  disposables.push(accessStore, audit, escalations);
  const models = await ModelManager.create({ modelsDir: p.models, threads: config.threads, settings, jobs, events, logger: logger.child('models'), store: index });
  disposables.push(models);
  const search = new SearchService({
    store: index,
    settings: () => settings.get().retrieval,
    vectorSource: () => models.embeddings.vectorSource(),
    reranker: () => models.reranker(),
    logger: logger.child('search')
  });
  disposables.push(search);
  const answer = new AnswerService({
    pageText: (docId, page) => library.pageText(docId, page).then((p) => p.text),
    termWeights: () => search.termWeights(),
    logger: logger.child('answer')
  });
  disposables.push(answer);
  // Without a loaded chat model, chat runs in search-only mode.
  const chatEngine = (): ChatEnginePort | undefined => (models.chatEngine.isLoaded() ? models.chatEngine : undefined);
  const chat = new ChatService({
    store: sessionStore,
    search: () => search,
    engine: chatEngine,
    answer: () => answer,
    documents: documentInfoFromIndex(() => index.documents()),
    retrieval: () => settings.get().retrieval,
    events,
    logger: logger.child('chat')
  });
  const sessions = new SessionService(sessionStore, {
    retentionDays: () => settings.get().sessions.retentionDays,
    isBusy: (id) => chat.isBusy(id),
    events,
    logger: logger.child('sessions')
  });
  const exporter = new ExportService({
    getSession: (id) => sessionStore.get(id),
    escalations: (ids) => escalations.forSessions(ids),
    allSessions: () => sessions.allStates(),
    defaultDir: join(p.userData, 'exports'),
    allowCustomBaseDir: config.host !== 'web',
    appVersion: config.version
  });
  disposables.push(sessionStore, sessions, chat);
  const backup = new BackupService({
    paths: p,
    store: index,
    jobs,
    logger: logger.child('backup'),
    appVersion: config.version,
    settings: () => settings.get().backup,
    vectorMeta: () => models.vectors.allMeta()
  });
  const packs = new PackService({
    store: index,
    repo: library.repo,
    vectors: models.vectors,
    jobs,
    logger: logger.child('packs'),
    appVersion: config.version,
    libraryDir: p.library,
    exportDir: join(p.userData, 'exports'),
    changed: (reason, docIds) => events.emit('library.changed', { reason, docIds }),
    optimize: () => library.optimize()
  });
  disposables.push(backup);
  const trainingStore = new TrainingStore(join(p.userData, 'training'), logger.child('training'));
  await trainingStore.open();
  const training = new TrainingService({
    store: trainingStore,
    documents: library,
    engine: () => (models.chatEngine.isLoaded() ? models.chatEngine : undefined),
    changed: (reason, id) => events.emit('training.changed', { reason, id }),
    logger: logger.child('training')
  });
  disposables.push(training);
  // Scheduled backups belong to the long-running app, not to one-shot CLI commands or tests.
  if (config.host === 'electron' || config.host === 'web') backup.startSchedule();
  return { index, library, search, answer, sessions, chat, exporter, models, backup, packs, access, audit, escalations, training, disposables };
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
      return { name: 'jobs', status: 'ok', detail: active ? `${active} running` : 'idle' };
    },
    () => library.health(),
    () => search.health(),
    () => models.health(),
    () => {
      const st = sessions.stats();
      const ttft = st.avgTtftMs === null ? 'n/a' : `${Math.round(st.avgTtftMs)} ms`;
      return {
        name: 'sessions',
        status: 'ok',
        detail: `${st.sessions} sessions, ${st.messages} messages, avg TTFT ${ttft}, refused ${(st.refusedShare * 100).toFixed(0)}%`
      };
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
  return {
    ...platformHandlers(core),
    ...hostHandlers(),
    ...settingsHandlers(core.settings),
    ...libraryHandlers(core.library),
    ...searchHandlers(core.search),
    ...chatHandlers(core.chat, (id) => core.sessions.ownerOf(id), core.escalations),
    ...sessionsHandlers(core.sessions),
    ...exportHandlers(core.exporter, (id) => core.sessions.ownerOf(id)),
    ...accessHandlers(core.access, core.audit),
    ...escalationHandlers(core.escalations),
    ...actionHandlers(
      new ActionService({
        handlers: () => core.handlers,
        audit: (ctx, action, target, result) => recordAudit(core.audit, ctx, action, auditTarget(target), result)
      })
    ),
    ...modelsHandlers(core.models),
    ...backupHandlers(core.backup, core.packs),
    ...trainingHandlers(core.training)
  } satisfies Handlers;
}
