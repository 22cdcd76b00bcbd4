/**
 * Building LanceDB `where` filters safely. LanceDB filters are SQL (DataFusion) strings, so every
 * value that comes from a user or a file must be escaped; column names are camelCase and must be
 * back-quoted or DataFusion would lower-case them.
 */

/** A quoted SQL string literal: `it's` → `'it''s'`. Rejects NUL (DataFusion can't represent it). */
export function sqlString(value: string): string {
  return `'${value.replace(/\u0000/g, '').replace(/'/g, "''")}'`;
}

/** A back-quoted column name: `docId` → `` `docId` ``. */
export function sqlColumn(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Bad column name: ${name}`);
  return `\`${name}\``;
}

/** `col = 'v'` */
export function sqlEq(column: string, value: string | number): string {
  return `${sqlColumn(column)} = ${typeof value === 'number' ? String(value) : sqlString(value)}`;
}

/** `col IN ('a','b')`; an empty list yields a filter matching nothing. */
export function sqlIn(column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `${sqlColumn(column)} IN (${values.map(sqlString).join(', ')})`;
}

/** For list<utf8> columns (machineModels, tags): true when the row's list shares any value. */
export function sqlListHasAny(column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false';
  return `array_has_any(${sqlColumn(column)}, make_array(${values.map(sqlString).join(', ')}))`;
}

/** AND-joins non-empty clauses, each parenthesised; undefined when there is nothing to filter. */
export function sqlAnd(...clauses: Array<string | undefined | false>): string | undefined {
  const parts = clauses.filter((c): c is string => typeof c === 'string' && c.length > 0);
  return parts.length ? parts.map((c) => `(${c})`).join(' AND ') : undefined;
}
