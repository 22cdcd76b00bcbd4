import { z } from 'zod';
import { method } from './define';
import { idString, isoDate, jobStarted, MAX_LIST, MAX_PATH, nameString, noInput, pathString } from './common';

/**
 * Backups (the whole data folder as one .tar) and knowledge packs (selected documents with their
 * rows and vectors, to hand a prepared library to other offline machines). Long work runs as
 * jobs (progress in bytes); a job's result is the summary shown to the user.
 */
export const backupSettings = z
  .object({
    /** Where "Back up now" and scheduled backups go; '' = <data folder>/backups. */
    folder: z.string().max(MAX_PATH).default(''),
    /** Scheduled backup every N days; 0 = off. */
    everyDays: z.number().int().min(0).max(365).default(0),
    /** Keep the newest N backups in the folder; older ones are deleted after a scheduled backup. */
    keep: z.number().int().min(1).max(100).default(5)
  })
  .prefault({});
export type BackupSettings = z.infer<typeof backupSettings>;

export const backupEntry = z.object({
  path: z.string(),
  bytes: z.number(),
  createdAt: isoDate,
  documents: z.number().nullable(),
  appVersion: z.string().nullable()
});
export type BackupEntry = z.infer<typeof backupEntry>;

/** Result of a finished backup.create job. */
export const backupInfo = z.object({ path: z.string(), bytes: z.number(), files: z.number(), documents: z.number(), createdAt: isoDate });
export type BackupInfo = z.infer<typeof backupInfo>;

const pathInput = z.object({ path: pathString }).strict();

export const backupMethods = {
  create: method(
    z.object({ withModels: z.boolean().default(false) }).strict().optional(),
    jobStarted.extend({ path: z.string() }),
    'Back up the data folder now (model files only with withModels); a job with bytes done/total.'
  ),
  verify: method(pathInput, jobStarted, 'Check every file of a backup against its sha256 (job; fails naming the first bad file).'),
  restore: method(
    pathInput,
    jobStarted,
    'Verify and unpack a backup beside the data folder; it replaces the current data when the app next starts.'
  ),
  list: method(noInput, z.object({ folder: z.string(), backups: z.array(backupEntry) }), 'Backups in the backup folder, newest first.')
};

export const packSelection = z
  .object({
    docIds: z.array(idString).max(MAX_LIST).optional(),
    machineModels: z.array(nameString).max(MAX_LIST).optional(),
    tags: z.array(nameString).max(MAX_LIST).optional()
  })
  .strict();
export type PackSelection = z.infer<typeof packSelection>;

export const packDocChange = z.object({
  docId: z.string(),
  title: z.string(),
  revision: z.string(),
  action: z.enum(['add', 'skip', 'replace']),
  /** For replace: the local document the pack's newer revision replaces. */
  replacesDocId: z.string().nullable(),
  replacesRevision: z.string().nullable(),
  reason: z.string()
});
export type PackDocChange = z.infer<typeof packDocChange>;

export const packPreview = z.object({
  path: z.string(),
  appVersion: z.string(),
  createdAt: isoDate,
  changes: z.array(packDocChange),
  /** Vectors in the pack that this library can reuse; otherwise the documents are re-embedded. */
  vectors: z.object({ reused: z.boolean(), detail: z.string() })
});
export type PackPreview = z.infer<typeof packPreview>;

export const packImportResult = packPreview.extend({ added: z.number(), replaced: z.number(), skipped: z.number() });
export type PackImportResult = z.infer<typeof packImportResult>;

export const packExportResult = z.object({ path: z.string(), bytes: z.number(), documents: z.number() });
export type PackExportResult = z.infer<typeof packExportResult>;

export const packMethods = {
  export: method(
    packSelection.extend({ out: pathString.optional() }).strict(),
    jobStarted.extend({ path: z.string() }),
    'Write the selected documents (pages, chunks, vectors, PDFs) to a knowledge pack; a job.'
  ),
  preview: method(pathInput, packPreview, 'Read a pack (verifying it) and say what importing it would change.'),
  import: method(
    z.object({ path: pathString, replace: z.boolean().default(false) }).strict(),
    jobStarted,
    'Merge a pack: same file skipped, a newer revision replaced only with replace=true; a job.'
  )
};
