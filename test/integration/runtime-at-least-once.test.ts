// At-least-once triggers on the embedded bus: a trigger's actions run side by side (up to the
// window) and each message is acknowledged only once its own action finished, so a hard stop with
// actions in flight redelivers every one of them; the annotation `argus/at-least-once-concurrency:
// "1"` and AND conditions keep upstream's one-at-a-time order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeDocuments } from '../../src/api/load.js';
import type { Sensor } from '../../src/api/sensor/index.js';
import type { Bus, Delivery } from '../../src/eventbus/bus.js';
import { openEmbeddedBus } from '../../src/eventbus/embedded/embedded-bus.js';
import { Metrics } from '../../src/runtime/metrics.js';
import { SensorRuntime } from '../../src/runtime/sensor.js';
import { ManualClock, type Clock } from '../../src/shared/clock.js';
import { ConfigError } from '../../src/shared/errors.js';
import { silentLogger } from '../../src/shared/logging.js';
import { createSecretResolver } from '../../src/shared/secrets.js';
import { metricValue, waitFor } from '../e2e/support.js';
import { publishJson, validSensor } from '../support/bus-events.js';

/** A sink that holds every request open until released, and remembers the most it held at once. */
interface GatedSink {
  readonly url: string;
  /** Values of `v` received, in arrival order (redeliveries included). */
  readonly received: string[];
  readonly open: number;
  readonly maxOpen: number;
  /** Answers every held request (200) and, from now on, answers at once. */
  releaseAll(): void;
  /** Answers the oldest held request. */
  releaseOne(): void;
  /** Holds requests again from now on. */
  hold(): void;
  close(): Promise<void>;
}

