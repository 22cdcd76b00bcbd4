/**
 * The one contract between the renderer and the core. Methods are grouped by namespace; the
 * wire name of a method is `<namespace>.<method>` and every transport (Electron IPC, the web
 * host's WebSocket, the CLI) derives its channel names from this object — never by hand.
 *
 * To add a feature: write `contract/<feature>.ts` exporting `<feature>Methods` (and events),
 * then add one line to `contract` (and `events`) below.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import type { MethodDef } from './define';
import { appMethods } from './app';
import { hostMethods } from './host';
import { jobsEvents, jobsMethods } from './jobs';
import { settingsEvents, settingsMethods } from './settings';
import { libraryEvents, libraryMethods } from './library';
import { searchEvents, searchMethods } from './search';
import { chatEvents, chatMethods } from './chat';
import { sessionsEvents, sessionsMethods } from './sessions';
import { exportMethods } from './export';
import { modelsEvents, modelsMethods } from './models';
import { backupMethods, packMethods } from './backup';
import { accessMethods, auditMethods } from './access';
import { escalationsEvents, escalationsMethods } from './escalations';
import { actionsMethods } from './actions';
import { trainingEvents, trainingMethods } from './training';

export const contract = {
  app: appMethods,
  host: hostMethods,
  jobs: jobsMethods,
  settings: settingsMethods,
  library: libraryMethods,
  search: searchMethods,
  chat: chatMethods,
  sessions: sessionsMethods,
  export: exportMethods,
  models: modelsMethods,
  backup: backupMethods,
  pack: packMethods,
  access: accessMethods,
  audit: auditMethods,
  escalations: escalationsMethods,
  actions: actionsMethods,
  training: trainingMethods
} satisfies Record<string, Record<string, MethodDef>>;

export const events = {
  ...jobsEvents,
  ...settingsEvents,
  ...libraryEvents,
  ...searchEvents,
  ...chatEvents,
  ...sessionsEvents,
  ...modelsEvents,
  ...escalationsEvents,
  ...trainingEvents
} satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName = {
  [N in Namespace]: `${N}.${keyof Contract[N] & string}`;
}[Namespace];

type DefOf<M extends MethodName> = M extends `${infer N extends Namespace}.${infer K}`
  ? K extends keyof Contract[N]
    ? Contract[N][K]
    : never
  : never;

/** What a caller passes (before defaults are applied). */
export type MethodInput<M extends MethodName> = z.input<DefOf<M>['input']>;
/** What a handler receives (after zod parsing and defaults). */
export type ParsedInput<M extends MethodName> = z.output<DefOf<M>['input']>;
export type MethodOutput<M extends MethodName> = z.output<DefOf<M>['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type EventMap = { [E in EventName]: EventPayload<E> };

/**
 * Who is calling, as the dispatcher resolved it before the handler runs (roles.ts says what each
 * method needs). `profile` is null only for `public` methods called before signing in.
 */
export interface CallContext {
  /** The caller's seat (one window, one web-host socket, the CLI), for access.* to sign it in or out. */
  seatId: string;
  transport: 'local' | 'desktop' | 'web';
  profile: { id: string; name: string; role: 'technician' | 'admin' } | null;
  /** An admin profile with the admin lock open: may run admin methods and see every session. */
  admin: boolean;
}

/** Server side: one async function per method; thrown AppErrors become Result errors. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>>;
};

type ClientFn<I, O> = undefined extends I
  ? (input?: I) => Promise<Result<O>>
  : (input: I) => Promise<Result<O>>;

/** Client side: `api.library.list()` etc., plus `api.on(event, cb)` returning an unsubscribe. */
export type Api = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? ClientFn<z.input<I>, z.output<O>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const methodNames: MethodName[] = (Object.keys(contract) as Namespace[]).flatMap((ns) =>
  Object.keys(contract[ns]).map((k) => `${ns}.${k}` as MethodName)
);
export const eventNames = Object.keys(events) as EventName[];

export function methodDef(name: string): MethodDef | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  // Own properties only: "__proto__.toString" or "constructor.name" must not reach Object's members.
  const nsName = name.slice(0, dot);
  const ns = Object.prototype.hasOwnProperty.call(contract, nsName) ? (contract[nsName as Namespace] as Record<string, MethodDef>) : undefined;
  return ns && Object.prototype.hasOwnProperty.call(ns, name.slice(dot + 1))
    ? ns[name.slice(dot + 1)]
    : undefined;
}

/** Electron IPC channel names, derived from the method/event names. */
export const ipcChannel = (name: MethodName): string => `benchmate:${name}`;
export const ipcEventChannel = (name: EventName): string => `benchmate:event:${name}`;
