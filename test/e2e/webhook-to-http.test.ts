// Given webhook EventSources and Sensors with http triggers, when events are posted, then the
// HTTP peer receives what the manifests say — on the embedded bus and on NATS JetStream.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { freePort, metricValue, postAll, runManifests, startSink, waitFor, type Running } from './support.js';

function webhookSource(name: string, port: number, events: string[]): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ${name}}
spec:
  webhook:
${events.map((e) => `    ${e}: {port: "${port}", endpoint: /${e}, method: POST}`).join('\n')}
`;
}

const buses: { name: string; url: () => string | undefined }[] = [{ name: 'embedded', url: () => undefined }];
let nats: NatsServer | undefined;
buses.push({ name: 'jetstream', url: () => nats!.url });

before(async () => {
  nats = await startNatsServer();
});
after(async () => {
  await nats?.stop();
});

for (const bus of buses) {
  describe(`on the ${bus.name} bus`, () => {
    test('1,000 webhook events reach the HTTP sink with resolved parameters', async () => {
      const sink = await startSink();
      const port = await freePort();
      const sensor = `s1000${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `${webhookSource(`es1000${bus.name}`, port, ['example'])}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ${sensor}}
spec:
  dependencies:
    - {name: payload, eventSourceName: es1000${bus.name}, eventName: example}
  triggers:
    - template:
        name: forward
        http:
          url: ${sink.url}/hook
          headers: {Content-Type: application/json}
          payload:
            - src: {dependencyName: payload, dataKey: body.n}
              dest: num
            - src: {dependencyName: payload, dataKey: body.message}
              dest: msg
            - src: {dependencyName: payload, contextKey: subject}
              dest: subject
          parameters:
            - src: {dependencyName: payload, dataKey: body.path}
              dest: url
              operation: append
`,
          { busUrl: bus.url() },
        );
        const bodies = Array.from({ length: 1000 }, (_, i) => ({
          n: String(i),
          message: `m${i}`,
          path: `/${i % 7}`,
        }));
        const statuses = await postAll(`http://127.0.0.1:${port}/example`, bodies);
        assert.deepEqual(new Set(statuses), new Set([200]));
        await waitFor('1000 requests at the sink', () => sink.requests.length >= 1000, 60_000);
        const seen = new Set<string>();
        for (const r of sink.requests) {
          const body = JSON.parse(r.body) as { num: string; msg: string; subject: string };
          assert.equal(body.msg, `m${body.num}`);
          assert.equal(body.subject, 'example');
          assert.equal(r.url, `/hook/${Number(body.num) % 7}`);
          seen.add(body.num);
        }
        assert.equal(seen.size, 1000);
        // the sink can hold the last request before its trigger call has returned and been counted
        const triggered = () =>
          metricValue(argus!.metrics, 'argo_events_action_triggered_total', { trigger_name: 'forward' });
        await waitFor('1000 counted triggers', async () => (await triggered()) === 1000, 10_000);
        assert.equal(await triggered(), 1000);
        assert.equal(
          await metricValue(argus.metrics, 'argo_events_events_sent_total', { event_name: 'example' }),
          1000,
        );
      } finally {
        await argus?.stop();
        await sink.close();
      }
    });

    test('a two-dependency condition fires once with both events', async () => {
      const sink = await startSink();
      const port = await freePort();
      const es = `es2dep${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `${webhookSource(es, port, ['a', 'b'])}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s2dep${bus.name}}
spec:
  dependencies:
    - {name: dep-a, eventSourceName: ${es}, eventName: a}
    - {name: dep-b, eventSourceName: ${es}, eventName: b}
  triggers:
    - template:
        name: both
        conditions: "dep-a && dep-b"
        http:
          url: ${sink.url}/both
          payload:
            - {src: {dependencyName: dep-a, dataKey: body.v}, dest: a}
            - {src: {dependencyName: dep-b, dataKey: body.v}, dest: b}
`,
          { busUrl: bus.url() },
        );
        assert.deepEqual(
          await postAll(`http://127.0.0.1:${port}/a`, [{ v: 'a1' }, { v: 'a2' }], 1),
          [200, 200],
        );
        // the a events are stored in the KV, nothing fires yet
        await waitFor(
          'a2 stored',
          async () => (await (await argus!.bus.kv(`s2dep${bus.name}`)).get('both/dep-a')) !== undefined,
        );
        assert.equal(sink.requests.length, 0);
        assert.deepEqual(await postAll(`http://127.0.0.1:${port}/b`, [{ v: 'b1' }], 1), [200]);
        await waitFor('one firing', () => sink.requests.length === 1);
        assert.deepEqual(JSON.parse(sink.requests[0]!.body), { a: 'a2', b: 'b1' }); // latest a wins
        // state cleared: another b alone does not fire
        await postAll(`http://127.0.0.1:${port}/b`, [{ v: 'b2' }], 1);
        await waitFor(
          'b2 stored',
          async () => (await (await argus!.bus.kv(`s2dep${bus.name}`)).get('both/dep-b')) !== undefined,
        );
        assert.equal(sink.requests.length, 1);
      } finally {
        await argus?.stop();
        await sink.close();
      }
    });

    test('a failing sink is retried per retryStrategy, then the DLQ trigger gets the events', async () => {
      const failing = await startSink(() => 503);
      const dlq = await startSink();
      const port = await freePort();
      const es = `esdlq${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `${webhookSource(es, port, ['example'])}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: sdlq${bus.name}}
spec:
  dependencies:
    - {name: d, eventSourceName: ${es}, eventName: example}
  triggers:
    - template:
        name: main
        http:
          url: ${failing.url}/main
          payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]
      policy: {status: {allow: [200]}}
      atLeastOnce: true
      retryStrategy: {steps: 3, duration: 10ms, factor: 2, jitter: 0}
      dlqTrigger:
        template:
          name: dead-letters
          http:
            url: ${dlq.url}/dlq
            payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]
        atLeastOnce: true
