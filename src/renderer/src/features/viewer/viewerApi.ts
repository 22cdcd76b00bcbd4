import type { Api } from '../../../../shared/contract';
import { err, type Result } from '../../../../shared/result';

/**
 * The two library-contract calls the viewer needs, in one place so the rest of the viewer does
 * not care about their exact input/output shapes.
 */
interface LibraryPort {
  fileBytes?(input: { docId: string }): Promise<Result<{ base64: string }>>;
  pageText?(input: { docId: string; page: number }): Promise<Result<{ text: string }>>;
}

const lib = (api: Api): LibraryPort => (api as unknown as { library?: LibraryPort }).library ?? {};

export async function fetchFileBase64(api: Api, docId: string): Promise<Result<string>> {
  const fn = lib(api).fileBytes;
  if (!fn) return err('INTERNAL', 'This build cannot read documents (library.fileBytes missing).');
  const r = await fn({ docId });
  return r.ok ? { ok: true, value: r.value.base64 } : r;
}

export async function fetchPageText(api: Api, docId: string, page: number): Promise<Result<string>> {
  const fn = lib(api).pageText;
  if (!fn) return err('INTERNAL', 'library.pageText missing');
  const r = await fn({ docId, page });
  return r.ok ? { ok: true, value: r.value.text } : r;
}
