import type { Handlers } from '../../../shared/contract';
import { AppError } from '../platform/errors';
import type { SettingsService } from './settingsService';

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => settings.get(),
    // roles.ts lets any profile call this for the theme (`ui`); everything else is an admin setting.
    'settings.update': async (patch, ctx) => {
      if (!ctx.admin && Object.keys(patch ?? {}).some((k) => k !== 'ui')) throw new AppError('FORBIDDEN', 'Only an admin can change these settings.', { reason: 'role' });
      return settings.update(patch);
    }
  };
}
