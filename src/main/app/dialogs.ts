/**
 * Electron implementations of the desktop-only `host.*` contract methods (native open/save
 * dialogs). The core answers NOT_FOUND for these; the adapter overrides them at its transport.
 */
import { writeFile } from 'node:fs/promises';
import type { Handlers } from '../../shared/contract';
import { writeFileAtomic } from '../core/platform/atomicFile';
import type { PathGrants } from '../core/platform/pathGrants';

export interface DialogLike {
  showOpenDialog(options: {
    title?: string;
    properties: Array<'openFile' | 'multiSelections'>;
    filters?: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    defaultPath?: string;
    filters?: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

type DialogHandlers = Pick<Handlers, 'host.pickFiles' | 'host.saveFile'>;

/**
 * With `grants`, the open dialog answers opaque grants instead of paths (see pathGrants.ts): the
 * renderer passes them on to e.g. library.import and never learns or names a path itself.
 */
export function dialogHandlers(
  dialog: DialogLike,
  write: (path: string, data: Buffer) => Promise<void> = defaultWrite,
  grants?: PathGrants
): DialogHandlers {
  return {
    'host.pickFiles': async ({ title, filters, multiple }) => {
      const r = await dialog.showOpenDialog({
        title,
        filters,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile']
      });
      const paths = r.canceled ? [] : r.filePaths;
      return { paths: grants ? paths.map((p) => grants.grant(p)) : paths };
    },
    'host.saveFile': async ({ suggestedName, base64, filters }) => {
      const r = await dialog.showSaveDialog({ defaultPath: suggestedName, filters });
      if (r.canceled || !r.filePath) return { path: null };
      await write(r.filePath, Buffer.from(base64, 'base64'));
      return { path: r.filePath };
    }
  };
}

async function defaultWrite(path: string, data: Buffer): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch {
    // Some destinations (network shares, removable media) refuse rename; fall back to a plain write.
    await writeFile(path, data);
  }
}
