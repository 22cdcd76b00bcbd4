/**
 * The ONLY place that asks Electron for a folder (`app.getPath`). Everything else receives paths
 * through CoreConfig. Tests and power users override userData with `--data-dir DIR` or the
 * BENCHMATE_DATA_DIR environment variable (same switches as the CLI and the web host).
 */
import { resolve } from 'node:path';

/** The slice of Electron's `app` this module needs (a fake in unit tests). */
export interface PathApp {
  getPath(name: 'userData'): string;
  setPath(name: 'userData', value: string): void;
}

export function dataDirOverride(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--data-dir=')) return resolve(a.slice('--data-dir='.length));
    if (a === '--data-dir' && argv[i + 1] && !argv[i + 1].startsWith('--')) return resolve(argv[i + 1]);
  }
  return env.BENCHMATE_DATA_DIR ? resolve(env.BENCHMATE_DATA_DIR) : undefined;
}

/**
 * Resolves userData and, when overridden, points Electron itself there too (its caches and
 * storage), so a test run never touches the real profile. Call before `app.whenReady()`.
 */
export function resolveUserData(app: PathApp, argv: readonly string[], env: Record<string, string | undefined>): string {
  const override = dataDirOverride(argv, env);
  if (override) {
    app.setPath('userData', override);
    return override;
  }
  return app.getPath('userData');
}
