// Preloaded (--import) into each process bench/memory.ts measures: writes the process's peak
// resident set (getrusage ru_maxrss, threads included) to $BENCH_PEAK_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_PEAK_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS)); // KiB
});
