// The event bus on its own: publish throughput and latency (each publish resolves once durable), and
// publish→consume throughput and end-to-end latency (consumer acks each event, waiting for each
// ack or, as the sensor runtime does, not), for the embedded
// driver (lmdb, fsync per group commit) and the JetStream driver, next to the raw @nats-io client
// doing the same against the same nats-server in the same run. 600-byte events, 64 publishes in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Benchmark } from './bench.js';
import { summarize } from './support/stats.js';
import type { Bus } from '../src/eventbus/bus.js';
import { openEmbeddedBus } from '../src/eventbus/embedded/embedded-bus.js';
import { openJetStreamBus } from '../src/eventbus/jetstream/jetstream-bus.js';
import { startNatsServer } from '../test/support/nats-server.js';

const PAYLOAD_BYTES = 600;
const IN_FLIGHT = 64;

/** The operations each driver (or the raw client) offers the benchmark. */
interface Target {
  publish(id: string, source: string): Promise<unknown>;
  /**
   * Starts a consumer on `source` that acks each event and calls `seen(id)` once the ack is
   * confirmed. `pipelined`: the handler returns without waiting for the confirmation, as the sensor
   * runtime does (src/runtime/sensor.ts), so acks overlap; otherwise each ack is awaited in turn.
   */
  consume(source: string, seen: (id: string) => void, pipelined: boolean): Promise<() => Promise<void>>;
}

function busTarget(bus: Bus): Target {
  const data = new Uint8Array(PAYLOAD_BYTES).fill(120);
  return {
    publish: (id, source) => bus.publish({ eventSourceName: source, eventName: 'e', id, data }),
    async consume(source, seen, pipelined) {
      const sub = await bus.subscribe(
        `bench-${source}`,
        [{ eventSourceName: source, eventName: 'e' }],
        pipelined
          ? (d) => {
              void d.ack().then(() => seen(d.message.id));
            }
          : async (d) => {
              await d.ack();
              seen(d.message.id);
            },
      );
      return () => sub.stop();
    },
  };
}

/** Runs `count` publishes with IN_FLIGHT in flight; returns per-publish latencies and the rate. */
async function publishPhase(
  t: Target,
  source: string,
  count: number,
  onStart?: (id: string, at: number) => void,
) {
  const lat: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const id = `${source}-${next++}`;
      const t0 = performance.now();
      onStart?.(id, t0);
      await t.publish(id, source);
      lat.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker()));
  const seconds = (performance.now() - start) / 1000;
  return { rate: Math.round(count / seconds), lat };
}

/** Publish → consume: rate and latency from the publish call to the consumer's confirmed ack. */
async function flowPhase(t: Target, source: string, count: number, pipelined: boolean) {
  const started = new Map<string, number>();
  const e2e: number[] = [];
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const stop = await t.consume(
    source,
    (id) => {
      const t0 = started.get(id);
      if (t0 !== undefined) e2e.push(performance.now() - t0);
      if (e2e.length === count) done();
    },
    pipelined,
  );
  const begin = performance.now();
  await publishPhase(t, source, count, (id, at) => started.set(id, at));
  await all;
  const rate = Math.round(count / ((performance.now() - begin) / 1000));
  await stop();
  const e = summarize(e2e);
  return { rate, p50_ms: e.p50_ms, p99_ms: e.p99_ms };
}

