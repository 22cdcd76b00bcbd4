import type { Table } from '../index/lanceStore';
import { sqlEq } from '../index/sql';
import type { DocumentInfoPort } from './ports';

/** Revision/title of a document, read from the documents table (citations need the revision). */
export function documentInfoFromIndex(documents: () => Table): DocumentInfoPort {
  return {
    async documentInfo(docId) {
      const rows = (await documents().query().where(sqlEq('id', docId)).select(['title', 'revision']).limit(1).toArray()) as Array<{
        title: unknown;
        revision: unknown;
      }>;
      return rows[0] ? { title: String(rows[0].title ?? ''), revision: String(rows[0].revision ?? '') } : undefined;
    }
  };
}
