import { z } from 'zod';
import { MAX_ID } from './common';
import { method } from './define';
import { noInput } from './common';
import { backupSettings } from './backup';

/**
 * Persisted user settings. Every field has a default so an older or partial file still parses;
 * `version` lets a future release migrate the file explicitly.
 */
export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  ui: z
    .object({ theme: z.enum(['system', 'light', 'dark']).default('system') })
    .prefault({}),
  retrieval: z
    .object({
      resultsPerAnswer: z.number().int().min(1).max(20).default(5),
      // Calibrated on eval-dev (the eval prints the sweep): 0.10 declines 3/8 unanswerable and 1/42 answerable
      // (0.12: 4/8 and 2/42); with "never mentioned" terms 5/8 unanswerable are flagged either way.
      evidenceThreshold: z.number().min(0).max(1).default(0.1),
      rrfK: z.number().int().min(1).max(1000).default(60)
    })
    .prefault({}),
  models: z
    .object({
      threads: z.number().int().min(0).max(256).default(0).describe('0 = physical cores'),
      contextSize: z.number().int().min(0).default(0).describe('0 = auto (fit memory)'),
      gpu: z.enum(['auto', 'off', 'cuda', 'vulkan', 'metal']).default('auto'),
      chatModelId: z.string().max(MAX_ID).nullable().default(null),
      embeddingModelId: z.string().max(MAX_ID).nullable().default(null),
      rerankerModelId: z.string().max(MAX_ID).nullable().default(null),
      actions: z
        .enum(['auto', 'always', 'off'])
        .default('auto')
        .describe("assistant actions the chat model may call: 'auto' = models with their own function-call format, 'always' = also node-llama-cpp's generic one")
    })
    .prefault({}),
  library: z
    .object({
      // Import limits: a file over one fails alone with the limit named (see parseLimits.ts).
      maxFileBytes: z.number().int().positive().default(200 * 1024 * 1024),
      maxPages: z.number().int().positive().default(5000),
      parseMemoryMb: z.number().int().min(64).max(16384).default(1024).describe('heap ceiling of a PDF parse worker'),
      parseTimeLimitSec: z.number().int().min(1).max(86400).default(600).describe('time budget for reading one file'),
      maxStreamBytes: z.number().int().positive().default(256 * 1024 * 1024).describe('largest size one compressed PDF stream may expand to'),
      ocrAuto: z.boolean().default(true).describe('OCR scanned pages automatically on import'),
      ocrLanguage: z.string().trim().min(1).max(100).default('eng').describe("Tesseract language code(s), '+'-joined"),
      ocrLangPath: z.string().max(4096).default('').describe("Folder with <lang>.traineddata.gz; '' = the @tesseract.js-data/<lang> package"),
      // Measured (bench:ocr + the eval-dev scan): 200 dpi reads as many words as 300 (98.6% vs 97.3% on
      // the generated scan; same confidence on the 200-dpi gputils scan) and is ~20% faster.
      ocrDpi: z.number().int().min(100).max(600).default(200)
    })
    .prefault({}),
  sessions: z
    .object({ retentionDays: z.number().int().positive().nullable().default(null) })
    .prefault({}),
  backup: backupSettings
});
export type Settings = z.infer<typeof settingsSchema>;

/** A deep-partial patch: only the sections/fields being changed. */
export const settingsPatch = z
  .object({
    ui: settingsSchema.shape.ui.unwrap().partial().optional(),
    retrieval: settingsSchema.shape.retrieval.unwrap().partial().optional(),
    models: settingsSchema.shape.models.unwrap().partial().optional(),
    library: settingsSchema.shape.library.unwrap().partial().optional(),
    sessions: settingsSchema.shape.sessions.unwrap().partial().optional(),
    backup: settingsSchema.shape.backup.unwrap().partial().optional()
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatch>;

export const settingsMethods = {
  get: method(noInput, settingsSchema, 'Current settings.'),
  update: method(settingsPatch, settingsSchema, 'Apply a partial update; returns the saved settings.')
};

export const settingsEvents = {
  'settings.changed': settingsSchema
};