async function measure(t: Target, quick: boolean, tag: string): Promise<Record<string, unknown>> {
  const count = quick ? 1500 : 20_000;
  // warm up (JIT, connection, first file pages)
  await publishPhase(t, `${tag}w`, quick ? 200 : 1000);
  const pub = await publishPhase(t, `${tag}p`, count);
  // serial publish: the latency of one durable publish with nothing else in flight
  const serial: number[] = [];
  for (let i = 0; i < (quick ? 50 : 500); i++) {
    const t0 = performance.now();
    await t.publish(`${tag}s-${i}`, `${tag}s`);
    serial.push(performance.now() - t0);
  }
  const flow = await flowPhase(t, `${tag}c`, count, false);
  const piped = await flowPhase(t, `${tag}q`, count, true);
  const p = summarize(pub.lat);
  const s = summarize(serial);
  return {
    publish_per_s: pub.rate,
    publish_p50_ms: p.p50_ms,
    publish_p99_ms: p.p99_ms,
    publish_serial_p50_ms: s.p50_ms,
    publish_consume_per_s: flow.rate,
    publish_consume_p50_ms: flow.p50_ms,
    publish_consume_p99_ms: flow.p99_ms,
    pipelined_publish_consume_per_s: piped.rate,
    pipelined_publish_consume_p50_ms: piped.p50_ms,
    pipelined_publish_consume_p99_ms: piped.p99_ms,
  };
}

/** The raw @nats-io client: JetStream publish with a message id, pull consumer with ackAck. */
async function rawTarget(url: string): Promise<{ target: Target; close: () => Promise<void> }> {
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: 'raw',
    subjects: ['raw.*.*'],
    max_msgs: 50_000,
    duplicate_window: 300_000_000_000,
  });
  const js = jetstream(nc);
  const data = new Uint8Array(PAYLOAD_BYTES).fill(120);
  return {
    target: {
      publish: (id, source) => js.publish(`raw.${source}.e`, data, { msgID: id }),
      async consume(source, seen, pipelined) {
        await jsm.consumers.add('raw', {
          durable_name: `bench-${source}`,
          ack_policy: AckPolicy.Explicit,
          filter_subject: `raw.${source}.e`,
        });
        const messages = await (
          await js.consumers.get('raw', `bench-${source}`)
        ).consume({ max_messages: 64 });
        const loop = (async () => {
          for await (const m of messages) {
            const id = m.headers?.get('Nats-Msg-Id') ?? '';
            if (pipelined) void m.ackAck().then(() => seen(id));
            else {
              await m.ackAck();
              seen(id);
            }
          }
        })();
        return async () => {
          messages.stop();
          await loop;
        };
      },
    },
    close: () => nc.close(),
  };
}

export const busBenchmark: Benchmark = {
  name: 'bus',
  description: `event bus alone: ${PAYLOAD_BYTES}-byte events, ${IN_FLIGHT} publishes in flight; publish resolves when durable; consumer acks each event, awaiting each ack or (pipelined, as the sensor runtime) not; jetstream_two_connections = the driver with separateConsumerConnection: true; raw = @nats-io client on the same nats-server`,
  async run({ quick }) {
    const out: Record<string, unknown> = {};
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-bench-bus-'));
    try {
      const bus = await openEmbeddedBus({ dataDir });
      try {
        out['embedded'] = await measure(busTarget(bus), quick, 'em');
      } finally {
        await bus.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    let server;
    try {
      server = await startNatsServer();
    } catch (err) {
      out['jetstream'] = { skipped: `nats-server: ${err instanceof Error ? err.message : String(err)}` };
      return out;
    }
    try {
      const bus = await openJetStreamBus({ url: server.url, limits: { replicas: 1 } });
      try {
        out['jetstream'] = await measure(busTarget(bus), quick, 'js');
      } finally {
        await bus.close();
      }
      // the same with the consumers on their own connection (separateConsumerConnection: true)
      const split = await openJetStreamBus({
        url: server.url,
        limits: { replicas: 1 },
        separateConsumerConnection: true,
      });
      try {
        out['jetstream_two_connections'] = await measure(busTarget(split), quick, 'j2');
      } finally {
        await split.close();
      }
      const raw = await rawTarget(server.url);
      try {
        out['nats_raw'] = await measure(raw.target, quick, 'raw');
      } finally {
        await raw.close();
      }
    } finally {
      await server.stop();
    }
    return out;
  },
};
