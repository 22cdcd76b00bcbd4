import { z } from 'zod';

/** Reusable schema for "no input": callers may omit the argument entirely. */
export const noInput = z.undefined().or(z.object({}).strict()).optional();

export const idInput = z.object({ id: z.string().min(1) }).strict();

export const jobStarted = z.object({ jobId: z.string() });

export const isoDate = z.string().describe('ISO-8601 timestamp');
