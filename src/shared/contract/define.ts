import type { z } from 'zod';

/** A request/response method: input is parsed at the boundary, output is what the core returns. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  description: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  description: string
): MethodDef<I, O> => ({ input, output, description });
