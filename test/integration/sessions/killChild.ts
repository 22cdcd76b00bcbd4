/**
 * Child process for the kill -9 test: opens a core over argv[2], asks one question and prints
 * "DONE <sessionId> <messageId>" the moment chat.done fires — then keeps the process busy so the
 * only way it ends is the parent's SIGKILL (no graceful dispose, no index flush).
 */
import { createCore } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';

const core = await createCore({ paths: pathsFor(process.argv[2]), host: 'test', version: '0.0.0-test', logLevel: 'error', threads: 2 });
core.events.on('chat.done', (e) => {
  process.stdout.write(`DONE ${e.sessionId} ${e.message.id}\n`);
});
const r = await core.api.chat.send({ text: process.argv[3] ?? 'What does fault E-204 mean?' });
if (!r.ok) {
  process.stdout.write(`ERROR ${r.error.message}\n`);
  process.exit(1);
}
setInterval(() => {}, 1000);
