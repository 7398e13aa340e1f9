// Ingest: the webhook EventSource accepting JSON POSTs into the bus — a 2xx means the event is
// durable (fsync'd by the embedded bus, acked by the JetStream stream). Same autocannon load as
// the ceiling benchmark, against `argus run` with only the EventSource loaded.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { startCeilingServer } from './ceiling.bench.js';
import { argusRunUnavailable, startArgus } from './support/argus.js';
import { FIXED_BODY } from './support/body.js';
import { rawJetstreamPublishRate } from './support/jetstream-raw.js';
import { webhookEventSource, writeManifests } from './support/manifests.js';
import { natsUnavailable, startNats, type NatsServer } from './support/nats.js';
import { freePort } from './support/ports.js';
import { saturate } from './support/saturate.js';
import { median, round2 } from './support/stats.js';
import { cpuPerUnit, readThreadCpu } from './support/thread-cpu.js';
import { LOAD } from './support/settings.js';

/** A CloudEvent of the fixed body is about this big; the raw client publishes the same size. */
const CLOUDEVENT_BYTES = 600;

/**
 * Starts `argus run` (EventSource only) and saturates it. Without `ceiling`: one run of the
 * usual length. With it: rounds alternating the ceiling server and Argus under the same load,
 * so each ratio compares two runs seconds apart; figures are the medians of the rounds.
 */
async function saturateArgus(
  dir: string,
  port: number,
  quick: boolean,
  nats: NatsServer | undefined,
  args: readonly string[],
  ceiling?: { url: string },
): Promise<Record<string, unknown>> {
  const argus = await startArgus({
    paths: [join(dir, 'manifests')],
    dataDir: join(dir, `data-${args.length}`),
    ...(nats === undefined ? {} : { bus: nats.url }),
    webhookUrl: `http://127.0.0.1:${port}/ingest`,
    args,
  });
  const load = (url: string, durationS: number, warmupS: number) =>
    saturate({ url, connections: LOAD.connections, durationS, warmupS, body: FIXED_BODY });
  try {
    const url = `http://127.0.0.1:${port}/ingest`;
    if (ceiling === undefined) {
      const r = await load(
        url,
        quick ? LOAD.quickSeconds : LOAD.fullSeconds,
        quick ? LOAD.quickWarmupSeconds : LOAD.fullWarmupSeconds,
      );
      return {
        rps: r.rps,
        p50_ms: r.p50_ms,
        p99_ms: r.p99_ms,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      };
    }
    const rounds = LOAD.ingestRounds;
    const seconds = LOAD.ingestRoundSeconds;
    const warmup = LOAD.fullWarmupSeconds;
    const measured: {
      ceiling: number;
      ingest: number;
      p50: number;
      p99: number;
      bad: number;
      cpu: { main_us: number; other_us: number } | undefined;
    }[] = [];
    for (let i = 0; i < rounds; i++) {
      // each side warms up in the first round only (the processes stay up between rounds)
      const c = await load(ceiling.url, seconds, i === 0 ? warmup : 0);
      if (i === 0) await load(url, warmup, 0); // Argus's warm-up, outside the CPU reading
      const before = readThreadCpu(argus.pid);
      const a = await load(url, seconds, 0);
      const cpu = cpuPerUnit(before, readThreadCpu(argus.pid), a.ok + a.non2xx);
      measured.push({
        ceiling: c.rps,
        ingest: a.rps,
        p50: a.p50_ms,
        p99: a.p99_ms,
        bad: a.non2xx + a.errors + a.timeouts,
        cpu,
      });
    }
    const cpus = measured.flatMap((m) => (m.cpu === undefined ? [] : [m.cpu]));
    return {
      rps: median(measured.map((m) => m.ingest)),
      ceiling_rps: median(measured.map((m) => m.ceiling)),
      ratio_to_ceiling: round2(median(measured.map((m) => m.ingest / m.ceiling))),
      p50_ms: median(measured.map((m) => m.p50)),
      p99_ms: median(measured.map((m) => m.p99)),
      non2xx_or_errors: measured.reduce((n, m) => n + m.bad, 0),
      rounds: measured.map((m) => `${m.ingest} / ${m.ceiling}`).join(', '),
      // CPU per request of the argus process (median over the rounds): what a change to the
      // webhook path costs, much less sensitive to the host's load than req/s
      ...(cpus.length === 0
        ? {}
        : {
            cpu_us_per_request: {
              main_thread: median(cpus.map((c) => c.main_us)),
              other_threads: median(cpus.map((c) => c.other_us)),
            },
          }),
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
  let ceiling: Awaited<ReturnType<typeof startCeilingServer>> | undefined;
  try {
    if (jetstream) nats = await startNats();
    // --quick keeps within its minute: one run, compared with the ceiling benchmark's
    if (!quick) ceiling = await startCeilingServer();
    const figures = await saturateArgus(dir, port, quick, nats, [], ceiling);
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
    await ceiling?.stop();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ingestEmbeddedBenchmark: Benchmark = {
  name: 'ingest_embedded',
  description: `\`argus run\` (webhook EventSource only, embedded bus: 200 after fsync) in its own process; autocannon in another, ${LOAD.connections} connections, same body as ceiling; ${LOAD.ingestRounds} rounds of ${LOAD.ingestRoundSeconds} s alternating with the ceiling server (--quick: one ${LOAD.quickSeconds} s run, compared with the ceiling benchmark; figures: medians; ratio_to_ceiling: median of the rounds' ratios; cpu_us_per_request: argus's CPU per request, main thread and the others, from /proc); log_warn: one ${LOAD.fullSeconds} s run with --log-level warn (full run only)`,
  run: ({ quick }) => ingest(quick, false),
};

export const ingestJetstreamBenchmark: Benchmark = {
  name: 'ingest_jetstream',
  description: `\`argus run --bus nats://…\` (webhook EventSource only; 200 after the stream's ack) against a private nats-server -js (file store); autocannon, ${LOAD.connections} connections, rounds alternating with the ceiling server as ingest_embedded; raw_client_rps: the @nats-io client in the bench process publishing ${CLOUDEVENT_BYTES}-byte messages with msgID, ${LOAD.connections} in flight`,
  run: ({ quick }) => ingest(quick, true),
};
