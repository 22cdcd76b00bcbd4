/**
 * Format and schema versions written into backups and packs. Bump a schema version when the
 * stored shape changes incompatibly; an archive with a higher number than the running app knows
 * is refused (its data could be misread), a lower one is migrated on restore/import.
 */
export const BACKUP_FORMAT = 'benchmate-backup';
export const PACK_FORMAT = 'benchmate-pack';
export const BACKUP_HEAD = 'backup.json';
export const PACK_HEAD = 'pack.json';
export const FORMAT_VERSION = 1;

export const SCHEMA_VERSIONS = {
  /** LanceDB tables documents/pages/chunks + vector tables (index/schema.ts). */
  index: 1,
  /** settings.json (contract/settings.ts `version`). */
  settings: 1,
  /** Session journals and their index (sessions/). */
  sessions: 1
} as const;

export type SchemaVersions = { [K in keyof typeof SCHEMA_VERSIONS]: number };

/** The first schema (or the format) that is newer than this app knows, as a sentence; null when all are known. */
export function newerThanKnown(what: string, appVersion: string, formatVersion: number, schemas: Partial<SchemaVersions>): string | null {
  if (formatVersion > FORMAT_VERSION) {
    return `This ${what} was made by Benchmate ${appVersion} in format ${formatVersion}; this app reads format ${FORMAT_VERSION} and older. Update Benchmate first.`;
  }
  for (const [k, v] of Object.entries(schemas)) {
    const known = SCHEMA_VERSIONS[k as keyof SchemaVersions];
    if (known !== undefined && typeof v === 'number' && v > known) {
      return `This ${what} was made by Benchmate ${appVersion} with ${k} schema ${v}; this app knows ${k} schema ${known} and older. Update Benchmate first.`;
    }
  }
  return null;
}
