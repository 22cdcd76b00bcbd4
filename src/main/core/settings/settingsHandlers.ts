import type { Handlers } from '../../../shared/contract';
import type { SettingsService } from './settingsService';

export function settingsHandlers(settings: SettingsService): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => settings.get(),
    'settings.update': (patch) => settings.update(patch)
  };
}
