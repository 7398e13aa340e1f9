// Child process for the SIGKILL consumer test: consumes BUS_CONSUMER, prints `got <id>` per delivery and
// `acked <id>` once an ack is durable; acks every BUS_ACK_EVERY-th event (by the number in its id) and
// leaves the others unsettled, until the parent kills it.
import { openBusFromEnv } from './open-from-env.js';

const bus = await openBusFromEnv();
const every = Number(process.env['BUS_ACK_EVERY'] ?? '2');
await bus.subscribe(
  process.env['BUS_CONSUMER'] ?? '',
  [{ eventSourceName: process.env['BUS_SOURCE'] ?? '', eventName: '*' }],
  async (d) => {
    process.stdout.write(`got ${d.message.id}\n`);
    const n = Number(d.message.id.split('-').pop());
    if (n % every === 0) {
      await d.ack();
      process.stdout.write(`acked ${d.message.id}\n`);
    }
  },
  { ackWaitMs: Number(process.env['BUS_ACK_WAIT_MS'] ?? '30000') },
);

// The embedded bus holds no handle that keeps the event loop alive while it waits for messages
// (an idle library must not keep a process running), so this child would exit on its own — and
// leave its data-dir lock to be taken over — before the parent kills it. Stay until killed.
setInterval(() => undefined, 1 << 30);
