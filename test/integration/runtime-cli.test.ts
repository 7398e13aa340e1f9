// The one-resource commands' inputs: `-f`, or upstream's pod environment (SENSOR_OBJECT,
// EVENTBUS_CONFIG); bad input exits non-zero with a message.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { waitFor } from '../e2e/support.js';

const repo = resolve(import.meta.dirname, '..', '..');
let nats: NatsServer | undefined;
after(async () => {
  await nats?.stop();
});

function capture(): { io: { stdout(t: string): void; stderr(t: string): void }; err: () => string } {
  let err = '';
  return { io: { stdout: () => {}, stderr: (t) => void (err += t) }, err: () => err };
}

test('argus sensor without -f and without $SENSOR_OBJECT exits 1 and says what is missing', async () => {
  const c = capture();
  assert.equal(await main(['sensor'], c.io, {}), 1);
  assert.match(c.err(), /give -f <file> or set \$SENSOR_OBJECT/);
});

test('argus run with an invalid manifest prints every problem and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-bad-'));
  writeFileSync(
    join(dir, 's.yaml'),
    'apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: s}\nspec:\n  triggers: [{template: {name: t, http: {}}}]\n',
  );
  const c = capture();
  assert.equal(await main(['run', dir, '--admin-port', '0'], c.io, {}), 1);
  assert.match(c.err(), /Sensor\/s: spec\.dependencies/);
});

test('argus sensor reads SENSOR_OBJECT and EVENTBUS_CONFIG like an upstream sensor pod', async () => {
  nats = await startNatsServer();
  const object = {
    metadata: { name: 'from-env', namespace: 'argo-events' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'es', eventName: 'e' }],
      triggers: [{ template: { name: 't', log: {} } }],
    },
  };
  const env = {
    ...process.env,
    SENSOR_OBJECT: Buffer.from(JSON.stringify(object)).toString('base64'),
    EVENTBUS_CONFIG: Buffer.from(JSON.stringify({ jetstream: { url: nats.url } })).toString('base64'),
  };
  const child = spawn(process.execPath, [join(repo, 'bin', 'argus.js'), 'sensor', '--admin-port', '0'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await waitFor('the sensor to run', () => /"msg":"running"/.test(out), 30_000);
    assert.match(out, /"driver":"jetstream"/);
    assert.match(out, /"resource":"Sensor\/from-env"/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out.slice(-2000));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
