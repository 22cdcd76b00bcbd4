/**
 * Contract limits (issue 21): every string and list a caller can send has a maximum length, so no
 * method can be handed megabytes of text to search, store or echo back.
 */
import { allowAllGate } from '../../helpers/callContext';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../src/shared/contract';
import { dispatch } from '../../../src/main/core/dispatch';
import { nullLogger } from '../../../src/main/core/platform/logger';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const bag = (s: z.ZodType) => (s as unknown as { _zod: { bag: { maximum?: number } } })._zod.bag;

/** Paths (e.g. "search.query.text") of strings and arrays without a maximum. */
function unbounded(schema: z.ZodType, path: string, out: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const d = defOf(schema);
  switch (d.type) {
    case 'string':
      if (bag(schema).maximum === undefined) out.push(path);
      break;
    case 'array':
      if (bag(schema).maximum === undefined) out.push(`${path}[]`);
      unbounded(d.element!, `${path}[i]`, out, seen);
      break;
    case 'object':
      for (const [k, v] of Object.entries(d.shape ?? {})) unbounded(v, `${path}.${k}`, out, seen);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      unbounded(d.innerType!, path, out, seen);
      break;
    case 'union':
      for (const o of d.options ?? []) unbounded(o, path, out, seen);
      break;
    case 'pipe':
      unbounded(d.in!, path, out, seen);
      break;
    case 'record':
      unbounded(d.keyType!, `${path}{key}`, out, seen);
      unbounded(d.valueType!, `${path}{value}`, out, seen);
      break;
    case 'lazy':
      unbounded(d.getter!(), path, out, seen);
      break;
  }
  return out;
}

describe('contract input limits', () => {
  it('every string and array in every method input has a maximum length', () => {
    const missing: string[] = [];
    for (const [ns, methods] of Object.entries(contract))
      for (const [name, def] of Object.entries(methods as Record<string, { input: z.ZodType }>)) unbounded(def.input, `${ns}.${name}`, missing);
    expect(missing).toEqual([]);
  });

  it('an oversized id is refused, and the error echoes only a short prefix of it', async () => {
    const hugeId = 'a'.repeat(10 * 1024 * 1024);
    const r = await dispatch({ 'sessions.get': async () => 'reached the handler' } as never, 'sessions.get', { id: hugeId }, nullLogger, allowAllGate);
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(r.ok ? '' : r.error.code).toBe('INVALID_INPUT');
    expect(text.length).toBeLessThan(2000);
  });

  it('an unknown method name is echoed only as a short prefix', async () => {
    const r = await dispatch({} as never, 'x'.repeat(1_000_000), {}, nullLogger, allowAllGate);
    expect(JSON.stringify(r).length).toBeLessThan(500);
  });
});
