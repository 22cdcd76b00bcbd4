/**
 * The composition root's first two stages (see createCore): the platform (logger, events, jobs,
 * settings) and every feature service, each built from its ports by hand.
 */
import { join } from 'node:path';
import type { EventMap } from '../../shared/contract';
import type { CoreConfig } from './config';
import { TypedEmitter } from './platform/emitter';
import { JobRunner } from './platform/jobRunner';
import { FileLogger, type Logger } from './platform/logger';
import { SettingsService } from './settings/settingsService';
import { LanceStore } from './index/lanceStore';
import { LibraryService } from './library/libraryService';
import { SearchService } from './search/searchService';
import { SessionStore } from './sessions/sessionStore';
import { SessionService } from './sessions/sessionService';
import { ChatService } from './chat/chatService';
import { AnswerService } from './answer/answerService';
import { documentInfoFromIndex } from './chat/documentInfo';
import type { ChatEnginePort } from './chat/ports';
import { ExportService } from './export/exportService';
import { ModelManager } from './models/modelManager';
import { BackupService } from './backup/backupService';
import { PackService } from './backup/packService';
import { AccessStore } from './access/accessStore';
import { AccessService } from './access/accessService';
import { AuditLog } from './audit/auditLog';
import { EscalationService } from './escalations/escalationService';
import { TrainingStore } from './training/trainingStore';
import { TrainingService } from './training/trainingService';

/** The plumbing every service uses. */
export interface Platform {
  readonly events: TypedEmitter<EventMap>;
  readonly logger: Logger;
  readonly jobs: JobRunner;
  readonly settings: SettingsService;
}

/** Every feature service, built in stages by createServices. */
export interface Services {
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
  /** Disposed in reverse order of creation. */
  readonly disposables: Array<{ dispose(): unknown }>;
}

export async function createPlatform(config: CoreConfig): Promise<Platform> {
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

type Disposables = Services['disposables'];

/** Storage first, then models before search (search takes its vector source and reranker from them). */
export async function createServices(config: CoreConfig, platform: Platform, primary: boolean): Promise<Services> {
  const disposables: Disposables = [platform.settings];
  const storage = await createStorage(config, platform, primary, disposables);
  const people = await createPeople(config, platform, storage.sessionStore, disposables);
  const retrieval = await createRetrieval(config, platform, storage, disposables);
  const conversation = createConversation(config, platform, storage, retrieval, people.escalations, disposables);
  const data = await createDataServices(config, platform, storage, retrieval.models, disposables);
  const { sessionStore: _sessionStore, ...stored } = storage;
  return { ...stored, ...people, ...retrieval, ...conversation, ...data, disposables };
}

/** The index, the library over it, and the session journals. */
async function createStorage(config: CoreConfig, { logger, events, jobs, settings }: Platform, primary: boolean, disposables: Disposables) {
  const p = config.paths;
  const index = await LanceStore.open(p.index, logger.child('index'));
  disposables.push(index);
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
  return { index, library, sessionStore };
}

/** Profiles and the admin lock, the audit log, escalations. */
async function createPeople(config: CoreConfig, { logger, events }: Platform, sessionStore: SessionStore, disposables: Disposables) {
  const p = config.paths;
  const accessStore = new AccessStore(join(p.userData, 'access.json'), logger.child('access'));
  await accessStore.open();
  const access = new AccessService({ store: accessStore, logger: logger.child('access'), asksPerMinute: config.asksPerMinute ?? 20 });
  const audit = new AuditLog(join(p.userData, 'audit.jsonl'), logger.child('audit'));
  const escalations = new EscalationService({ path: join(p.userData, 'escalations.json'), session: (id) => sessionStore.get(id), events });
  await escalations.open();
  disposables.push(accessStore, audit, escalations);
  return { access, audit, escalations };
}

/** Models, then search (its vector source and reranker come from them), then the answer line. */
async function createRetrieval(config: CoreConfig, { logger, events, jobs, settings }: Platform, { index }: { index: LanceStore }, disposables: Disposables) {
  const models = await ModelManager.create({ modelsDir: config.paths.models, threads: config.threads, settings, jobs, events, logger: logger.child('models'), store: index });
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
    pageTexts: (pages) => search.pageTexts(pages),
    termWeights: () => search.termWeights(),
    logger: logger.child('answer')
  });
  disposables.push(answer);
  return { models, search, answer };
}

/** Chat over the sessions, session management and exports. */
function createConversation(
  config: CoreConfig,
  { logger, events, settings }: Platform,
  { index, sessionStore }: { index: LanceStore; sessionStore: SessionStore },
  { models, search, answer }: Pick<Services, 'models' | 'search' | 'answer'>,
  escalations: EscalationService,
  disposables: Disposables
) {
  // Without a loaded chat model, chat runs in search-only mode.
  const chatEngine = (): ChatEnginePort | undefined => (models.chatEngine.isLoaded() ? models.chatEngine : undefined);
  const chat = new ChatService({
    store: sessionStore,
    search: () => search,
    engine: chatEngine,
    answer: () => answer,
    documents: documentInfoFromIndex(() => index.documents()),
    retrieval: () => settings.get().retrieval,
    modelActions: () => settings.get().models.actions,
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
    defaultDir: join(config.paths.userData, 'exports'),
    allowCustomBaseDir: config.host !== 'web',
    appVersion: config.version
  });
  disposables.push(sessionStore, sessions, chat);
  return { chat, sessions, exporter };
}

/** Backups, knowledge packs and training: features over the library that own their own files. */
async function createDataServices(
  config: CoreConfig,
  { logger, events, jobs, settings }: Platform,
  { index, library }: { index: LanceStore; library: LibraryService },
  models: ModelManager,
  disposables: Disposables
) {
  const p = config.paths;
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
  return { backup, packs, training };
}
