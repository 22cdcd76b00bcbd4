import type { Handlers } from '../../../shared/contract';
import type { Core } from '../createCore';

type PlatformHandlers = Pick<Handlers, 'app.info' | 'app.health' | 'jobs.list' | 'jobs.cancel'>;

export function platformHandlers(core: Pick<Core, 'config' | 'jobs' | 'health'>): PlatformHandlers {
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
