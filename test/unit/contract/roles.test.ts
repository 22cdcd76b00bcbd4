import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../src/shared/contract';
import { methodRoles, requirementOf } from '../../../src/shared/contract/roles';
import { dispatch } from '../../../src/main/core/dispatch';
import type { AccessGate } from '../../../src/main/core/access/accessGate';
import { localAdminCtx } from '../../helpers/callContext';

const nullLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => nullLogger } as never;

describe('every contract method declares the role it needs', () => {
  it('walks every method: each has public | technician | admin, and roles.ts names no method that does not exist', () => {
    const missing = methodNames.filter((m) => !['public', 'technician', 'admin'].includes(requirementOf(m) ?? ''));
    expect(missing).toEqual([]);
    const extra = Object.keys(methodRoles).filter((k) => !(methodNames as string[]).includes(k));
    expect(extra).toEqual([]);
    expect(methodNames.length).toBeGreaterThan(60);
  });

  it('everything that deletes, imports, loads or configures is admin-only', () => {
    const changing = methodNames.filter((m) => /^(library\.(import|delete|update|reindex|ocr|optimize)$|models\.(import|remove|download|load|unload|reembed)|backup\.|pack\.|access\.(createProfile|updateProfile|deleteProfile|configure|profiles)|audit\.)/.test(m));
    expect(changing.length).toBeGreaterThan(15);
    expect(changing.filter((m) => requirementOf(m) !== 'admin')).toEqual([]);
  });

  it('the dispatcher asks the gate before the handler runs and before input is parsed; a refusal never reaches the handler', async () => {
    let reached = 0;
    const asked: string[] = [];
    const gate: AccessGate = {
      authorize: (method, need) => (asked.push(`${method}:${need}`), { ok: false, error: { code: 'FORBIDDEN', message: 'no' } }),
      completed: async () => undefined
    };
    const handlers = { 'library.delete': async () => void reached++ } as never;
    const r = await dispatch(handlers, 'library.delete', { not: 'valid input' }, nullLogger, gate);
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    expect(asked).toEqual(['library.delete:admin']);
    expect(reached).toBe(0);
  });

  it('after the handler, the gate sees the call with its parsed input and result (for the audit log)', async () => {
    const seen: unknown[] = [];
    const gate: AccessGate = {
      authorize: () => ({ ok: true, ctx: localAdminCtx }),
      completed: async (ctx, method, need, input, result) => void seen.push({ method, need, input, ok: result.ok, who: ctx.profile?.id })
    };
    const handlers = { 'library.delete': async (_i: unknown, ctx: { profile: { id: string } }) => ({ deleted: [ctx.profile.id] }) } as never;
    const r = await dispatch(handlers, 'library.delete', { id: 'd1' }, nullLogger, gate);
    expect(r).toEqual({ ok: true, value: { deleted: ['local'] } });
    expect(seen).toEqual([{ method: 'library.delete', need: 'admin', input: { id: 'd1' }, ok: true, who: 'local' }]);
  });
});
