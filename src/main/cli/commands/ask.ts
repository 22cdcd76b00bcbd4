import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../core/platform/errors';
import { unwrap } from '../../../shared/result';
import type { ChatMessage } from '../../../shared/contract/sessions';
import { describeSource } from '../../core/chat/citations';
import { listFlag, stringFlag, type CliCommand, type CliContext } from '../command';

/**
 * `ask "<question>"`: one chat turn through the same contract the app uses. The answer streams
 * to stdout; citations follow. `--session` continues a session (follow-ups are rewritten).
 */
export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'Ask the manuals a question (streams the answer, then its citations)',
  needsModels: true,
  usage: 'ask "<question>" [--session ID] [--no-save] [--models X,Y] [--docs ID,..] [--tags T,..] [--chat-model ID] [--json]',
  /**
   * `--no-save`: the turn runs against a throw-away copy of the sessions folder (only the
   * continued session, if any, is copied in), so the technician's chat history is never written
   * to — not even half-way when the process is killed mid-answer.
   */
  async coreFolders(ctx, paths) {
    if (ctx.args.flags['no-save'] !== true) return { paths, cleanup: async () => {} };
    const dir = await mkdtemp(join(tmpdir(), 'benchmate-ask-'));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const session = stringFlag(ctx.args, 'session');
    if (session !== undefined) {
      if (!/^[\w-]{1,128}$/.test(session)) throw new AppError('INVALID_INPUT', `Not a session id: ${session}`);
      await copyFile(join(paths.sessions, `${session}.jsonl`), join(dir, `${session}.jsonl`)).catch(async () => {
        await cleanup();
        throw new AppError('NOT_FOUND', `No session ${session}.`);
      });
    }
    return { paths: { ...paths, sessions: dir }, cleanup };
  },
  async run(ctx) {
    const text = ctx.args.positional.join(' ').trim();
    if (!text) throw new AppError('INVALID_INPUT', 'Usage: ask "<question>"');
    const chatModel = stringFlag(ctx.args, 'chat-model');
    if (chatModel) unwrap(await ctx.core.api.models.load({ id: chatModel, role: 'chat' }));
    // The core restores remembered models in the background; a one-shot ask should use them.
    for (const job of ctx.core.jobs.list()) {
      if (job.kind === 'models.load' && job.status === 'running') await ctx.core.jobs.wait(job.jobId);
    }
    const { message, sessionId } = await askOnce(ctx, text);
    const saved = ctx.args.flags['no-save'] !== true;
    if (ctx.json) ctx.outJson({ sessionId, saved, message });
    else {
      ctx.out('');
      if (message.sources.length && message.mode === 'answer') {
        ctx.out('\nSources:');
        for (const s of message.sources) ctx.out(`  [${s.n}] ${describeSource(s)}`);
      }
      if (message.related.length && (message.mode === 'not_found' || !message.sources.length)) {
        ctx.out(message.mode === 'not_found' ? '\nClosest sections:' : '\nRelated sections (the answer cited none):');
        for (const s of message.related) ctx.out(`  - ${describeSource(s)}`);
      }
      ctx.out(`\nsession: ${saved ? sessionId : '(not saved)'}  (mode: ${message.mode}${message.modelId ? `, model: ${message.modelId}` : ''})`);
    }
    return 0;
  }
};

export async function askOnce(ctx: CliContext, text: string): Promise<{ sessionId: string; message: ChatMessage }> {
  const scopeFlags = { machineModels: listFlag(ctx.args, 'models'), documentIds: listFlag(ctx.args, 'docs'), tags: listFlag(ctx.args, 'tags') };
  const hasScope = Object.values(scopeFlags).some((v) => v !== undefined);
  const scope = hasScope
    ? { machineModels: scopeFlags.machineModels ?? [], documentIds: scopeFlags.documentIds ?? [], tags: scopeFlags.tags ?? [] }
    : undefined;
  // Events may fire before chat.send resolves: buffer until the message id is known.
  let messageId: string | undefined;
  const pending: Array<{ id: string; delta: string }> = [];
  let settle: ((m: ChatMessage) => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  const done = new Promise<ChatMessage>((res, rej) => {
    settle = res;
    fail = rej;
  });
  const early: Array<() => void> = [];
  const offDelta = ctx.core.events.on('chat.delta', (e) => {
    if (messageId === undefined) pending.push({ id: e.messageId, delta: e.delta });
    else if (e.messageId === messageId && !ctx.json) process.stdout.write(e.delta);
  });
  const offDone = ctx.core.events.on('chat.done', (e) => {
    if (messageId === undefined) early.push(() => e.message.id === messageId && settle?.(e.message));
    else if (e.message.id === messageId) settle?.(e.message);
  });
  const offErr = ctx.core.events.on('chat.error', (e) => {
    const f = () => e.messageId === messageId && fail?.(new AppError(e.error.code, e.error.message));
    if (messageId === undefined) early.push(f);
    else f();
  });
  try {
    const session = stringFlag(ctx.args, 'session');
    const started = unwrap(await ctx.core.api.chat.send({ text, ...(session ? { sessionId: session } : {}), ...(scope ? { scope } : {}) }));
    messageId = started.messageId;
    if (!ctx.json) for (const p of pending) if (p.id === messageId) process.stdout.write(p.delta);
    for (const f of early) f();
    const message = await done;
    return { sessionId: started.sessionId, message };
  } finally {
    offDelta();
    offDone();
    offErr();
  }
}
