// Child process for the SIGKILL publisher test: publishes `<BUS_SOURCE>-<n>` with BUS_CONCURRENCY publishes in
// flight and prints `acked <id>` after each publish resolved, until the parent kills it.
import { openBusFromEnv } from './open-from-env.js';

const bus = await openBusFromEnv();
const source = process.env['BUS_SOURCE'] ?? '';
const concurrency = Number(process.env['BUS_CONCURRENCY'] ?? '8');
let n = 0;
const enc = new TextEncoder();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (;;) {
      const id = `${source}-${n++}`;
      await bus.publish({ eventSourceName: source, eventName: 'e', id, data: enc.encode(`{"n":${n}}`) });
      process.stdout.write(`acked ${id}\n`);
    }
  }),
);
