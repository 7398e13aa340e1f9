// The Sensor runtime on the embedded bus: partial matches survive a restart, a changed spec
// purges what no longer applies, conditionsReset clears on its cron tick (manual clock), an
// invalid `conditions` disables only its trigger, and at-most-once ignores retryStrategy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sensor } from '../../src/api/sensor/index.js';
import type { Bus } from '../../src/eventbus/bus.js';
import { openEmbeddedBus } from '../../src/eventbus/embedded/embedded-bus.js';
import { Metrics } from '../../src/runtime/metrics.js';
import { SensorRuntime } from '../../src/runtime/sensor.js';
import { ManualClock, systemClock, type Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logging.js';
import { createSecretResolver } from '../../src/shared/secrets.js';
import { metricValue, startSink, waitFor, type Sink } from '../e2e/support.js';
import { publishJson, validSensor } from '../support/bus-events.js';

const sensor = validSensor;

function sensorYaml(sink: Sink, conditions: string, extra = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: st}
spec:
  dependencies:
    - {name: a, eventSourceName: es, eventName: a}
    - {name: b, eventSourceName: es, eventName: b}
    - {name: c, eventSourceName: es, eventName: c}
  triggers:
    - template:
        name: t
        conditions: "${conditions}"
${extra}
        http:
          url: ${sink.url}/t
          payload:
            - {src: {dependencyName: a, dataKey: v, value: none}, dest: a}
            - {src: {dependencyName: b, dataKey: v, value: none}, dest: b}
            - {src: {dependencyName: c, dataKey: v, value: none}, dest: c}
`;
}

async function publish(bus: Bus, eventName: string, v: string, clock: Clock = systemClock): Promise<void> {
  await publishJson(bus, 'es', eventName, { v }, clock.now());
}

async function start(bus: Bus, s: Sensor, clock: Clock = systemClock, metrics = new Metrics()) {
  const runtime = new SensorRuntime({
    sensor: s,
    bus,
    log: silentLogger(),
    metrics,
    secrets: createSecretResolver(),
    clock,
  });
  const controller = new AbortController();
  const done = runtime.run(controller.signal);
  await waitFor('sensor running', () => runtime.ready);
  return {
    runtime,
    metrics,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

test('partial matches survive a restart; a changed spec purges them', async () => {
  const sink = await startSink();
  const dir = mkdtempSync(join(tmpdir(), 'argus-sensor-'));
  let bus = await openEmbeddedBus({ dataDir: dir });
  try {
    let s = await start(bus, sensor(sensorYaml(sink, 'a && b')));
    await publish(bus, 'a', 'a1');
    const kvHas = async (key: string): Promise<boolean> =>
      (await (await bus.kv('st')).get(key)) !== undefined;
    await waitFor('a stored', () => kvHas('t/a'));
    await s.stop();
    await bus.close();

    bus = await openEmbeddedBus({ dataDir: dir });
    s = await start(bus, sensor(sensorYaml(sink, 'a && b')));
    await publish(bus, 'b', 'b1');
    await waitFor('firing with the stored a', () => sink.requests.length === 1);
    assert.deepEqual(JSON.parse(sink.requests[0]!.body), { a: 'a1', b: 'b1', c: 'none' });
    assert.equal(await kvHas('t/a'), false);

    await publish(bus, 'a', 'a2');
    await waitFor('a2 stored', () => kvHas('t/a'));
    await s.stop();
    // the conditions changed: the stored a belongs to the old expression and is purged
    s = await start(bus, sensor(sensorYaml(sink, 'a && c')));
    assert.equal(await kvHas('t/a'), false);
    assert.equal(new TextDecoder().decode((await (await bus.kv('st')).get('t/Expression'))!), 'a && c');
    await publish(bus, 'c', 'c1');
    await publish(bus, 'a', 'a3');
    await waitFor('firing with c1 and a3', () => sink.requests.length === 2);
    assert.deepEqual(JSON.parse(sink.requests[1]!.body), { a: 'a3', b: 'none', c: 'c1' });
    await s.stop();
  } finally {
    await bus.close();
    await sink.close();
  }
});

test('conditionsReset clears partial matches on its cron tick (manual clock)', async () => {
  const sink = await startSink();
  const clock = new ManualClock(Date.parse('2024-05-01T10:00:30Z'));
  const bus = await openEmbeddedBus({ dataDir: mkdtempSync(join(tmpdir(), 'argus-reset-')) });
  try {
    const s = await start(
      bus,
      sensor(sensorYaml(sink, 'a && b', '        conditionsReset:\n          - byTime: {cron: "* * * * *"}')),
      clock,
    );
    await publish(bus, 'a', 'a1', clock);
    const kv = await bus.kv('st');
    await waitFor('a stored', async () => (await kv.get('t/a')) !== undefined);
    clock.advance(30_000); // the 10:01 tick
    await waitFor('reset', async () => (await kv.get('t/a')) === undefined);
    await publish(bus, 'b', 'b1', clock);
    await waitFor('b stored', async () => (await kv.get('t/b')) !== undefined);
    assert.equal(sink.requests.length, 0);
    await s.stop();
  } finally {
    await bus.close();
    await sink.close();
  }
});

test('an invalid conditions expression disables only its trigger; at-most-once does not retry', async () => {
  const sink = await startSink(() => 500);
  const bus = await openEmbeddedBus({ dataDir: mkdtempSync(join(tmpdir(), 'argus-bad-')) });
  try {
    const s = await start(
      bus,
      sensor(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: mixed}
spec:
  dependencies:
    - {name: a, eventSourceName: es, eventName: a}
  triggers:
    - template: {name: broken, conditions: "a && nope", log: {}}
    - template:
        name: works
        http: {url: "${sink.url}/w"}
      policy: {status: {allow: [200]}}
      retryStrategy: {steps: 5, duration: 1ms}
`),
    );
    await publish(bus, 'a', 'x');
    await waitFor('the working trigger to run', () => sink.requests.length === 1);
    await waitFor(
      'its failure counted',
      async () =>
        (await metricValue(s.metrics, 'argo_events_action_retries_failed_total', {
          trigger_name: 'works',
        })) === 1,
    );
    assert.equal(
      await metricValue(s.metrics, 'argo_events_action_failed_total', { trigger_name: 'works' }),
      1,
    );
    assert.equal(sink.requests.length, 1, 'retryStrategy has no effect without atLeastOnce');
    await s.stop();
  } finally {
    await bus.close();
    await sink.close();
  }
});

