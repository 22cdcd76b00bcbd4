import { join } from 'node:path';
import type { HostKind } from '../../shared/contract/app';

export type { HostKind };

export interface CorePaths {
  userData: string;
  library: string;
  index: string;
  models: string;
  sessions: string;
  logs: string;
  settings: string;
}

export interface CoreConfig {
  paths: CorePaths;
  host: HostKind;
  version: string;
  /** Log level and echo; tests keep logs quiet. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  logEcho?: boolean;
  /** Thread count for node-llama-cpp; 0 = physical cores (never the library's default of 4). */
  threads?: number;
  /**
   * Reload the chat/embedding models remembered in settings, in the background (default true).
   * The app and web host want this; a one-shot CLI command that never uses a model does not.
   */
  restoreModels?: boolean;
  /** Questions per minute one web-host device may ask (default 20; 0 = no limit). */
  asksPerMinute?: number;
}

/** Every folder Benchmate writes to, derived from the one userData folder. */
export function pathsFor(userData: string): CorePaths {
  return {
    userData,
    library: join(userData, 'library'),
    index: join(userData, 'index'),
    models: join(userData, 'models'),
    sessions: join(userData, 'sessions'),
    logs: join(userData, 'logs'),
    settings: join(userData, 'settings.json')
  };
}
