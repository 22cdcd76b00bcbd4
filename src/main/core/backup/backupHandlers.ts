import type { Handlers } from '../../../shared/contract';
import type { BackupService } from './backupService';
import type { PackService } from './packService';

type BackupMethods = 'backup.create' | 'backup.verify' | 'backup.restore' | 'backup.list' | 'pack.export' | 'pack.preview' | 'pack.import';

export function backupHandlers(backup: BackupService, packs: PackService): Pick<Handlers, BackupMethods> {
  // Jobs report their own failures (jobs.finished); the returned promise is only for in-process callers.
  const started = <T extends { done: Promise<unknown> }>(j: T): Omit<T, 'done'> => {
    j.done.catch(() => {});
    const { done: _done, ...rest } = j;
    return rest;
  };
  return {
    'backup.create': async (input) => started(backup.create({ withModels: input?.withModels })),
    'backup.verify': async ({ path }) => started(backup.verify(path)),
    'backup.restore': async ({ path }) => started(backup.restore(path)),
    'backup.list': async () => ({ folder: backup.folder(), backups: await backup.list() }),
    'pack.export': async ({ out, ...sel }) => started(packs.export({ ...sel, out })),
    'pack.preview': ({ path }) => packs.preview(path),
    'pack.import': async ({ path, replace }) => started(packs.import(path, { replace }))
  };
}
