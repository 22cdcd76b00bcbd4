/**
 * Recognised pages on disk, one JSON file per page under <library>/ocr/<docId>/. They are the
 * resume point of a cancelled or interrupted OCR run (a page recognised once with the same
 * language and DPI is never recognised again) and the word boxes the viewer highlights.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrOptions, OcrPageResult } from './ocrTypes';

interface Stored extends OcrPageResult {
  lang: string;
}

export class OcrStore {
  constructor(private readonly dir: string) {}

  /** A page recognised earlier with the same language and DPI, if any. */
  async load(docId: string, page: number, o?: Pick<OcrOptions, 'lang' | 'dpi'>): Promise<OcrPageResult | undefined> {
    try {
      const s = JSON.parse(await readFile(this.file(docId, page), 'utf8')) as Stored;
      if (o && (s.lang !== o.lang || s.dpi !== o.dpi)) return undefined;
      const { lang: _lang, ...result } = s;
      return result;
    } catch {
      return undefined;
    }
  }

  async save(docId: string, r: OcrPageResult, lang: string): Promise<void> {
    if (r.error) return; // a failed page is tried again next time
    await mkdir(join(this.dir, docId), { recursive: true });
    const path = this.file(docId, r.page);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...r, lang } satisfies Stored));
    await rename(tmp, path); // a crash mid-write never leaves a truncated page
  }

  async remove(docId: string): Promise<void> {
    await rm(join(this.dir, docId), { recursive: true, force: true });
  }

  private file(docId: string, page: number): string {
    return join(this.dir, docId, `${page}.json`);
  }
}
