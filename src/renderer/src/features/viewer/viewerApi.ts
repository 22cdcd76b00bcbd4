import type { Api } from '../../../../shared/contract';
import type { Result } from '../../../../shared/result';

/** The two library-contract calls the viewer needs, in one place. */
export async function fetchFileBase64(api: Api, docId: string): Promise<Result<string>> {
  const r = await api.library.fileBytes({ docId });
  return r.ok ? { ok: true, value: r.value.base64 } : r;
}

/** The page text the stored citation offsets point into. */
export async function fetchPageText(api: Api, docId: string, page: number): Promise<Result<string>> {
  const r = await api.library.pageText({ docId, page });
  return r.ok ? { ok: true, value: r.value.text } : r;
}