`,
          { busUrl: bus.url() },
        );
        assert.deepEqual(
          await postAll(`http://127.0.0.1:${port}/example`, [{ id: 'x1' }, { id: 'x2' }], 1),
          [200, 200],
        );
        await waitFor('two dead letters', () => dlq.requests.length === 2);
        // the sink counts a request when it arrives, the trigger its action once answered
        await waitFor(
          'both dead letters counted',
          async () =>
            (await metricValue(argus!.metrics, 'argo_events_action_triggered_total', {
              trigger_name: 'dead-letters',
            })) === 2,
        );
        assert.equal(failing.requests.length, 6); // 3 attempts per event
        assert.deepEqual(dlq.requests.map((r) => JSON.parse(r.body) as unknown).sort(), [
          { id: 'x1' },
          { id: 'x2' },
        ]);
        const labels = { trigger_name: 'main' };
        assert.equal(await metricValue(argus.metrics, 'argo_events_action_failed_total', labels), 6);
        assert.equal(await metricValue(argus.metrics, 'argo_events_action_retries_failed_total', labels), 2);
        assert.equal(
          await metricValue(argus.metrics, 'argo_events_action_triggered_total', {
            trigger_name: 'dead-letters',
          }),
          2,
        );
      } finally {
        await argus?.stop();
        await failing.close();
        await dlq.close();
      }
    });

    test('rateLimit holds under a burst', async () => {
      const sink = await startSink();
      const port = await freePort();
      const es = `esrl${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `${webhookSource(es, port, ['example'])}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: srl${bus.name}}
spec:
  dependencies:
    - {name: d, eventSourceName: ${es}, eventName: example}
  triggers:
    - template:
        name: limited
        http: {url: "${sink.url}/rl"}
      rateLimit: {unit: Second, requestsPerUnit: 4}
`,
          { busUrl: bus.url() },
        );
        const statuses = await postAll(
          `http://127.0.0.1:${port}/example`,
          Array.from({ length: 14 }, (_, i) => ({ i })),
          14,
        );
        assert.deepEqual(new Set(statuses), new Set([200]));
        await waitFor('all 14 requests', () => sink.requests.length === 14, 30_000);
        const times = sink.requests.map((r) => r.at).sort((a, b) => a - b);
        // At most 4 per second. The sink sees permit time plus request latency, which a loaded
        // machine stretches by a few hundred ms, so the bounds leave room for that; a leak like
        // upstream's (11 back to back after idling) puts the 5th within milliseconds of the 1st.
        const rel = times.map((t) => t - times[0]!).join(',');
        for (let i = 0; i + 4 < times.length; i++)
          assert.ok(times[i + 4]! - times[i]! >= 700, `burst at ${i}: ${rel}`);
        // 14 permits at 4/s span at least 2.5 s from first to last
        assert.ok(times[13]! - times[0]! >= 2200, `span: ${rel}`);
      } finally {
        await argus?.stop();
        await sink.close();
      }
    });

    test('filter.expression drops events before the bus, and the caller still gets 200', async () => {
      const sink = await startSink();
      const port = await freePort();
      const es = `esflt${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ${es}}
spec:
  webhook:
    example:
      port: "${port}"
      endpoint: /example
      method: POST
      filter: {expression: "body.kind == 'push' && header['X-Team'][0] == 'a'"}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: sflt${bus.name}}
spec:
  dependencies:
    - {name: d, eventSourceName: ${es}, eventName: example}
  triggers:
    - template:
        name: t
        http:
          url: "${sink.url}/x"
          payload: [{src: {dependencyName: d, dataKey: body.n}, dest: num}]
`,
          { busUrl: bus.url() },
        );
        const url = `http://127.0.0.1:${port}/example`;
        const send = async (body: unknown, team: string): Promise<number> =>
          (await fetch(url, { method: 'POST', headers: { 'X-Team': team }, body: JSON.stringify(body) }))
            .status;
        assert.equal(await send({ kind: 'pull', n: '1' }, 'a'), 200);
        assert.equal(await send({ kind: 'push', n: '2' }, 'b'), 200);
        assert.equal(await send({ kind: 'push', n: '3' }, 'a'), 200);
        await waitFor('the matching event', () => sink.requests.length === 1);
        assert.equal(sink.requests[0]!.body, '{"num":"3"}');
        assert.equal(
          await metricValue(argus.metrics, 'argo_events_events_sent_total', { eventsource_name: es }),
          1,
        );
      } finally {
        await argus?.stop();
        await sink.close();
      }
    });

    test('bad input to the webhook gets upstream answers and nothing reaches the bus', async () => {
      const sink = await startSink();
      const port = await freePort();
      const es = `esbad${bus.name}`;
      let argus: Running | undefined;
      try {
        argus = await runManifests(
          `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ${es}}
spec:
  webhook:
    example: {port: "${port}", endpoint: /example, method: POST, maxPayloadSize: 100, authSecret: {name: tok, key: t}}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: sbad${bus.name}}
spec:
  dependencies:
    - {name: d, eventSourceName: ${es}, eventName: example}
  triggers:
    - template: {name: t, http: {url: "${sink.url}/x"}}
`,
          { busUrl: bus.url(), secretsDir: await tokenDir() },
        );
        const url = `http://127.0.0.1:${port}/example`;
        const auth = { Authorization: 'Bearer tok-value' };
        const cases: [RequestInit, number, string][] = [
          [{ method: 'GET', headers: auth }, 400, 'http method does not match'],
          [
            { method: 'POST', headers: auth, body: 'x'.repeat(200) },
            400,
            'failed to parse request body, http: request body too large',
          ],
          [
            { method: 'POST', headers: auth, body: 'not json' },
            400,
            "json: error calling MarshalJSON for type *json.RawMessage: invalid character 'o' in literal null (expecting 'u')",
          ],
          [
            { method: 'POST', headers: { Authorization: 'Bearer wrong' }, body: '{}' },
            401,
            'Invalid Auth token',
          ],
          [{ method: 'POST', body: '{}' }, 401, 'Invalid Authorization Header'],
        ];
        for (const [init, status, body] of cases) {
          const res = await fetch(url, init);
          const text = await res.text();
          assert.equal(res.status, status, `${JSON.stringify(init)} → ${text}`);
          if (status === 401 || !body.startsWith('json:')) assert.equal(text, body);
          else
            assert.ok(text.startsWith('json: error calling MarshalJSON for type *json.RawMessage: '), text);
        }
        assert.equal(
          await metricValue(argus.metrics, 'argo_events_events_sent_total', { eventsource_name: es }),
          0,
        );
        const ok = await fetch(url, { method: 'POST', headers: auth, body: '{"good":true}' });
        assert.equal(ok.status, 200);
        await waitFor('the one good event', () => sink.requests.length === 1);
        assert.equal(
          await metricValue(argus.metrics, 'argo_events_events_sent_total', { eventsource_name: es }),
          1,
        );
      } finally {
        await argus?.stop();
        await sink.close();
      }
    });
  });
}

async function tokenDir(): Promise<string> {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'argus-e2e-secrets-'));
  mkdirSync(join(dir, 'tok'));
  writeFileSync(join(dir, 'tok', 't'), 'tok-value\n');
  return dir;
}
