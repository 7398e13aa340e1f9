// `argus run` as a real process: the admin server (/healthz, /readyz, /metrics with upstream's
// names and labels), JSON logs with upstream fields and no secret, and reload on manifest change.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startSink, waitFor } from '../e2e/support.js';

const repo = resolve(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function sensorYaml(url: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: admin-sensor, namespace: team-a}
spec:
  dependencies:
    - {name: d, eventSourceName: admin-es, eventName: example}
  triggers:
    - template:
        name: forward
        http:
          url: ${url}
          payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]
`;
}

test('admin server, upstream metrics and logs, and reload when a manifest changes', async () => {
  const sink1 = await startSink();
  const sink2 = await startSink();
  const port = await freePort();
  const adminPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-run-'));
  const secrets = join(dir, 'secrets');
  mkdirSync(join(secrets, 'hook-token'), { recursive: true });
  writeFileSync(join(secrets, 'hook-token', 'token'), 'very-secret-token\n');
  const manifests = join(dir, 'manifests');
  mkdirSync(manifests);
  writeFileSync(
    join(manifests, 'es.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: admin-es, namespace: team-a}
spec:
  webhook:
    example:
      port: "${port}"
      endpoint: /example
      method: POST
      authSecret: {name: hook-token, key: token}
`,
  );
  writeFileSync(join(manifests, 'sensor.yaml'), sensorYaml(`${sink1.url}/one`));
  const child = spawn(
    process.execPath,
    [
      join(repo, 'bin', 'argus.js'),
      'run',
      manifests,
      '--data-dir',
      join(dir, 'data'),
      '--admin-port',
      String(adminPort),
      '--secrets-dir',
      secrets,
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  const admin = (path: string): Promise<Response> => fetch(`http://127.0.0.1:${adminPort}${path}`);
  const post = (id: string): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/example`, {
      method: 'POST',
      headers: { Authorization: 'Bearer very-secret-token' },
      body: JSON.stringify({ id }),
    });
  try {
    await waitFor(
      '/healthz',
      async () => (await admin('/healthz').catch(() => undefined))?.status === 200,
      30_000,
    );
    await waitFor('/readyz', async () => (await admin('/readyz')).status === 200, 30_000);
    assert.equal((await post('a')).status, 200);
    await waitFor('first event at sink 1', () => sink1.requests.length === 1);
    const metrics = await (await admin('/metrics')).text();
    assert.match(
      metrics,
      /argo_events_event_service_running_total\{namespace="team-a",eventsource_name="admin-es"\} 1/,
    );
    assert.match(
      metrics,
      /argo_events_events_sent_total\{namespace="team-a",eventsource_name="admin-es",event_name="example"\} 1/,
    );
    assert.match(
      metrics,
      /argo_events_action_triggered_total\{namespace="team-a",sensor_name="admin-sensor",trigger_name="forward"\} 1/,
    );
    assert.match(
      metrics,
      /argo_events_action_duration_milliseconds_count\{namespace="team-a",sensor_name="admin-sensor",trigger_name="forward"\} 1/,
    );
    assert.match(metrics, /argo_events_event_processing_duration_milliseconds_sum\{/);
    assert.match(metrics, /build_info\{version="[^"]+",goversion="v\d+/);
    assert.doesNotMatch(metrics, /quantile=/);

    // reload: the sensor now forwards to sink 2
    writeFileSync(join(manifests, 'sensor.yaml'), sensorYaml(`${sink2.url}/two`));
    await waitFor('the sensor to reload', () => /manifest changed: reloading/.test(out), 20_000);
    await waitFor('/readyz after reload', async () => (await admin('/readyz')).status === 200, 20_000);
    assert.equal((await post('b')).status, 200);
    await waitFor('second event at sink 2', () => sink2.requests.length === 1);
    assert.equal(sink2.requests[0]!.body, '{"id":"b"}');
    assert.equal(sink1.requests.length, 1);

    // a change to a trigger type without a driver is refused; the running sensor keeps working
    writeFileSync(
      join(manifests, 'sensor.yaml'),
      sensorYaml(`${sink2.url}/two`).replace(
        /http:\n {10}url: .*\n {10}payload: .*\n/,
        'slack: {channel: general, message: hi, slackToken: {name: slack, key: token}}\n',
      ),
    );
    await waitFor('the refused reload', () => /cannot run: keeping the running ones/.test(out), 20_000);
    assert.match(out, /trigger type \\"slack\\" is not supported by argus run yet/);
    assert.equal((await post('c')).status, 200);
    await waitFor('third event at sink 2', () => sink2.requests.length === 2);

    child.kill('SIGTERM');
    assert.equal(await exited, 0, out.slice(-3000));
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const published = lines.find((l) => l.msg === 'Succeeded to publish an event');
    assert.equal(published?.logger, 'argo-events.eventsource');
    assert.equal(published?.eventSourceName, 'admin-es');
    assert.equal(published?.eventName, 'example');
    assert.match(String(published?.eventID), /^[0-9a-f]{32}$/);
    const fired = lines.find(
      (l) => typeof l.msg === 'string' && l.msg.startsWith('Successfully processed trigger'),
    );
    assert.equal(fired?.sensorName, 'admin-sensor');
    assert.equal(fired?.triggerName, 'forward');
    assert.match(String(lines[0]?.ts), /^\d{4}-\d\d-\d\dT/);
    assert.ok(!out.includes('very-secret-token'), 'a secret reached the logs');
    assert.ok(readFileSync(join(secrets, 'hook-token', 'token'), 'utf8').includes('very-secret-token'));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await sink1.close();
    await sink2.close();
  }
});