async function startGatedSink(): Promise<GatedSink> {
  const held: ServerResponse[] = [];
  const received: string[] = [];
  let holding = true;
  let maxOpen = 0;
  const answer = (res: ServerResponse): void => {
    if (!res.destroyed) res.end();
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push((JSON.parse(body) as { v: string }).v);
      if (!holding) return answer(res);
      held.push(res);
      maxOpen = Math.max(maxOpen, held.filter((r) => !r.destroyed).length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get open() {
      return held.filter((r) => !r.destroyed).length;
    },
    get maxOpen() {
      return maxOpen;
    },
    releaseAll() {
      holding = false;
      for (const r of held.splice(0)) answer(r);
    },
    releaseOne() {
      const r = held.shift();
      if (r !== undefined) answer(r);
    },
    hold() {
      holding = true;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function sensorYaml(url: string, options: { annotation?: string; conditions?: string } = {}): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: alo
${options.annotation === undefined ? '' : `  annotations:\n    argus/at-least-once-concurrency: "${options.annotation}"\n`}spec:
  dependencies:
    - {name: a, eventSourceName: es, eventName: a}
    - {name: b, eventSourceName: es, eventName: b}
  triggers:
    - atLeastOnce: true
      template:
        name: t
        conditions: "${options.conditions ?? 'a'}"
        http:
          url: ${url}/t
          payload:
            - {src: {dependencyName: a, dataKey: v}, dest: v}
`;
}

function sensor(url: string, options: { annotation?: string; conditions?: string } = {}): Sensor {
  return validSensor(sensorYaml(url, options));
}

async function publish(bus: Bus, eventName: string, v: string): Promise<void> {
  await publishJson(bus, 'es', eventName, { v });
}

function runtimeFor(
  bus: Bus,
  s: Sensor,
  metrics = new Metrics(),
  extra: { clock?: Clock; ackWaitMs?: number } = {},
): SensorRuntime {
  return new SensorRuntime({
    sensor: s,
    bus,
    log: silentLogger(),
    metrics,
    ...extra,
    secrets: createSecretResolver(),
  });
}

async function start(runtime: SensorRuntime) {
  const controller = new AbortController();
  const done = runtime.run(controller.signal);
  await waitFor('sensor running', () => runtime.ready);
  return { controller, done };
}

/** Runs `body` with a gated sink and a fresh embedded bus (on `clock`), closing both afterwards. */
async function withSinkAndBus(
  body: (sink: GatedSink, bus: Bus) => Promise<void>,
  clock?: Clock,
): Promise<void> {
  const sink = await startGatedSink();
  const bus = await openEmbeddedBus({
    dataDir: mkdtempSync(join(tmpdir(), 'argus-alo-')),
    ...(clock === undefined ? {} : { clock }),
  });
  try {
    await body(sink, bus);
  } finally {
    await bus.close();
    await sink.close();
  }
}

/** `bus`, except that every delivery reaches the subscriber through `wrap`. */
function withDeliveries(bus: Bus, wrap: (d: Delivery) => Delivery): Bus {
  return Object.create(bus, {
    subscribe: {
      value: (
        name: string,
        subjects: Parameters<Bus['subscribe']>[1],
        handler: Parameters<Bus['subscribe']>[2],
        options?: Parameters<Bus['subscribe']>[3],
      ) => bus.subscribe(name, subjects, (d) => handler(wrap(d)), options),
    },
  }) as Bus;
}

test('actions of one at-least-once trigger run side by side; a hard stop mid-action redelivers every unfinished one', async () => {
  await withSinkAndBus(async (sink, bus) => {
    const metrics = new Metrics();
    const first = runtimeFor(bus, sensor(sink.url), metrics);
    const run1 = await start(first);
    for (const v of ['1', '2', '3', '4', '5']) await publish(bus, 'a', v);
    // all five actions are in flight at once: none waited for the one before
    await waitFor('five requests held open together', () => sink.open === 5);
    sink.releaseOne();
    // the answer reached the sensor and that action succeeded (its message is acked right after)
    await waitFor(
      'one action done',
      async () =>
        (await metricValue(metrics, 'argo_events_action_triggered_total', { trigger_name: 't' })) === 1,
    );
    assert.equal(sink.open, 4);
    // stop now, abandoning the four actions still waiting for their answer
    run1.controller.abort();
    first.abort();
    await run1.done;

    sink.releaseAll();
    const second = runtimeFor(bus, sensor(sink.url));
    const run2 = await start(second);
    await publish(bus, 'a', 'marker');
    await waitFor('marker delivered', () => sink.received.includes('marker'));
    // the four unfinished actions came again (their messages were never acked); the finished
    // one did not (its message was acked when its own action finished)
    const again = sink.received.slice(5).filter((v) => v !== 'marker');
    assert.equal(again.length, 4, `redelivered: ${again.join(',')}`);
    const finished = ['1', '2', '3', '4', '5'].filter((v) => !again.includes(v));
    assert.equal(finished.length, 1);
    run2.controller.abort();
    await run2.done;
  });
});

test('annotation argus/at-least-once-concurrency: "1" keeps upstream\'s one-action-at-a-time order', async () => {
  await withSinkAndBus(async (sink, bus) => {
    const runtime = runtimeFor(bus, sensor(sink.url, { annotation: '1' }));
    assert.equal(runtime.atLeastOnceWindow, 1);
    const run = await start(runtime);
    for (const v of ['1', '2', '3']) await publish(bus, 'a', v);
    for (let answered = 0; answered < 3; answered++) {
      await waitFor(`request ${answered + 1} held`, () => sink.received.length === answered + 1);
      sink.releaseOne();
    }
    assert.deepEqual(sink.received, ['1', '2', '3']);
    assert.equal(sink.maxOpen, 1);
    run.controller.abort();
    await run.done;
  });
});

test('an AND trigger runs its at-least-once actions one at a time whatever the window', async () => {
  await withSinkAndBus(async (sink, bus) => {
    const runtime = runtimeFor(bus, sensor(sink.url, { conditions: 'a && b' }));
    assert.ok(runtime.atLeastOnceWindow > 1);
    const run = await start(runtime);
    for (const v of ['1', '2']) {
      await publish(bus, 'a', v);
      await publish(bus, 'b', v);
    }
    await waitFor('first firing held', () => sink.received.length === 1);
    sink.releaseOne();
    await waitFor('second firing held', () => sink.received.length === 2);
    sink.releaseOne();
    assert.deepEqual(sink.received, ['1', '2']);
    assert.equal(sink.maxOpen, 1);
    run.controller.abort();
    await run.done;
  });
});

test('a bad annotation value is a validation error at its path, and a ConfigError if a runtime gets it anyway', () => {
  for (const bad of ['0', '-2', 'lots', '1.5', '']) {
    const judged = judgeDocuments([
      { file: 's.yaml', text: sensorYaml('http://127.0.0.1:1', { annotation: bad }) },
    ]);
    const r = judged.resources[0]!;
    assert.deepEqual(
      r.errors.map((e) => `${e.path}: ${e.message}`),
      [
        `metadata.annotations["argus/at-least-once-concurrency"]: must be a whole number ≥ 1 (1 = upstream's strict order), got "${bad}"`,
      ],
    );
    const decoded = {
      ...(sensor('http://127.0.0.1:1') as object),
      metadata: { name: 'alo', annotations: { 'argus/at-least-once-concurrency': bad } },
    } as Sensor;
    assert.throws(
      () => runtimeFor({} as Bus, decoded),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message.includes('metadata.annotations["argus/at-least-once-concurrency"]') &&
        err.message.includes(`got "${bad}"`),
    );
  }
});

