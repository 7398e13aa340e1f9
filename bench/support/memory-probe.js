// Preloaded into `argus run` by the memory benchmark (`node --import …/memory-probe.js`; plain JS because it loads before tsx): on
// SIGUSR2 it writes process.memoryUsage() as JSON to $ARGUS_BENCH_MEMORY_FILE, so RSS can be
// split into V8 heap, external buffers and the rest (code, native libraries) without touching
// Argus's source.
import { writeFileSync } from 'node:fs';

const file = process.env['ARGUS_BENCH_MEMORY_FILE'];
if (file !== undefined) {
  process.on('SIGUSR2', () => {
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}
