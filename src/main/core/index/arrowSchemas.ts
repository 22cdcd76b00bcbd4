/**
 * Explicit Arrow schemas for the tables described in schema.ts. Explicit (not inferred from the
 * first rows) so an empty table can be created up front and list columns are never guessed as
 * `null` typed when the first document has no tags.
 */
import { Field, Float64, Int32, List, Schema, Utf8 } from './arrow';

const str = (name: string) => new Field(name, new Utf8(), false);
const int = (name: string) => new Field(name, new Int32(), false);
const num = (name: string) => new Field(name, new Float64(), false);
/** list<utf8>; filter with `array_has(`col`, 'X')` / `array_has_any(...)`. */
export const strList = (name: string) => new Field(name, new List(new Field('item', new Utf8(), true)), false);

export const documentsSchema = new Schema([
  str('id'),
  str('sha256'),
  str('title'),
  str('fileName'),
  str('storedPath'),
  num('bytes'),
  int('pageCount'),
  strList('machineModels'),
  strList('tags'),
  str('language'),
  str('revision'),
  str('notes'),
  str('status'),
  str('statusDetail'),
  str('importedAt'),
  str('updatedAt'),
  str('qualityJson'),
  str('pageLabelsJson'),
  str('outlineJson')
]);

export const pagesSchema = new Schema([str('id'), str('docId'), int('page'), str('pageLabel'), str('sectionPath'), str('text')]);

export const chunksSchema = new Schema([
  str('id'),
  str('docId'),
  str('docTitle'),
  int('page'),
  int('pageEnd'),
  str('pageLabel'),
  str('sectionPath'),
  int('ordinal'),
  str('text'),
  int('charStart'),
  int('charEnd'),
  str('searchText'),
  strList('machineModels'),
  strList('tags'),
  str('language')
]);
