/**
 * "Open in the system PDF viewer" (host.openDocument) for the desktop app. The window names a
 * document id, never a path: the path is the library's own stored copy, checked to lie inside the
 * library folder and to be a regular file before the operating system is asked to open it.
 */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { AppError } from '../core/platform/errors';

export interface OpenDocumentDeps {
  /** The stored file of a document (library.get's storedPath); throws NOT_FOUND for an unknown id. */
  storedPath(docId: string): Promise<string>;
  libraryDir: string;
  /** Electron's shell.openPath: resolves to '' on success, else the reason. */
  openPath(path: string): Promise<string>;
}

export function openDocumentHandler(d: OpenDocumentDeps): Pick<Handlers, 'host.openDocument'> {
  return {
    'host.openDocument': async ({ docId }) => {
      const path = resolve(await d.storedPath(docId));
      const root = resolve(d.libraryDir);
      if (!path.startsWith(root + sep)) throw new AppError('FORBIDDEN', 'Only manuals stored in the library can be opened.');
      const st = await stat(path).catch(() => null);
      if (!st?.isFile()) throw new AppError('NOT_FOUND', 'The stored copy of this manual is missing; import it again.');
      const failure = await d.openPath(path);
      if (failure) throw new AppError('INTERNAL', `The system could not open the PDF: ${failure}`);
      return { opened: true as const };
    }
  };
}