test('template-level parameters change the template before the trigger type runs', async () => {
  const sink = await startSink();
  const bus = await openEmbeddedBus({ dataDir: mkdtempSync(join(tmpdir(), 'argus-tparams-')) });
  try {
    const s = await start(
      bus,
      sensor(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: tparams}
spec:
  dependencies:
    - {name: a, eventSourceName: es, eventName: a}
  triggers:
    - template:
        name: t
        http: {url: "http://127.0.0.1:1/unused", method: POST}
      parameters:
        - {src: {dependencyName: a, dataKey: v}, dest: http.url}
        - {src: {dependencyName: a, value: PUT, dataKey: missing}, dest: http.method}
`),
    );
    await publish(bus, 'a', `${sink.url}/from-event`);
    await waitFor('the request at the URL taken from the event', () => sink.requests.length === 1);
    assert.equal(sink.requests[0]!.url, '/from-event');
    assert.equal(sink.requests[0]!.method, 'PUT');
    await s.stop();
  } finally {
    await bus.close();
    await sink.close();
  }
});

test('a sensor whose subscriptions end (bus closed under it) fails so the supervisor restarts it', async () => {
  const sink = await startSink();
  const bus = await openEmbeddedBus({ dataDir: mkdtempSync(join(tmpdir(), 'argus-lost-')) });
  const runtime = new SensorRuntime({
    sensor: sensor(sensorYaml(sink, 'a')),
    bus,
    log: silentLogger(),
    metrics: new Metrics(),
    secrets: createSecretResolver(),
  });
  const done = runtime.run(new AbortController().signal);
  try {
    await waitFor('sensor running', () => runtime.ready);
    await bus.close();
    await assert.rejects(done, /subscription ended unexpectedly/);
    assert.equal(runtime.lifecycle.state, 'failed');
  } finally {
    await sink.close();
  }
});
