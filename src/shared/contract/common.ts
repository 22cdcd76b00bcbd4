import { z } from 'zod';
import { ERROR_CODES } from '../result';

/** Reusable schema for "no input": callers may omit the argument entirely. */
export const noInput = z.undefined().or(z.object({}).strict()).optional();

/**
 * Upper bounds for caller-supplied strings: every free-text input has one, so no call can hand
 * the core megabytes to search, store or echo back (zod refuses it before any handler runs).
 */
export const MAX_ID = 200;
export const MAX_PATH = 4096;
export const MAX_NAME = 500;
export const MAX_LIST = 1000;
/** Ids (sessions, documents, messages, jobs, models). */
export const idString = z.string().min(1).max(MAX_ID);
/** File-system paths (or path grants, see the Electron host). */
export const pathString = z.string().min(1).max(MAX_PATH);
/** Short names: filter values, tags, model ids in settings, file names. */
export const nameString = z.string().max(MAX_NAME);

export const idInput = z.object({ id: idString }).strict();

export const jobStarted = z.object({ jobId: z.string() });

export const isoDate = z.string().describe('ISO-8601 timestamp');

/** An error as events carry it (chat.error, a failed job): the same codes as a Result error. */
export const errorData = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
