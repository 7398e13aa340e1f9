// Given Argus on JetStream, when nats-server restarts, then the webhook keeps answering (after the
// reconnect) and every event that got a 200 still fires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startNatsServer } from '../support/nats-server.js';
import { freePort, postAll, runManifests, startSink, waitFor } from './support.js';

test('a nats-server restart loses no accepted event', async () => {
  const nats = await startNatsServer();
  const sink = await startSink();
  const port = await freePort();
  const argus = await runManifests(
    `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: nr}
spec:
  webhook:
    example: {port: "${port}", endpoint: /example, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: nr}
spec:
  dependencies:
    - {name: d, eventSourceName: nr, eventName: example}
  triggers:
    - template: {name: t, http: {url: "${sink.url}/x", payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]}}
      atLeastOnce: true
`,
    { busUrl: nats.url },
  );
  try {
    assert.deepEqual(await postAll(`http://127.0.0.1:${port}/example`, [{ id: '1' }]), [200]);
    await waitFor('first', () => sink.requests.length === 1);
    await nats.restart();
    const statuses = await postAll(`http://127.0.0.1:${port}/example`, [{ id: '2' }, { id: '3' }], 1);
    // each answer is 200 once the bus holds the event, or 500 if it could not in time
    assert.ok(
      statuses.every((s) => s === 200 || s === 500),
      String(statuses),
    );
    const accepted = ['2', '3'].filter((_, i) => statuses[i] === 200);
    assert.ok(accepted.length > 0, 'the bus came back within the publish retries');
    const fired = (): string[] => sink.requests.map((r) => (JSON.parse(r.body) as { id: string }).id);
    await waitFor(
      'the accepted events after the restart',
      () => accepted.every((id) => fired().includes(id)),
      60_000,
    );
  } finally {
    await argus.stop();
    await sink.close();
    await nats.stop();
  }
});
