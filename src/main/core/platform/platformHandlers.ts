import type { Handlers } from '../../../shared/contract';
import type { AppHealth } from '../../../shared/contract/app';
import type { CoreConfig } from '../config';
import type { JobRunner } from './jobRunner';

type PlatformHandlers = Pick<Handlers, 'app.info' | 'app.health' | 'jobs.list' | 'jobs.cancel'>;

/** What the platform methods read (declared here, not taken from Core: no cycle with createCore). */
export interface PlatformPorts {
  config: Pick<CoreConfig, 'version' | 'host' | 'paths'>;
  jobs: Pick<JobRunner, 'list' | 'cancel'>;
  health(): Promise<AppHealth>;
}

export function platformHandlers(core: PlatformPorts): PlatformHandlers {
  return {
    'app.info': async () => ({
      name: 'Benchmate',
      version: core.config.version,
      platform: process.platform,
      arch: process.arch,
      nodeVersion: process.versions.node,
      host: core.config.host,
      paths: { ...core.config.paths }
    }),
    'app.health': () => core.health(),
    'jobs.list': async () => core.jobs.list(),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: core.jobs.cancel(jobId) })
  };
}
