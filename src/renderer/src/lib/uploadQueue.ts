/**
 * Web host uploads, a few at a time, each file handed on (imported) the moment it has landed:
 * the core starts parsing the first manual while later ones are still uploading, instead of
 * waiting for the whole batch. Bounded, because every upload holds a socket and a file handle
 * open on the host, and more parallel uploads than that do not arrive any sooner.
 */
import type { AppErrorData, Result } from '../../../shared/result';

/** Uploads in flight at once. */
export const UPLOAD_PARALLEL = 3;

export interface UploadBatch<F> {
  /** Server-side paths, in the order the files landed. */
  landed: string[];
  /** Files that could not be uploaded (the others still are). */
  failed: Array<{ file: F; error: AppErrorData }>;
}

/**
 * Uploads `files` with at most `parallel` in flight; `onLanded` runs for each file as soon as its
 * upload has finished, without holding up the next upload. Resolves once every upload and every
 * `onLanded` has settled.
 */
export async function uploadEach<F>(
  files: readonly F[],
  upload: (file: F) => Promise<Result<{ path: string }>>,
  onLanded: (path: string, file: F) => unknown,
  parallel = UPLOAD_PARALLEL
): Promise<UploadBatch<F>> {
  const landed: string[] = [];
  const failed: UploadBatch<F>['failed'] = [];
  const handedOn: Array<Promise<unknown>> = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      const r = await upload(file).catch((e: unknown): Result<{ path: string }> => ({ ok: false, error: { code: 'OFFLINE', message: String(e) } }));
      if (!r.ok) {
        failed.push({ file, error: r.error });
        continue;
      }
      landed.push(r.value.path);
      handedOn.push(Promise.resolve().then(() => onLanded(r.value.path, file)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, files.length)) }, lane));
  await Promise.allSettled(handedOn);
  return { landed, failed };
}
