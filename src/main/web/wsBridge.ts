import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Core } from '../core/createCore';
import type { Result } from '../../shared/result';

/** Incoming messages larger than this are refused by `ws` (uploads go over HTTP instead). */
export const MAX_WS_MESSAGE_BYTES = 32 * 1024 * 1024;

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message } });

/**
 * Speaks the contract over WebSocket: `{id, method, input}` → `core.call` → `{id, result}`, and
 * pushes every core event to every connected client as `{event, payload}`. Core.call already
 * validates with zod and never throws, so a bad message can only ever produce an error result.
 */
export function bridgeCore(wss: WebSocketServer, core: Pick<Core, 'call' | 'events' | 'logger'>): () => void {
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void handle(ws, data, isBinary);
    });
    ws.on('error', (e) => core.logger.warn('websocket error', { error: e }));
  });

  async function handle(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return reply(ws, null, invalid('Binary messages are not supported; send JSON text.'));
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return reply(ws, null, invalid('Message is not valid JSON.'));
    }
    const m = msg as { id?: unknown; method?: unknown; input?: unknown };
    const id = typeof m?.id === 'number' || typeof m?.id === 'string' ? m.id : null;
    if (id === null || typeof m.method !== 'string') {
      return reply(ws, id, invalid('Expected {id, method, input}.'));
    }
    const result = await core.call(m.method, m.input);
    reply(ws, id, result);
  }

  function reply(ws: WebSocket, id: number | string | null, result: Result<unknown>): void {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify({ id, result }));
    } catch (e) {
      core.logger.error('could not serialise a result', { error: e });
      ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'INTERNAL', message: 'Result could not be serialised.' } } }));
    }
  }

  return core.events.onAny((event, payload) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify({ event, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });
}
