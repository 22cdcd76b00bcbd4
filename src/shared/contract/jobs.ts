import { z } from 'zod';
import { method } from './define';
import { errorData, idString, noInput } from './common';

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof jobStatus>;

export const jobSnapshot = z.object({
  jobId: z.string(),
  kind: z.string().describe('e.g. library.import, models.download, embeddings.build'),
  title: z.string(),
  status: jobStatus,
  phase: z.string().describe('Free-form phase name, e.g. read | parse | chunk | index'),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: errorData.optional(),
  /** Small JSON summary of the outcome (kind-specific). */
  result: z.unknown().optional()
});
export type JobSnapshot = z.infer<typeof jobSnapshot>;

export const jobsMethods = {
  list: method(noInput, z.array(jobSnapshot), 'Running and recently finished jobs (to resync after reload).'),
  cancel: method(
    z.object({ jobId: idString }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Request cancellation of a job; returns false when it had already finished.'
  )
};

export const jobsEvents = {
  'jobs.progress': jobSnapshot,
  'jobs.finished': jobSnapshot
};
