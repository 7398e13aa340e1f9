// Ingest: the webhook EventSource accepting JSON POSTs into the bus — a 2xx means the event is
// durable (fsync'd by the embedded bus, acked by the JetStream stream). Same autocannon load as
// the ceiling benchmark, against `argus run` with only the EventSource loaded.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { argusRunUnavailable, startArgus } from './support/argus.js';
import { FIXED_BODY } from './support/body.js';
import { rawJetstreamPublishRate } from './support/jetstream-raw.js';
import { webhookEventSource, writeManifests } from './support/manifests.js';
import { natsUnavailable, startNats, type NatsServer } from './support/nats.js';
import { freePort } from './support/ports.js';
import { saturate } from './support/saturate.js';
import { LOAD } from './support/settings.js';

/** A CloudEvent of the fixed body is about this big; the raw client publishes the same size. */
const CLOUDEVENT_BYTES = 600;

/** Saturates a fresh `argus run` (EventSource only) and returns autocannon's figures. */
async function saturateArgus(
  dir: string,
  port: number,
  quick: boolean,
  nats: NatsServer | undefined,
  args: readonly string[],
): Promise<Record<string, unknown>> {
  const argus = await startArgus({
    paths: [join(dir, 'manifests')],
    dataDir: join(dir, `data-${args.length}`),
    ...(nats === undefined ? {} : { bus: nats.url }),
    webhookUrl: `http://127.0.0.1:${port}/ingest`,
    args,
  });
  try {
    const r = await saturate({
      url: `http://127.0.0.1:${port}/ingest`,
      connections: LOAD.connections,
      durationS: quick ? LOAD.quickSeconds : LOAD.fullSeconds,
      warmupS: quick ? LOAD.quickWarmupSeconds : LOAD.fullWarmupSeconds,
      body: FIXED_BODY,
    });
    return {
      rps: r.rps,
      p50_ms: r.p50_ms,
      p99_ms: r.p99_ms,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    await argus.stop();
  }
}

async function ingest(quick: boolean, jetstream: boolean): Promise<Record<string, unknown>> {
  const missing = argusRunUnavailable({ jetstream }) ?? (jetstream ? natsUnavailable() : undefined);
  if (missing !== undefined) return { skipped: missing };
  const port = await freePort();
  const dir = writeManifests('ingest', { 'event-source.yaml': webhookEventSource(port) });
  let nats: NatsServer | undefined;
  try {
    if (jetstream) nats = await startNats();
    const figures = await saturateArgus(dir, port, quick, nats, []);
    // where time goes: the same run without the per-event info log line (upstream logs it too)
    figures['log_warn'] = quick
      ? { skipped: 'full run only' }
      : await saturateArgus(dir, port, quick, nats, ['--log-level', 'warn']);
    if (nats !== undefined) {
      const seconds = quick ? 1 : LOAD.fullSeconds;
      figures['raw_client_rps'] = await rawJetstreamPublishRate(
        nats.url,
        LOAD.connections,
        seconds * 1000,
        CLOUDEVENT_BYTES,
      );
    }
    return figures;
  } finally {
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ingestEmbeddedBenchmark: Benchmark = {
  name: 'ingest_embedded',
  description: `\`argus run\` (webhook EventSource only, embedded bus: 200 after fsync) in its own process; autocannon in another, ${LOAD.connections} connections, same body as ceiling; log_warn: the same with --log-level warn (full run only)`,
  run: ({ quick }) => ingest(quick, false),
};

export const ingestJetstreamBenchmark: Benchmark = {
  name: 'ingest_jetstream',
  description: `\`argus run --bus nats://…\` (webhook EventSource only; 200 after the stream's ack) against a private nats-server -js (file store); autocannon, ${LOAD.connections} connections; raw_client_rps: the @nats-io client in the bench process publishing ${CLOUDEVENT_BYTES}-byte messages with msgID, ${LOAD.connections} in flight`,
  run: ({ quick }) => ingest(quick, true),
};