test('an action running longer than the ack wait keeps its message: "in progress" is sent every 500 ms (manual clock)', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  await withSinkAndBus(async (sink, bus) => {
    // the real bus, with every delivery handed to the sensor counted by event id
    const deliveries = new Map<string, number>();
    const counted = withDeliveries(bus, (d) => {
      deliveries.set(d.message.id, (deliveries.get(d.message.id) ?? 0) + 1);
      return d;
    });
    const runtime = runtimeFor(counted, sensor(sink.url), new Metrics(), { clock, ackWaitMs: 1000 });
    const run = await start(runtime);
    await publish(bus, 'a', 'slow');
    await waitFor('request held', () => sink.open === 1);
    // 5 s of sensor and bus time pass with the action still running: five ack waits
    for (let i = 0; i < 50; i++) {
      clock.advance(100);
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(
      [...deliveries.values()],
      [1],
      'delivered once: the beat kept the ack wait from running out',
    );
    sink.releaseAll();
    run.controller.abort();
    await run.done;
  }, clock);
});

test('a redelivery while the first action still runs is not acknowledged before that action finished', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  await withSinkAndBus(async (sink, bus) => {
    // the real bus, except that "in progress" never arrives: the ack wait runs out mid-action
    const deaf = withDeliveries(bus, (d) => ({
      message: d.message,
      redeliveryCount: d.redeliveryCount,
      ack: () => d.ack(),
      nak: (ms?: number) => d.nak(ms),
      working: () => Promise.resolve(),
    }));
    const first = runtimeFor(deaf, sensor(sink.url), new Metrics(), { clock, ackWaitMs: 1000 });
    const run1 = await start(first);
    await publish(bus, 'a', 'slow');
    await waitFor('request held', () => sink.open === 1);
    clock.advance(1500); // the ack wait runs out: the bus delivers the event again
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    // a crash while the first action still runs
    run1.controller.abort();
    first.abort();
    await run1.done;

    sink.releaseAll();
    const second = runtimeFor(bus, sensor(sink.url), new Metrics(), { clock });
    const run2 = await start(second);
    await publish(bus, 'a', 'marker');
    await waitFor('marker delivered', () => sink.received.includes('marker'));
    assert.deepEqual(sink.received, ['slow', 'slow', 'marker'], 'the unfinished event came again');
    run2.controller.abort();
    await run2.done;
  }, clock);
});
