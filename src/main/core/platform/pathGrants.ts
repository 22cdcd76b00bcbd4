import { randomUUID } from 'node:crypto';
import type { Result } from '../../../shared/result';
import { AppError, echo, toErrorData } from './errors';

/**
 * File-path capabilities for a renderer that must not name paths itself (the Electron window).
 * The user's choice in a native dialog (or a drop) is the only source of paths: the adapter turns
 * each chosen path into an opaque grant (`grant:<uuid>`) and hands the renderer that instead. Calls
 * from the renderer then carry grants, which are swapped back for the real paths here; a raw path
 * (or an unknown grant) is refused. So a compromised renderer cannot make the core read a PDF the
 * user never picked or write a report into e.g. an autostart folder.
 * The web host (uploads) and the CLI (its own arguments) keep their own rules and do not use this.
 */
export type GrantKind = 'read';

const PREFIX = 'grant:';

export class PathGrants {
  private readonly grants = new Map<string, { path: string; kind: GrantKind }>();

  /** A grant for a path the user chose. */
  grant(path: string, kind: GrantKind = 'read'): string {
    const token = `${PREFIX}${randomUUID()}`;
    this.grants.set(token, { path, kind });
    return token;
  }

  /** The real path behind a grant; FORBIDDEN for a raw path or a grant we never issued. */
  resolve(token: string, kind: GrantKind = 'read'): string {
    const g = this.grants.get(token);
    if (!g || g.kind !== kind) {
      throw new AppError(
        'FORBIDDEN',
        token.startsWith(PREFIX)
          ? 'That file grant is unknown (choose the file again).'
          : `The app may only use files you chose in a dialog or dropped on it, not "${echo(token, 60)}".`
      );
    }
    return g.path;
  }

  clear(): void {
    this.grants.clear();
  }
}

/**
 * Rewrites the path-carrying inputs of a contract call from grants to real paths, or throws
 * FORBIDDEN. Covers every method that takes a path: imports read granted files; `export.run` may
 * only write into the app's own exports folder (no `baseDir`; the window saves elsewhere through
 * the native save dialog, `host.saveFile`).
 */
export function applyPathGrants(grants: PathGrants, method: string, input: unknown): unknown {
  const i = input as Record<string, unknown> | undefined;
  if (!i || typeof i !== 'object') return input;
  switch (method) {
    case 'library.import':
      return Array.isArray(i.paths) ? { ...i, paths: i.paths.map((p) => grants.resolve(String(p))) } : input;
    case 'models.import':
      return typeof i.path === 'string' ? { ...i, path: grants.resolve(i.path) } : input;
    case 'export.run':
      if (i.baseDir !== undefined) throw new AppError('FORBIDDEN', 'Reports are saved through the save dialog; export.run writes only into the exports folder.');
      return input;
    default:
      return input;
  }
}

/** Wraps a contract call so its paths go through the grants; a refusal becomes a FORBIDDEN Result. */
export function withPathGrants<M extends string>(
  grants: PathGrants,
  call: (method: M, input: unknown) => Promise<Result<unknown>>
): (method: M, input: unknown) => Promise<Result<unknown>> {
  return async (method, input) => {
    let granted: unknown;
    try {
      granted = applyPathGrants(grants, method, input);
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
    return call(method, granted);
  };
}
