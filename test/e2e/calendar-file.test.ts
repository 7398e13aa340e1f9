// Given calendar and file EventSources with a Sensor forwarding to an HTTP peer, when the clock
// ticks and a file appears, then the peer receives events with upstream's data shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runManifests, startSink, waitFor } from './support.js';

test('calendar interval and file CREATE events reach the sink', async () => {
  const sink = await startSink();
  const dir = mkdtempSync(join(tmpdir(), 'argus-watch-'));
  const argus = await runManifests(`
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: timers}
spec:
  calendar:
    tick: {interval: 1s, metadata: {k: v}}
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: files}
spec:
  file:
    incoming:
      eventType: CREATE
      watchPathConfig: {directory: "${dir}/", pathRegexp: "\\\\.csv$"}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: fwd}
spec:
  dependencies:
    - {name: tick, eventSourceName: timers, eventName: tick}
    - {name: file, eventSourceName: files, eventName: incoming}
  triggers:
    - template:
        name: ticks
        conditions: tick
        http:
          url: ${sink.url}/tick
          payload: [{src: {dependencyName: tick, dataKey: eventTime}, dest: t}, {src: {dependencyName: tick, dataKey: metadata.k}, dest: k}]
    - template:
        name: files
        conditions: file
        http:
          url: ${sink.url}/file
          payload: [{src: {dependencyName: file, dataKey: name}, dest: name}, {src: {dependencyName: file, dataKey: op}, dest: op}]
`);
  try {
    writeFileSync(join(dir, 'ignored.txt'), '');
    writeFileSync(join(dir, 'data.csv'), 'a,b');
    await waitFor('a file event and two ticks', () => {
      const paths = sink.requests.map((r) => r.url);
      return paths.includes('/file') && paths.filter((p) => p === '/tick').length >= 2;
    });
    const file = sink.requests.filter((r) => r.url === '/file');
    assert.equal(file.length, 1);
    const body = JSON.parse(file[0]!.body) as { name: string; op: unknown };
    assert.equal(body.name, `${dir}/data.csv`);
    assert.equal(String(body.op), '1'); // CREATE
    const tick = JSON.parse(sink.requests.find((r) => r.url === '/tick')!.body) as { t: string; k: string };
    assert.match(tick.t, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    assert.equal(tick.k, 'v');
  } finally {
    await argus.stop();
    await sink.close();
  }
});
