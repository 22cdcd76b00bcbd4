import { z } from 'zod';
import { method } from './define';
import { idString, MAX_LIST, nameString, noInput, pathString } from './common';

export const documentStatus = z.enum(['importing', 'ready', 'needs_ocr', 'needs_password', 'failed']);
export type DocumentStatusName = z.infer<typeof documentStatus>;

export const qualityReport = z.object({
  pageCount: z.number(),
  pagesWithoutText: z.array(z.number()),
  imageOnlyPages: z.array(z.number()).describe('Scanned pages: no text layer, images painted (OCR needed)'),
  garbledPages: z.array(z.number()),
  duplicatePages: z.array(z.tuple([z.number(), z.number()])).describe('[page, earlier page with the same text]'),
  tableHeavyPages: z.array(z.number()),
  nearEmptyPages: z.array(z.number()).describe('Some text (e.g. running header) but too little to index'),
  failedPages: z.array(z.number()),
  chunkCount: z.number(),
  partlyReadable: z
    .object({
      readablePages: z.array(z.number()),
      of: z.number().describe('Pages the file has or claims (a truncated file may have lost some)'),
      repairedWith: z.string().nullable().describe("How the file was repaired first, e.g. 'qpdf'")
    })
    .optional()
    .describe('Some pages could not be read: "partly readable: pages 1–214 of 215"'),
  warnings: z.array(z.string()).optional().describe('Structure read only in part, e.g. an outline deeper than the cap'),
  ocr: z
    .object({
      pages: z.array(z.number()).describe('Pages whose text comes from OCR'),
      meanConfidence: z.number().nullable().describe('Mean word confidence over those pages, 0-100'),
      lowConfidencePages: z.array(z.number()),
      noTextPages: z.array(z.number()).describe('Recognised, no text found (blank scans)'),
      failedPages: z.array(z.object({ page: z.number(), error: z.string() })).describe('Could not be rendered or recognised'),
      pendingPages: z.array(z.number()).describe('Not recognised yet (the run was cancelled)')
    })
    .optional()
});
export type QualityReportDto = z.infer<typeof qualityReport>;

export interface OutlineNodeDto {
  title: string;
  page: number | null;
  children: OutlineNodeDto[];
}
export const outlineNode: z.ZodType<OutlineNodeDto> = z.lazy(() =>
  z.object({ title: z.string(), page: z.number().nullable(), children: z.array(outlineNode) })
);

export const documentSummary = z.object({
  id: z.string(),
  sha256: z.string(),
  title: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  pageCount: z.number(),
  machineModels: z.array(z.string()),
  tags: z.array(z.string()),
  language: z.string(),
  revision: z.string(),
  notes: z.string(),
  status: documentStatus,
  statusDetail: z.string(),
  importedAt: z.string(),
  updatedAt: z.string(),
  quality: qualityReport.nullable()
});
export type DocumentSummary = z.infer<typeof documentSummary>;

export const documentDetail = documentSummary.extend({
  storedPath: z.string(),
  pageLabels: z.array(z.string()).describe('Printed label by physical page (index 0 = page 1)'),
  outline: z.array(outlineNode),
  chunkCount: z.number()
});
export type DocumentDetail = z.infer<typeof documentDetail>;

const list = z.array(z.string().trim().min(1).max(200)).max(100);
export const documentMetadata = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    machineModels: list.optional(),
    tags: list.optional(),
    language: z.string().max(35).optional(),
    revision: z.string().max(200).optional(),
    notes: z.string().max(10_000).optional()
  })
  .strict();
export type DocumentMetadata = z.infer<typeof documentMetadata>;

/** Job result (`jobs.finished` → `result`) of a `library.import` job that succeeded. */
export const importOutcome = z.object({
  file: z.string(),
  outcome: z.enum(['imported', 'needs_ocr', 'duplicate', 'needs_password', 'failed']),
  docId: z.string().optional(),
  title: z.string().optional(),
  pages: z.number().optional(),
  chunks: z.number().optional(),
  message: z.string()
});
export type ImportOutcome = z.infer<typeof importOutcome>;

export const libraryStats = z.object({
  documents: z.number(),
  byStatus: z.record(z.string(), z.number()),
  pages: z.number(),
  chunks: z.number(),
  libraryBytes: z.number().describe('Stored PDF copies'),
  indexBytes: z.number().describe('LanceDB folder')
});
export type LibraryStats = z.infer<typeof libraryStats>;

