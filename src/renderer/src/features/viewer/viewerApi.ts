import type { Api } from '../../../../shared/contract';
import type { OcrWordDto } from '../../../../shared/contract/library';
import type { Result } from '../../../../shared/result';

/** The library-contract calls the viewer needs, in one place. */
export async function fetchFileBase64(api: Api, docId: string): Promise<Result<string>> {
  const r = await api.library.fileBytes({ docId });
  return r.ok ? { ok: true, value: r.value.base64 } : r;
}

/** Word boxes of an OCR'd page; an empty list for pages with a text layer (or on error: no boxes, text highlight only). */
export async function fetchPageWords(api: Api, docId: string, page: number): Promise<OcrWordDto[]> {
  const r = await api.library.pageWords({ docId, page });
  return r.ok && r.value.ocr ? r.value.words : [];
}

/** The page text the stored citation offsets point into. */
export async function fetchPageText(api: Api, docId: string, page: number): Promise<Result<string>> {
  const r = await api.library.pageText({ docId, page });
  return r.ok ? { ok: true, value: r.value.text } : r;
}
