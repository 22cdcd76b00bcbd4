/**
 * Child process for the crash-recovery test: imports one file into a core over `dir` and prints
 * PARSING once the parse phase is under way, so the parent can SIGKILL it mid-import.
 * Usage: node --import tsx importChild.ts <userDataDir> <pdf>
 */
import { createCore } from '../../../src/main/core/createCore';
import { pathsFor } from '../../../src/main/core/config';
import { unwrap } from '../../../src/shared/result';

const [dir, file] = process.argv.slice(2);
const core = await createCore({ paths: pathsFor(dir), host: 'test', version: '0.0.0-test', logLevel: 'error', threads: 2 });
let told = false;
core.events.on('jobs.progress', (s) => {
  if (!told && s.phase === 'parse' && s.done >= 2) {
    told = true;
    process.stdout.write('PARSING\n');
  }
});
const { files } = unwrap(await core.api.library.import({ paths: [file] }));
await core.jobs.wait(files[0].jobId);
process.stdout.write('DONE\n');
await core.dispose();
