// Given/when/then helpers for end-to-end tests: an HTTP sink standing in for a trigger's peer,
// Argus running manifests in this process on a real bus, deadlines instead of sleeps.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeDocuments } from '../../src/api/load.js';
import type { Bus } from '../../src/eventbus/bus.js';
import { openBus } from '../../src/runtime/bus-factory.js';
import { Metrics } from '../../src/runtime/metrics.js';
import { Supervisor, type Workload } from '../../src/runtime/supervisor.js';
import { formatIssue } from '../../src/shared/errors.js';
import { createLogger, silentLogger, type Logger } from '../../src/shared/logging.js';
import { createSecretResolver } from '../../src/shared/secrets.js';

/** A request the sink received. */
export interface SinkRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Arrival time, ms since the epoch. */
  readonly at: number;
}

/** An HTTP server that records requests and answers `status(n)` for the n-th (1-based). */
export interface Sink {
  readonly url: string;
  readonly requests: SinkRequest[];
  close(): Promise<void>;
}

export async function startSink(status: (n: number, req: SinkRequest) => number = () => 200): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const r: SinkRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(r);
      res.writeHead(status(requests.length, r));
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A free TCP port on loopback (for manifests that name their port). */
export async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Resolves when `check` returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Argus running manifests in this process. */
export interface Running {
  readonly bus: Bus;
  readonly metrics: Metrics;
  readonly supervisor: Supervisor;
  stop(): Promise<void>;
}

export interface RunOptions {
  /** `nats://…` for JetStream; embedded in a temp dir otherwise. */
  readonly busUrl?: string;
  readonly dataDir?: string;
  readonly secretsDir?: string;
  /** Logs to stderr when ARGUS_E2E_LOG is set. */
  readonly log?: Logger;
}

/** Loads the YAML text, opens the bus and runs every resource until `stop`. Waits until ready. */
export async function runManifests(yaml: string, options: RunOptions = {}): Promise<Running> {
  const loaded = judgeDocuments([{ file: 'e2e.yaml', text: yaml }]);
  const problems = [...loaded.failures, ...loaded.resources.flatMap((r) => r.errors)];
  if (problems.length > 0) throw new Error(problems.map(formatIssue).join('\n'));
  const workloads: Workload[] = [];
  for (const r of loaded.resources) {
    if (r.kind === 'EventSource') workloads.push({ kind: 'EventSource', resource: r.resource });
    else if (r.kind === 'Sensor') workloads.push({ kind: 'Sensor', resource: r.resource });
  }
  const log =
    options.log ??
    (process.env['ARGUS_E2E_LOG'] !== undefined
      ? createLogger({ level: process.env['ARGUS_E2E_LOG'], destination: process.stderr })
      : silentLogger());
  // a data dir made here is removed on stop; one passed in belongs to the test
  const ownDataDir = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'argus-e2e-')) : undefined;
  const bus = await openBus({ url: options.busUrl, dataDir: options.dataDir ?? ownDataDir });
  const metrics = new Metrics();
  const supervisor = new Supervisor({
    bus,
    log,
    metrics,
    secrets: createSecretResolver(options.secretsDir === undefined ? {} : { secretsDir: options.secretsDir }),
  });
  await supervisor.apply(workloads);
  await waitFor('argus to be ready', () => supervisor.ready);
  return {
    bus,
    metrics,
    supervisor,
    async stop() {
      await supervisor.stop();
      await bus.close();
      if (ownDataDir !== undefined) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** Posts JSON bodies with at most `concurrency` requests in flight; returns the statuses in order. */
export async function postAll(url: string, bodies: readonly unknown[], concurrency = 16): Promise<number[]> {
  const statuses: number[] = new Array<number>(bodies.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const i = next++;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(bodies[i]),
      });
      await res.arrayBuffer();
      statuses[i] = res.status;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/** The value of a counter series in a Prometheus exposition. */
export async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const m = await metrics.registry.getSingleMetric(name)?.get();
  const v = m?.values.find((x) => Object.entries(labels).every(([k, val]) => x.labels[k] === val));
  return v?.value ?? 0;
}
