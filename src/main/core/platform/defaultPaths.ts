import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The userData folder Electron would use (`app.getPath('userData')` for an app named
 * Benchmate), computed without Electron so the CLI and web host share the app's library.
 */
export function defaultUserDataDir(): string {
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Benchmate');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Benchmate');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Benchmate');
  }
}