export const libraryChanged = z.object({
  /**
   * indexed: chunks of docIds were (re)written (import, reindex, unlock) — embed them;
   * updated: metadata changed, chunk ids unchanged but filter columns/headers rewritten;
   * deleted: docIds and all their rows are gone; status: only a status changed (no chunks).
   */
  reason: z.enum(['indexed', 'updated', 'deleted', 'status']),
  docIds: z.array(z.string())
});
export type LibraryChanged = z.infer<typeof libraryChanged>;

export const pageTextResult = z.object({
  docId: z.string(),
  page: z.number(),
  pageCount: z.number(),
  pageLabel: z.string(),
  sectionPath: z.string(),
  text: z.string().describe('Chunk offsets (charStart/charEnd) point into this text')
});
export type PageTextResult = z.infer<typeof pageTextResult>;

const docId = z.object({ id: idString }).strict();

export const ocrMode = z.enum(['auto', 'off', 'force']);

export const ocrWord = z.object({
  start: z.number().describe('Offset of the word in the page text'),
  end: z.number(),
  x0: z.number().describe('Box as fractions of the page, origin top-left'),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  conf: z.number().describe('0-100')
});
export type OcrWordDto = z.infer<typeof ocrWord>;

export const pageWordsResult = z.object({
  docId: z.string(),
  page: z.number(),
  ocr: z.boolean().describe("False when the page's text did not come from OCR (no boxes)"),
  words: z.array(ocrWord),
  confidence: z.number().nullable()
});
export type PageWordsResult = z.infer<typeof pageWordsResult>;

export const libraryMethods = {
  import: method(
    z
      .object({
        paths: z.array(pathString).min(1).max(MAX_LIST),
        metadata: documentMetadata.optional(),
        ocr: ocrMode.optional().describe('auto (default per the library.ocrAuto setting: pages without a text layer), off, or force (every page)')
      })
      .strict(),
    z.object({
      jobIds: z.array(z.string()),
      files: z.array(z.object({ path: z.string(), jobId: z.string() })),
      skipped: z.array(z.object({ path: z.string(), reason: z.string() }))
    }),
    'Import PDF files or folders (recursively); one library.import job per file, returned at once.'
  ),
  list: method(
    z
      .object({
        status: documentStatus.optional(),
        machineModel: nameString.optional(),
        tag: nameString.optional(),
        language: nameString.optional()
      })
      .strict()
      .optional(),
    z.array(documentSummary),
    'Documents in the library (newest first), optionally filtered.'
  ),
  get: method(docId, documentDetail, 'One document with page labels, outline and quality report.'),
  update: method(
    z.object({ id: idString, patch: documentMetadata }).strict(),
    documentSummary,
    'Edit title, machine models, tags, language, revision or notes (search filters follow).'
  ),
  delete: method(docId, z.object({ deleted: z.boolean() }), 'Remove a document, its rows and its stored file.'),
  reindex: method(docId, z.object({ jobId: z.string() }), 'Re-parse the stored file and rebuild its rows.'),
  unlock: method(
    z.object({ id: idString, password: z.string().max(1024) }).strict(),
    z.object({ jobId: z.string() }),
    'Retry a needs_password document with a password (the password is not stored).'
  ),
  pauseImports: method(
    z.object({ paused: z.boolean() }).strict(),
    z.object({ paused: z.boolean() }),
    'Hold (or release) the import queue: waiting imports stay queued and can be cancelled; running ones finish.'
  ),
  importsPaused: method(noInput, z.object({ paused: z.boolean() }), 'Whether the import queue is held.'),
  ocr: method(
    z.object({ id: idString, mode: z.enum(['auto', 'force']).optional() }).strict(),
    z.object({ jobId: z.string() }),
    'Run OCR on a document as a library.ocr job: pages without a text layer (auto) or every page (force); pages recognised before are kept.'
  ),
  pageWords: method(
    z.object({ docId: idString, page: z.number().int().min(1) }).strict(),
    pageWordsResult,
    'Word boxes of an OCR\'d page (viewer highlight on the scanned image).'
  ),
  stats: method(noInput, libraryStats, 'Counts of documents, pages, chunks and bytes on disk.'),
  optimize: method(
    noInput,
    z.object({ jobId: z.string() }),
    'Compact the tables and fold new rows into the search indexes now, as a library.optimize job (also runs by itself after imports, edits and deletes).'
  ),
  pageText: method(
    z.object({ docId: idString, page: z.number().int().min(1) }).strict(),
    pageTextResult,
    'Extracted text of one physical page, with its label and section path (viewer highlight).'
  ),
  fileBytes: method(
    z.object({ docId: idString }).strict(),
    z.object({ docId: z.string(), fileName: z.string(), bytes: z.number(), base64: z.string() }),
    'The stored PDF as base64 (for the renderer viewer).'
  )
};

export const libraryEvents = {
  'library.changed': libraryChanged
};
