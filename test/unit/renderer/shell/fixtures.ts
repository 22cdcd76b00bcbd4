import type { AppHealth, AppInfo } from '../../../../src/shared/contract/app';
import type { JobSnapshot } from '../../../../src/shared/contract/jobs';
import { settingsSchema, type Settings } from '../../../../src/shared/contract/settings';

export const sampleInfo = (): AppInfo => ({
  name: 'Benchmate',
  version: '1.2.3',
  platform: 'linux',
  arch: 'x64',
  nodeVersion: '20.20.0',
  host: 'web',
  paths: {
    userData: '/tmp/u',
    library: '/tmp/u/library',
    index: '/tmp/u/index',
    models: '/tmp/u/models',
    sessions: '/tmp/u/sessions',
    logs: '/tmp/u/logs',
    settings: '/tmp/u/settings.json'
  }
});

export const sampleHealth = (status: AppHealth['status'] = 'ok'): AppHealth => ({
  status,
  components: [
    { name: 'jobs', status: 'ok', detail: 'idle' },
    { name: 'index', status: status === 'ok' ? 'ok' : 'error', detail: status === 'ok' ? '3 documents' : 'cannot open' }
  ],
  checkedAt: '2026-01-01T00:00:00.000Z'
});

/** Defaults straight from the real schema, so the fake never drifts from the contract. */
export const defaultSettings = (): Settings => settingsSchema.parse({});

export const job = (over: Partial<JobSnapshot> = {}): JobSnapshot => ({
  jobId: 'j1',
  kind: 'library.import',
  title: 'manual.pdf',
  status: 'running',
  phase: 'parse',
  done: 1,
  total: 10,
  startedAt: '2026-01-01T00:00:00.000Z',
  ...over
});
