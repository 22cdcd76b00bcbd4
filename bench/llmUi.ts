/**
 * bench:llm, part 2 — streaming to the UI: tokens/s a web-host client receives (chat.delta over
 * the WebSocket, and the renderer's chat store fed by them) vs the chat engine's own generation
 * tokens/s, on the same generated model loaded in the same core. A tiny random-weight model makes
 * the engine fast, so any per-token cost on the way to the UI shows. Target: UI >= 0.9x engine.
 * The engine side replays the exact request of the app's turn (its prompt carries the retrieved
 * passages and uses temperature 0.2): against a bare one-line prompt the engine looks ~7x faster
 * (measured 787 vs 106 tok/s), but that is the longer context and sampling, not the way to the UI.
 * Env: BENCH_UI_GEN (engine-side answer budget, 512 like the app's turns), BENCH_REPS (3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore } from '../src/main/core/createCore';
import { pathsFor } from '../src/main/core/config';
import { startWebHost } from '../src/main/web/server';
import { createApiClient } from '../src/shared/contract/client';
import { unwrap } from '../src/shared/result';
import { createWsTransport, type WsLike } from '../src/renderer/src/lib/wsTransport';
import { createChatStore } from '../src/renderer/src/features/chat/chatStore';
import { createDeltaBatcher } from '../src/renderer/src/features/chat/deltaBatcher';
import { tinyChatModel } from '../test/fixtures/gguf/generators';
import { makeManualPdf, writePdf } from '../test/fixtures/pdf/makePdf';
import { sampleManualSpec } from '../test/fixtures/pdf/sampleManual';

// The app's turns use the engine's default answer budget (512); the engine side uses the same.
const GEN = Number(process.env.BENCH_UI_GEN ?? 512);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const QUESTION = 'What does fault code E-204 mean and how do I clear it?';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TOKEN = 'bench-token-0123456789abcdef';

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bm-bench-ui-'));
  const core = await createCore({ paths: pathsFor(dir), host: 'web', version: 'bench', logLevel: 'error', threads: 1, restoreModels: false });
  const staticDir = join(dir, 'static');
  await writePdf(staticDir, 'index.html', '<!doctype html><title>bench</title>');
  const host = await startWebHost({ core, host: '127.0.0.1', port: 0, token: TOKEN, staticDir, uploadsDir: join(dir, 'uploads') });
  const transport = createWsTransport({ url: `ws://127.0.0.1:${host.port}/ws?token=${TOKEN}`, createSocket: (u) => new WebSocket(u) as unknown as WsLike });
  const api = createApiClient(transport.invoke, transport.subscribe);
  // The renderer's own stores and event wiring, fed by the same WebSocket client.
  // The renderer's chat store, fed the way connectChatEvents feeds it (deltas batched, flushed at
  // chat.done); connectChatEvents itself reaches browser-only modules through the sessions store.
  const stores = { chat: createChatStore(api) };
  const batcher = createDeltaBatcher((d) => stores.chat.getState().onDelta(d), 50);
  const offs = [
    api.on('chat.delta', (e) => batcher.push(e)),
    api.on('chat.done', (e) => {
      batcher.flush();
      stores.chat.getState().onDone(e);
    })
  ];
  const offStore = () => {
    offs.forEach((off) => off());
    batcher.dispose();
  };
  try {
    const pdf = await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf(sampleManualSpec()));
    const imp = unwrap(await core.api.library.import({ paths: [pdf] }));
    await core.jobs.wait(imp.files[0].jobId);
    const model = unwrap(await core.api.models.import({ path: tinyChatModel(), mode: 'reference' }));
    const load = unwrap(await core.api.models.load({ id: model.id, role: 'chat' }));
    const loaded = await core.jobs.wait(load.jobId);
    if (loaded.status !== 'succeeded') throw new Error(`model load: ${JSON.stringify(loaded.error)}`);
    const engine = core.models.chatEngine;
    // The engine side replays the exact request the app's turn made (prompt with passages,
    // temperature, budget): the same work, without the way to the UI.
    let lastRequest: Parameters<typeof engine.generate>[0] | undefined;
    const generate = engine.generate.bind(engine);
    engine.generate = (req) => {
      if (!req.sessionId.startsWith('bench-engine-')) lastRequest = req;
      return generate(req);
    };
    console.log(`UI streaming: tiny generated chat model, ${GEN} tokens per answer, ${REPS} reps; load average ${loadavg()[0].toFixed(1)}`);

    const engineRun = async (i: number): Promise<number> => {
      let first = 0;
      let last = 0;
      let n = 0;
      const onToken = () => {
        last = performance.now();
        first ||= last;
        n++;
      };
      const base = lastRequest ?? { systemPrompt: 'Answer from the excerpts.', history: [], user: QUESTION, maxTokens: GEN };
      await engine.generate({ ...base, sessionId: `bench-engine-${i}`, signal: undefined, onToken });
      engine.dropSession(`bench-engine-${i}`);
      return ((n - 1) * 1000) / (last - first);
    };

    const uiRun = async (): Promise<{ ws: number; store: number; turnEngine: number; tokens: number; mode: string }> => {
      let first = 0;
      let last = 0;
      let storeLast = 0;
      let messageId = '';
      let coreFirst = 0;
      let coreLast = 0;
      const offCore = core.events.on('chat.delta', () => {
        coreLast = performance.now();
        coreFirst ||= coreLast;
      });
      const offDelta = api.on('chat.delta', (e) => {
        if (messageId && e.messageId !== messageId) return;
        last = performance.now();
        first ||= last;
      });
      const unsub = stores.chat.subscribe(() => (storeLast = performance.now()));
      const done = new Promise<{ generatedTokens: number; tps: number; mode: string }>((resolve) => {
        const off = api.on('chat.done', (e) => {
          off();
          resolve({ generatedTokens: e.message.metrics?.generatedTokens ?? 0, tps: e.message.metrics?.tokensPerSecond ?? 0, mode: e.message.mode ?? '' });
        });
      });
      stores.chat.getState().newChat();
      await stores.chat.getState().send(QUESTION);
      messageId = stores.chat.getState().streaming?.messageId ?? '';
      const r = await done;
      offDelta();
      offCore();
      unsub();
      if (process.env.BENCH_UI_DEBUG) console.log(`    core events ${(((r.generatedTokens - 1) * 1000) / (coreLast - coreFirst)).toFixed(1)} tok/s; engine's own figure for the turn ${r.tps.toFixed(1)} tok/s`);
      const toks = Math.max(1, r.generatedTokens - 1);
      return { ws: (toks * 1000) / (last - first), store: (toks * 1000) / (storeLast - first), turnEngine: r.tps, tokens: r.generatedTokens, mode: r.mode };
    };

    await uiRun(); // warm-up, and the request the engine side replays
    const eng: number[] = [];
    const ws: number[] = [];
    const st: number[] = [];
    const same: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const order = i % 2 === 0 ? ['engine', 'ui'] : ['ui', 'engine'];
      for (const side of order) {
        if (side === 'engine') eng.push(await engineRun(i));
        else {
          const u = await uiRun();
          if (u.mode !== 'answer') throw new Error(`the turn did not reach the model (mode ${u.mode}); nothing to measure`);
          ws.push(u.ws);
          st.push(u.store);
          same.push(u.store / u.turnEngine);
          console.log(`  rep ${i + 1}: ${u.tokens} tokens; engine during the turn ${u.turnEngine.toFixed(1)} tok/s, WebSocket client ${u.ws.toFixed(1)} tok/s, renderer store ${u.store.toFixed(1)} tok/s`);
        }
      }
      console.log(`  rep ${i + 1}: engine ${eng[i].toFixed(1)} tok/s`);
    }
    const e = median(eng);
    // Same turn: what the store received vs what the engine generated in that very turn — immune to
    // load drift between runs. Replay: vs the engine alone on the same request in a separate run.
    console.log(`\nrenderer store / engine, same turn: median ${median(same).toFixed(2)} (target >= 0.9: ${median(same) >= 0.9 ? 'MET' : 'NOT MET'})`);
    console.log(`replay medians: engine alone ${e.toFixed(1)} tok/s; WebSocket client ${median(ws).toFixed(1)} tok/s (ratio ${(median(ws) / e).toFixed(2)}); renderer store ${median(st).toFixed(1)} tok/s (ratio ${(median(st) / e).toFixed(2)}) — separate runs, so machine load moves this one`);
  } finally {
    offStore();
    transport.close();
    await host.close();
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  }
);
