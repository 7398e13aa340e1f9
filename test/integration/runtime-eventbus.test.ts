// `argus run` with an EventBus manifest: jetstreamExotic.url with accessSecret (a token in a
// mounted-secret layout) picks JetStream and authenticates.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { freePort, startSink, waitFor } from '../e2e/support.js';

const repo = resolve(import.meta.dirname, '..', '..');
let nats: NatsServer | undefined;
after(async () => {
  await nats?.stop();
});

test('an EventBus manifest with jetstreamExotic and accessSecret is used', async () => {
  nats = await startNatsServer({ args: ['--auth', 'bus-token-123'] });
  const sink = await startSink();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-eb-'));
  mkdirSync(join(dir, 'secrets', 'js-auth'), { recursive: true });
  writeFileSync(join(dir, 'secrets', 'js-auth', 'auth.yaml'), 'token: bus-token-123\n');
  mkdirSync(join(dir, 'm'));
  writeFileSync(
    join(dir, 'm', 'all.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default}
spec:
  jetstreamExotic:
    url: ${nats.url}
    accessSecret: {name: js-auth, key: auth.yaml}
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: eb}
spec:
  webhook:
    example: {port: "${port}", endpoint: /example, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: eb}
spec:
  dependencies:
    - {name: d, eventSourceName: eb, eventName: example}
  triggers:
    - template: {name: t, http: {url: "${sink.url}/x"}}
`,
  );
  const child = spawn(
    process.execPath,
    [
      join(repo, 'bin', 'argus.js'),
      'run',
      join(dir, 'm'),
      '--admin-port',
      '0',
      '--secrets-dir',
      join(dir, 'secrets'),
      '--data-dir',
      join(dir, 'data'),
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  try {
    await waitFor('the webhook to listen', () => /webhook endpoint active/.test(out), 30_000);
    assert.match(out, /"driver":"jetstream"/);
    const res = await fetch(`http://127.0.0.1:${port}/example`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    await waitFor('the event at the sink', () => sink.requests.length === 1);
    assert.ok(!out.includes('bus-token-123'), 'the bus token reached the logs');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out.slice(-2000));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await sink.close();
  }
});
