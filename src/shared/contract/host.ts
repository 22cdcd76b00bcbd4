import { z } from 'zod';
import { method } from './define';
import { idString, MAX_NAME, nameString } from './common';

/**
 * Native host features (file pickers, save dialogs). Only the Electron adapter implements them;
 * the core's default handlers answer NOT_FOUND, so the web host reports them as absent and the
 * renderer falls back to <input type=file> + POST /api/upload, and to browser downloads.
 */
export const fileFilter = z.object({
  name: z.string().min(1).max(MAX_NAME),
  /** Extensions without the dot, e.g. ['pdf']. */
  extensions: z.array(z.string().min(1).max(32)).min(1).max(50)
});

export const hostMethods = {
  pickFiles: method(
    z
      .object({
        title: nameString.optional(),
        filters: z.array(fileFilter).max(20).optional(),
        multiple: z.boolean().default(true)
      })
      .strict()
      .prefault({}),
    z.object({ paths: z.array(z.string()).describe('Absolute paths; empty when the user cancelled.') }),
    'Desktop only: native open-file dialog.'
  ),
  saveFile: method(
    z
      .object({
        suggestedName: z.string().min(1).max(MAX_NAME),
        /** Exports are reports: far below this (a 1,000-page PDF report is ~20 MB). */
        base64: z.string().max(200 * 1024 * 1024).describe('File content, base64-encoded.'),
        filters: z.array(fileFilter).max(20).optional()
      })
      .strict(),
    z.object({ path: z.string().nullable().describe('Where it was saved; null when the user cancelled.') }),
    'Desktop only: native save dialog, then writes the bytes.'
  ),
  openDocument: method(
    z.object({ docId: idString }).strict(),
    z.object({ opened: z.literal(true) }),
    "Desktop only: open a manual's stored PDF in the system's PDF viewer (the browser has no such thing: use the viewer's Open whole document)."
  )
};
