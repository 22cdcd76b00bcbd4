import { z } from 'zod';
import { method } from './define';
import { noInput } from './common';
import { chatStats } from './sessions';

export const componentHealth = z.object({
  name: z.string(),
  status: z.enum(['ok', 'degraded', 'error', 'off']),
  detail: z.string()
});
export type ComponentHealth = z.infer<typeof componentHealth>;

/** Which program runs the core: the desktop app, the web host, the CLI or a test. */
export const hostKind = z.enum(['electron', 'web', 'cli', 'test']);
export type HostKind = z.infer<typeof hostKind>;

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  host: hostKind,
  paths: z.object({
    userData: z.string(),
    library: z.string(),
    index: z.string(),
    models: z.string(),
    sessions: z.string(),
    logs: z.string(),
    settings: z.string()
  })
});
export type AppInfo = z.infer<typeof appInfo>;

export const appHealth = z.object({
  status: z.enum(['ok', 'degraded', 'error']),
  components: z.array(componentHealth),
  checkedAt: z.string()
});
export type AppHealth = z.infer<typeof appHealth>;

/** Usage statistics; sections per feature so others can add theirs. */
export const appStats = z.object({ chat: chatStats, computedAt: z.string() });
export type AppStats = z.infer<typeof appStats>;

export const appMethods = {
  info: method(noInput, appInfo, 'Version, platform and the folders Benchmate uses.'),
  health: method(noInput, appHealth, 'Status of each core component (index, models, jobs, ...).'),
  stats: method(noInput, appStats, 'Usage numbers: sessions, messages, time to first token, tokens/s, refusals.')
};
