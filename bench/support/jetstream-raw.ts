// The JetStream reference point: the raw @nats-io client publishing CloudEvent-sized messages
// with a message id (dedupe) into a file-backed stream, as many in flight as the HTTP load has
// connections. `ingest_jetstream / raw` is then what the webhook + EventSource runtime keep.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Publishes for `durationMs` with `concurrency` publishes in flight; returns acked publishes per second. */
export async function rawJetstreamPublishRate(
  url: string,
  concurrency: number,
  durationMs: number,
  payloadBytes: number,
): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: 'rawbench',
      subjects: ['rawbench.>'],
      max_msgs: 50_000,
      duplicate_window: 300_000_000_000,
    });
    const js = jetstream(nc);
    const payload = new Uint8Array(payloadBytes).fill(120);
    let acked = 0;
    let seq = 0;
    const warmEnd = performance.now() + Math.min(1000, durationMs / 4);
    const end = warmEnd + durationMs;
    let counting = false;
    const worker = async (): Promise<void> => {
      while (performance.now() < end) {
        await js.publish('rawbench.bench.ingest', payload, { msgID: `m-${seq++}` });
        if (counting) acked++;
      }
    };
    const workers = Array.from({ length: concurrency }, () => worker());
    while (performance.now() < warmEnd) await new Promise((r) => setTimeout(r, 10));
    counting = true;
    const start = performance.now();
    await Promise.all(workers);
    return Math.round((acked * 1000) / (performance.now() - start));
  } finally {
    await nc.close();
  }
}
