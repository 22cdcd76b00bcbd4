import type { Handlers } from '../../../shared/contract';
import { AppError } from '../platform/errors';

type HostHandlers = Pick<Handlers, 'host.pickFiles' | 'host.saveFile' | 'host.openDocument'>;

/**
 * Default (headless) host handlers: native dialogs do not exist in the web host, CLI or tests.
 * The Electron adapter replaces these at its transport (see src/main/app/dialogs.ts).
 */
export function hostHandlers(): HostHandlers {
  const absent = (name: string) => async (): Promise<never> => {
    throw new AppError('NOT_FOUND', `${name} is only available in the desktop app.`);
  };
  return {
    'host.pickFiles': absent('host.pickFiles'),
    'host.saveFile': absent('host.saveFile'),
    'host.openDocument': async () => {
      throw new AppError('NOT_FOUND', 'Opening a manual in the system PDF viewer is not available in the browser: use "Open whole document" (a new tab or a download).');
    }
  };
}
