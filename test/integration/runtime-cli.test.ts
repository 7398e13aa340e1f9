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

test('usage errors exit 2: no -f and no $SENSOR_OBJECT / $EVENTSOURCE_OBJECT, a path that cannot be read', async () => {
  const c = capture();
  assert.equal(await main(['sensor'], c.io, {}), 2);
  assert.match(c.err(), /give -f <file> or set \$SENSOR_OBJECT/);
  const e = capture();
  assert.equal(await main(['eventsource', '--bus', 'nats://127.0.0.1:1'], e.io, {}), 2);
  assert.match(e.err(), /argus eventsource: give -f <file> or set \$EVENTSOURCE_OBJECT/);
  const missing = join(mkdtempSync(join(tmpdir(), 'argus-missing-')), 'nope.yaml');
  const f = capture();
  assert.equal(await main(['sensor', '-f', missing], f.io, {}), 2);
  assert.match(f.err(), /argus sensor: .*nope\.yaml: cannot read/);
  const r = capture();
  assert.equal(await main(['run', missing, '--admin-port', '0'], r.io, {}), 2);
  assert.match(r.err(), /argus run: .*nope\.yaml: cannot read/);
  // a malformed $SENSOR_OBJECT is bad input, not a usage error
  const m = capture();
  assert.equal(await main(['sensor'], m.io, { SENSOR_OBJECT: 'not base64 json' }), 1);
  assert.match(m.err(), /\$SENSOR_OBJECT is not base64-encoded JSON/);
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
