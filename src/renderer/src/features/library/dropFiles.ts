/**
 * Collects PDF files from a drop (files and whole folders, recursively) or a folder <input>.
 * Folders arrive as FileSystemEntry trees in Chromium; plain files as File objects.
 */
export const isPdfName = (name: string): boolean => /\.pdf$/i.test(name);

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntryLike extends EntryLike {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface DirEntryLike extends EntryLike {
  createReader(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: EntryLike, out: File[]): Promise<void> {
  if (entry.isFile) {
    if (!isPdfName(entry.name)) return;
    out.push(await new Promise<File>((ok, fail) => (entry as FileEntryLike).file(ok, fail)));
  } else if (entry.isDirectory) {
    const reader = (entry as DirEntryLike).createReader();
    // readEntries answers in batches; an empty batch means the folder is exhausted.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const e of batch) await walk(e, out);
    }
  }
}

/** PDFs in a drop; returns also how many non-PDF files were ignored, so the UI can say so. */
export async function filesFromDrop(dt: DataTransfer): Promise<{ files: File[]; ignored: number }> {
  const out: File[] = [];
  let ignored = 0;
  const items = Array.from(dt.items ?? []);
  const entries = items
    .map((i) => (i.kind === 'file' && 'webkitGetAsEntry' in i ? (i.webkitGetAsEntry() as EntryLike | null) : null))
    .filter((e): e is EntryLike => e !== null);
  if (entries.length > 0) {
    for (const e of entries) {
      if (e.isFile && !isPdfName(e.name)) ignored++;
      else await walk(e, out);
    }
    return { files: out, ignored };
  }
  for (const f of Array.from(dt.files)) (isPdfName(f.name) ? out : { push: () => ignored++ }).push(f);
  return { files: out, ignored };
}

export function pdfsFromList(list: FileList | null): { files: File[]; ignored: number } {
  const all = Array.from(list ?? []);
  const files = all.filter((f) => isPdfName(f.name));
  return { files, ignored: all.length - files.length };
}
