import type { Core } from '../../../src/main/core/createCore';
import type { JobSnapshot } from '../../../src/shared/contract/jobs';
import { importOutcome, type ImportOutcome } from '../../../src/shared/contract/library';
import { unwrap } from '../../../src/shared/result';

/** Imports paths through the contract and waits for every job; returns the final snapshots by file. */
export async function importAndWait(core: Core, paths: string[], metadata?: Record<string, unknown>): Promise<Array<{ path: string; job: JobSnapshot; outcome?: ImportOutcome }>> {
  const r = unwrap(await core.api.library.import({ paths, metadata }));
  const out = [];
  for (const f of r.files) {
    const job = await core.jobs.wait(f.jobId);
    out.push({ path: f.path, job, outcome: importOutcome.safeParse(job.result).data });
  }
  return out;
}
