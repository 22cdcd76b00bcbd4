import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seat } from '../../../src/main/core/access/accessService';
import { unwrap, type Result } from '../../../src/shared/result';
import type { ActionOutcome } from '../../../src/shared/contract/actions';
import { tempCore } from '../../helpers/tempCore';

let env: Awaited<ReturnType<typeof tempCore>>;
let tech: Seat;
let boss: Seat;
let sessionId: string;

const call = async <T>(seat: Seat, method: string, input?: unknown): Promise<T> => unwrap((await env.core.call(method, input, seat)) as Result<T>);
const propose = (seat: Seat, name: string, args: Record<string, unknown>, sid?: string): Promise<ActionOutcome> =>
  call<ActionOutcome>(seat, 'actions.propose', { name, args, ...(sid ? { sessionId: sid } : {}) });

beforeAll(async () => {
  env = await tempCore();
  const api = env.core.api;
  const adminId = unwrap(await api.access.profiles())[0].id;
  unwrap(await api.access.updateProfile({ id: adminId, pin: '4711' }));
  const techId = unwrap(await api.access.createProfile({ name: 'Ana', role: 'technician' })).id;
  tech = env.core.access.newSeat('web', 'tablet');
  boss = env.core.access.newSeat('web', 'office');
  await call(tech, 'access.signIn', { profileId: techId });
  await call(boss, 'access.signIn', { profileId: adminId, secret: '4711' });
  sessionId = (await call<{ id: string }>(tech, 'sessions.create', { title: 'Pump' })).id;
});
afterAll(() => env?.cleanup());

describe('assistant actions', () => {
  it('each action declares its role and whether it changes anything', async () => {
    const list = await call<Array<{ name: string; role: string; changes: boolean }>>(tech, 'actions.list');
    expect(list.map((a) => [a.name, a.role, a.changes])).toEqual([
      ['search_manuals', 'technician', false],
      ['open_page', 'technician', false],
      ['list_documents', 'technician', false],
      ['filter_to_machine', 'technician', true],
      ['escalate_to_supervisor', 'technician', true],
      ['add_service_note', 'admin', true]
    ]);
  });

  it('a read-only action runs at once', async () => {
    expect(await propose(tech, 'list_documents', {})).toEqual({ status: 'done', name: 'list_documents', summary: '0 manuals.', result: [] });
  });

  it('a changing action waits for confirmation (nothing changes before), then runs once and is audited', async () => {
    const p = await propose(tech, 'filter_to_machine', { machine: 'X200' }, sessionId);
    expect(p).toMatchObject({ status: 'confirm', summary: 'Limit this session to manuals for “X200” (and set the machine field to it).' });
    expect((await call<{ machine: string }>(tech, 'sessions.get', { id: sessionId })).machine).toBe('');
    const proposalId = p.status === 'confirm' ? p.proposalId : '';
    // Only the profile it was proposed to can confirm it.
    expect(await call(boss, 'actions.confirm', { proposalId })).toMatchObject({ status: 'refused' });
    expect(await call(tech, 'actions.confirm', { proposalId })).toMatchObject({ status: 'done', summary: 'This session now searches only manuals for X200.' });
    expect(await call<{ machine: string; scope: { machineModels: string[] } }>(tech, 'sessions.get', { id: sessionId })).toMatchObject({ machine: 'X200', scope: { machineModels: ['X200'] } });
    expect(await call(tech, 'actions.confirm', { proposalId })).toMatchObject({ status: 'refused', reason: 'This proposal is no longer valid; ask again.' });
    const audit = unwrap(await env.core.api.audit.list({ action: 'tool:filter_to_machine' })).items;
    expect(audit).toMatchObject([{ actor: { name: 'Ana' }, transport: 'web', result: 'ok', target: { sessionId, machine: 'X200' } }]);
  });

  it('an admin-only action is refused for a technician with the reason, and proposed to an admin', async () => {
    expect(await propose(tech, 'add_service_note', { note: 'Fuse F2 replaced' }, sessionId)).toEqual({
      status: 'refused',
      name: 'add_service_note',
      reason: 'Only an admin can add a note to the machine’s service history (admins).'
    });
    expect(await propose(boss, 'add_service_note', { note: 'Fuse F2 replaced' }, sessionId)).toMatchObject({ status: 'confirm' });
  });

  it('arguments outside the schema, unknown actions and other people’s sessions are refused', async () => {
    expect(await propose(tech, 'search_manuals', { query: 'E-204', page: 3 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^The arguments do not fit search_manuals/) });
    expect(await propose(tech, 'search_manuals', { query: 42 })).toMatchObject({ status: 'refused', reason: expect.stringContaining('query') });
    expect(await propose(tech, 'open_page', { docId: 'd', page: 0 })).toMatchObject({ status: 'refused' });
    expect(await propose(tech, 'rm_rf', {})).toEqual({ status: 'refused', name: 'rm_rf', reason: 'There is no action “rm_rf”.' });
    const bossSession = (await call<{ id: string }>(boss, 'sessions.create', { title: 'Office' })).id;
    const p = await propose(tech, 'filter_to_machine', { machine: 'X300' }, bossSession);
    const r = p.status === 'confirm' ? await call<ActionOutcome>(tech, 'actions.confirm', { proposalId: p.proposalId }) : p;
    expect(r).toMatchObject({ status: 'refused', reason: `No session ${bossSession}.` });
    expect((await call<{ machine: string }>(boss, 'sessions.get', { id: bossSession })).machine).toBe('');
  });
});
