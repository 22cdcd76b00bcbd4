import { join } from 'node:path';
import type { Core } from '../../../src/main/core/createCore';
import type { EventMap } from '../../../src/shared/contract';
import { importOutcome } from '../../../src/shared/contract/library';
import { unwrap } from '../../../src/shared/result';
import { ChatService } from '../../../src/main/core/chat/chatService';
import { documentInfoFromIndex } from '../../../src/main/core/chat/documentInfo';
import type { ChatEnginePort } from '../../../src/main/core/chat/ports';
import { LlamaChatEngine } from '../../../src/main/core/models/chatEngine';
import { TypedEmitter } from '../../../src/main/core/platform/emitter';
import { nullLogger } from '../../../src/main/core/platform/logger';
import { SessionStore } from '../../../src/main/core/sessions/sessionStore';
import { makeManualPdf, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { tinyChatModel } from '../../fixtures/gguf/generators';

/** Imports the 6-page sample X200 manual (revision "B", model X200) into a real core. */
export async function importSampleManual(core: Core, dir: string): Promise<string> {
  const file = await writePdf(dir, 'x200.pdf', await makeManualPdf(sampleManualSpec()));
  const { files } = unwrap(await core.api.library.import({ paths: [file], metadata: { machineModels: ['X200'], revision: 'B' } }));
  const snap = await core.jobs.wait(files[0].jobId);
  if (snap.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(snap.error)}`);
  return importOutcome.parse(snap.result).docId!;
}

/** The generated random-weight chat model, loaded on CPU with 2 threads (gibberish, but real tokens). */
export async function loadTinyChat(contextSize = 1024): Promise<{ engine: LlamaChatEngine; dispose(): Promise<void> }> {
  const { getLlama } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' as never });
  const model = await llama.loadModel({ modelPath: tinyChatModel() });
  const context = await model.createContext({ contextSize, sequences: 3, threads: 2 });
  const engine = new LlamaChatEngine();
  await engine.attach('tiny-chat', model, context);
  return {
    engine,
    async dispose() {
      await engine.detach();
      await context.dispose();
      await model.dispose();
    }
  };
}

export interface Recorded {
  deltas: Map<string, string>;
  done: Array<EventMap['chat.done']>;
  errors: Array<EventMap['chat.error']>;
}

const opened: Array<{ chat: ChatService; store: SessionStore }> = [];
/** Stops running turns and flushes session stores; call before deleting the temp folder. */
export async function disposeChats(): Promise<void> {
  for (const o of opened.splice(0)) {
    await o.chat.dispose();
    await o.store.dispose();
  }
}

/** A chat service over the core's real search/index with its own session folder and engine. */
export function chatWith(core: Core, dir: string, engine: () => ChatEnginePort | undefined, maxAnswerTokens = 16) {
  const events = new TypedEmitter<EventMap>();
  const rec: Recorded = { deltas: new Map(), done: [], errors: [] };
  events.on('chat.delta', (e) => rec.deltas.set(e.messageId, (rec.deltas.get(e.messageId) ?? '') + e.delta));
  events.on('chat.done', (e) => rec.done.push(e));
  events.on('chat.error', (e) => rec.errors.push(e));
  const store = new SessionStore(join(dir, 'chat-sessions'), nullLogger);
  const chat = new ChatService({
    store,
    search: () => core.search,
    engine,
    answer: () => core.answer,
    documents: documentInfoFromIndex(() => core.index.documents()),
    retrieval: () => core.settings.get().retrieval,
    // The random model never stops on its own and this CPU is shared: keep answers short.
    generation: () => ({ maxAnswerTokens }),
    events,
    logger: nullLogger
  });
  opened.push({ chat, store });
  /** Resolves with the stored message once chat.done (or rejects on chat.error) for this id. */
  const finished = (messageId: string) =>
    new Promise<EventMap['chat.done']['message']>((resolve, reject) => {
      const already = rec.done.find((e) => e.message.id === messageId);
      if (already) return resolve(already.message);
      const failed = rec.errors.find((e) => e.messageId === messageId);
      if (failed) return reject(Object.assign(new Error(failed.error.message), { code: failed.error.code }));
      const offDone = events.on('chat.done', (e) => {
        if (e.message.id !== messageId) return;
        offDone();
        offErr();
        resolve(e.message);
      });
      const offErr = events.on('chat.error', (e) => {
        if (e.messageId !== messageId) return;
        offDone();
        offErr();
        reject(Object.assign(new Error(e.error.message), { code: e.error.code }));
      });
    });
  return { chat, store, events, rec, finished, open: () => store.open() };
}

export const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
