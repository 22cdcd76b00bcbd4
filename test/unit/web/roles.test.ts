import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methodNames, type Api } from '../../../src/shared/contract';
import { createApiClient } from '../../../src/shared/contract/client';
import { requirementOf } from '../../../src/shared/contract/roles';
import { unwrap } from '../../../src/shared/result';
import { startWebHost, type WebHost } from '../../../src/main/web/server';
import { createWsTransport, type WsLike } from '../../../src/renderer/src/lib/wsTransport';
import { tempCore } from '../../helpers/tempCore';

const TOKEN = 'test-token-roles-0123456789';
let host: WebHost;
let env: Awaited<ReturnType<typeof tempCore>>;
let staticDir: string;
let adminId: string;
let techId: string;
const closers: Array<() => void> = [];

beforeAll(async () => {
  env = await tempCore({ asksPerMinute: 2 });
  staticDir = await mkdtemp(join(tmpdir(), 'benchmate-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  host = await startWebHost({ core: env.core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir, uploadsDir: join(env.dir, 'uploads') });
  // Set up through the CLI's in-process api (the local admin): PIN for the admin, one technician.
  const api = env.core.api;
  adminId = unwrap(await api.access.profiles())[0].id;
  unwrap(await api.access.updateProfile({ id: adminId, pin: '4711' }));
  techId = unwrap(await api.access.createProfile({ name: 'Ana', role: 'technician' })).id;
});

afterAll(async () => {
  closers.forEach((c) => c());
  await host?.close();
  await env?.cleanup();
  await rm(staticDir, { recursive: true, force: true });
});

function connect(): Api {
  const t = createWsTransport({ url: `ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, createSocket: (u) => new WebSocket(u) as unknown as WsLike });
  closers.push(() => t.close());
  return createApiClient(t.invoke, t.subscribe);
}

/** sha256 of every file under the data folder except the logs: what "nothing changed on disk" compares. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const rel = relative(dir, path);
    if (rel.startsWith('logs')) continue;
    out[rel] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

/** Inputs that would succeed (or at least change something) if the caller were allowed. */
const TEMPTING: Record<string, unknown> = {
  'access.createProfile': { name: 'Mallory', role: 'admin', pin: '0000' },
  'access.updateProfile': { id: 'ADMIN', pin: '0000' },
  'access.deleteProfile': { id: 'TECH' },
  'access.configure': { technicianSignIn: 'code', unlockMinutes: 600 },
  'settings.update': { retrieval: { topK: 3 } },
  'sessions.retention': { dryRun: false },
  'library.pauseImports': { paused: true },
  'backup.create': { outPath: 'stolen.tar' }
};

describe('roles over the WebSocket', () => {
  it('a technician calling each admin method gets FORBIDDEN and nothing changes on disk', async () => {
    const tech = connect();
    expect(unwrap(await tech.access.signIn({ profileId: techId })).me).toMatchObject({ name: 'Ana', role: 'technician' });
    const admin = methodNames.filter((m) => requirementOf(m) === 'admin');
    expect(admin.length).toBeGreaterThan(30);
    const before = await snapshot(env.dir);
    const refused: string[] = [];
    for (const m of admin) {
      const raw = JSON.stringify(TEMPTING[m] ?? {}).replace('ADMIN', adminId).replace('TECH', techId);
      const [ns, name] = m.split('.') as [keyof Api, string];
      const r = await (tech[ns] as unknown as Record<string, (i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>)[name](JSON.parse(raw));
      if (!r.ok && r.error?.code === 'FORBIDDEN') refused.push(m);
    }
    expect(refused).toEqual(admin);
    expect(await snapshot(env.dir)).toEqual(before);
    // The same call from the admin goes through (the test above can fail).
    const boss = connect();
    unwrap(await boss.access.signIn({ profileId: adminId, secret: '4711' }));
    expect((await boss.access.configure({ unlockMinutes: 30 })).ok).toBe(true);
    expect(await snapshot(env.dir)).not.toEqual(before);
  });

  it('a socket that has not signed in gets UNAUTHORIZED; a forged or unknown profile id, or an admin id without the PIN, is refused', async () => {
    const anon = connect();
    expect((await anon.app.info()).ok).toBe(true); // public
    expect((await anon.library.list()).ok ? 'ok' : 'refused').toBe('refused');
    const forged = await anon.access.signIn({ profileId: 'local' });
    expect(forged.ok ? 'ok' : forged.error.code).toBe('UNAUTHORIZED');
    const noPin = await anon.access.signIn({ profileId: adminId });
    expect(noPin.ok ? 'ok' : noPin.error.code).toBe('UNAUTHORIZED');
    const extra = await anon.access.signIn({ profileId: techId, role: 'admin' } as never);
    expect(extra.ok ? 'ok' : extra.error.code).toBe('INVALID_INPUT');
    expect(unwrap(await anon.access.status()).me).toBeNull();
  });

  it('sessions belong to their profile: the technician sees only theirs, escalates an answer, the admin resolves it, the technician sees the resolution; audit has the admin actions', async () => {
    // The refused admin sign-in above started a back-off for the admin profile; setting the PIN again clears it.
    unwrap(await env.core.api.access.updateProfile({ id: adminId, pin: '4711' }));
    const tech = connect();
    unwrap(await tech.access.signIn({ profileId: techId }));
    const boss = connect();
    unwrap(await boss.access.signIn({ profileId: adminId, secret: '4711' }));
    const adminSession = unwrap(await boss.sessions.create({ title: 'Admin only' }));
    const turn = unwrap(await tech.chat.send({ text: 'What does fault E-204 mean?' }));
    await env.core.chat.waitIdle(turn.sessionId);
    const mine = unwrap(await tech.sessions.list());
    expect(mine.items.map((s) => s.id)).toEqual([turn.sessionId]);
    expect(mine.items[0]).toMatchObject({ technician: 'Ana', ownerId: techId });
    const peek = await tech.sessions.get({ id: adminSession.id });
    expect(peek.ok ? 'ok' : peek.error.code).toBe('NOT_FOUND');
    expect(unwrap(await boss.sessions.list()).items.map((s) => s.id).sort()).toEqual([adminSession.id, turn.sessionId].sort());

    const answer = unwrap(await tech.sessions.get({ id: turn.sessionId })).messages.find((m) => m.role === 'assistant')!;
    unwrap(await tech.chat.feedback({ sessionId: turn.sessionId, messageId: answer.id, rating: 'escalate', comment: 'Display shows E-204 twice' }));
    expect(unwrap(await tech.escalations.counts())).toEqual({ open: 1, acknowledged: 0, resolved: 0 });
    const [esc] = unwrap(await boss.escalations.list({ status: 'open' }));
    expect(esc).toMatchObject({ question: 'What does fault E-204 mean?', note: 'Display shows E-204 twice', technician: { profileId: techId, name: 'Ana' } });
    const sneaky = await tech.escalations.resolve({ id: esc.id, resolution: 'all fine' });
    expect(sneaky.ok ? 'ok' : sneaky.error.code).toBe('FORBIDDEN');
    unwrap(await boss.escalations.acknowledge({ id: esc.id }));
    unwrap(await boss.escalations.resolve({ id: esc.id, resolution: 'Replace fuse F2 and reset the controller.' }));
    const seen = unwrap(await tech.escalations.list({ sessionId: turn.sessionId }));
    expect(seen).toMatchObject([{ status: 'resolved', resolution: 'Replace fuse F2 and reset the controller.', handledBy: 'Admin' }]);
    const md = Buffer.from(unwrap(await tech.export.render({ sessionIds: [turn.sessionId], format: 'md' })).base64, 'base64').toString('utf8');
    expect(md).toContain('Escalated (resolved by Admin): Replace fuse F2 and reset the controller.');

    const audit = unwrap(await boss.audit.list({ limit: 1000 })).items;
    expect(audit.filter((e) => e.action.startsWith('escalations.')).map((e) => [e.action, e.actor.name, e.result])).toEqual([
      ['escalations.resolve', 'Admin', 'ok'],
      ['escalations.acknowledge', 'Admin', 'ok']
    ]);
    expect(audit.some((e) => e.action === 'access.signIn' && e.actor.name === 'Admin' && e.transport === 'web')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('4711');
    const csv = unwrap(await boss.audit.export({ format: 'csv' }));
    expect(csv.text.split('\n')[0]).toBe('at,actor,role,profileId,transport,action,result,target');
    expect(csv.text).toContain('escalations.resolve');
  });

  it('a reconnected page signs its new socket back in with the resume token; after sign-out the token is void', async () => {
    const first = connect();
    const { resumeToken } = unwrap(await first.access.signIn({ profileId: techId }));
    const second = connect();
    expect(unwrap(await second.access.resume({ token: resumeToken })).me).toMatchObject({ name: 'Ana', role: 'technician' });
    expect((await second.sessions.list()).ok).toBe(true);
    unwrap(await second.access.signOut());
    const third = connect();
    const r = await third.access.resume({ token: resumeToken });
    expect(r.ok ? 'ok' : r.error.code).toBe('UNAUTHORIZED');
    const guess = await third.access.resume({ token: 'x'.repeat(32) });
    expect(guess.ok ? 'ok' : guess.error.code).toBe('UNAUTHORIZED');
  });

  it('per-device ask limit over the socket: a clear "slow down" error', async () => {
    const tech = connect();
    unwrap(await tech.access.signIn({ profileId: techId }));
    // This device (127.0.0.1) already asked once in the test above; the budget is 2 a minute.
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await tech.search.query({ text: 'pump' }));
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok ? refused.error.message : '').toMatch(/^Slow down: at most 2 questions a minute from this device/);
  });
});
