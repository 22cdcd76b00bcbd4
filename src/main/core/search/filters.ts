import type { SearchFilters } from '../../../shared/contract/search';
import { sqlAnd, sqlColumn, sqlIn, sqlListHasAny, sqlString } from '../index/sql';

/**
 * Turns user filters into one LanceDB prefilter. Every value goes through the shared escaping
 * helpers (index/sql.ts); empty lists mean "no restriction" so a UI can pass its state as-is.
 * `hiddenDocIds` are documents that are not fully indexed (importing/failed) and must never show.
 */
export function buildWhere(filters: SearchFilters, hiddenDocIds: readonly string[] = []): string | undefined {
  return sqlAnd(
    filters.documentIds?.length ? sqlIn('docId', filters.documentIds) : undefined,
    filters.machineModels?.length ? sqlListHasAny('machineModels', filters.machineModels) : undefined,
    filters.tags?.length ? sqlListHasAny('tags', filters.tags) : undefined,
    filters.language ? languageClause(filters.language) : undefined,
    hiddenDocIds.length ? `NOT (${sqlIn('docId', hiddenDocIds)})` : undefined
  );
}

/** `en` matches `en` and regional variants (`en-GB`); the value is reduced to BCP-47 characters. */
function languageClause(language: string): string {
  const lang = language.replace(/[^A-Za-z0-9-]/g, '');
  if (!lang) return 'false';
  const col = sqlColumn('language');
  return `${col} = ${sqlString(lang)} OR ${col} LIKE ${sqlString(`${lang}-%`)}`;
}
