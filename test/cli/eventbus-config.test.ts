// `argus eventsource` / `argus sensor` read upstream's EVENTBUS_CONFIG whole (url, accessSecret, tls,
// streamConfig) through the bus factory's mapping: against a real nats-server that requires a user and
// password, the right credentials publish into a stream shaped by streamConfig, a wrong password stops
// the process with a clear error, and a malformed variable is refused before anything starts. A sensor
// elects its leader with the same credentials and TLS (a server with a private CA and no tls block, as
// a managed upstream bus), and stops by itself when the election cannot start.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { main } from '../../src/cli/main.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { startTlsNatsServer, type TlsNatsServer } from '../support/nats-tls.js';
import { freePort, waitFor } from '../e2e/support.js';

const repo = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'bus-pass-5f1e';
const dirs: string[] = [];
let nats: NatsServer | undefined;
const tlsServers: TlsNatsServer[] = [];
after(async () => {
  await nats?.stop();
  for (const s of tlsServers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

function webhookSource(port: number): string {
  return b64({
    metadata: { name: 'hook', namespace: 'argo-events' },
    spec: { webhook: { example: { port: String(port), endpoint: '/example', method: 'POST' } } },
  });
}

/** A data dir and a `--secrets-dir` whose `js-auth/auth.yaml` holds `auth`, as a mounted Secret. */
function workDir(auth: string): { data: string; secrets: string } {
  const dir = mkdtempSync(join(tmpdir(), 'argus-eventbus-config-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'secrets', 'js-auth'), { recursive: true });
  writeFileSync(join(dir, 'secrets', 'js-auth', 'auth.yaml'), auth);
  return { data: join(dir, 'data'), secrets: join(dir, 'secrets') };
}

function logSensor(): string {
  return b64({
    metadata: { name: 'logger', namespace: 'argo-events' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'hook', eventName: 'example' }],
      triggers: [{ template: { name: 't', log: {} } }],
    },
  });
}

/** `argus eventsource` in a child process, as in an upstream pod (no -f, no --bus). */
function runEventSource(env: Record<string, string>, dir: { data: string; secrets: string }) {
  return runOne('eventsource', env, dir);
}

/** `argus eventsource|sensor` in a child process, as in an upstream pod (no -f, no --bus). */
function runOne(
  command: 'eventsource' | 'sensor',
  env: Record<string, string>,
  dir: { data: string; secrets: string },
) {
  const child = spawn(
    process.execPath,
    [
      join(repo, 'bin', 'argus.js'),
      command,
      '--admin-port',
      '0',
      '--secrets-dir',
      dir.secrets,
      '--data-dir',
      dir.data,
    ],
    { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

test('EVENTBUS_CONFIG with accessSecret and streamConfig: argus eventsource authenticates and creates the stream from streamConfig', async () => {
  nats = await startNatsServer({ args: ['--user', 'alice', '--pass', PASSWORD] });
  const port = await freePort();
  const dir = workDir(`username: alice\npassword: ${PASSWORD}\n`);
  const run = runEventSource(
    {
      EVENTSOURCE_OBJECT: webhookSource(port),
      EVENTBUS_CONFIG: b64({
        jetstream: {
          url: nats.url,
          accessSecret: { name: 'js-auth', key: 'auth.yaml' },
          streamConfig: 'maxMsgs: 7\nduplicates: 45s\n',
        },
      }),
    },
    dir,
  );
  const nc = await connect({ servers: nats.url, user: 'alice', pass: PASSWORD });
  try {
    await waitFor('the webhook to listen', () => /webhook endpoint active/.test(run.output()), 30_000);
    assert.match(run.output(), new RegExp(`"driver":"jetstream","url":"${nats.url}"`));
    const res = await fetch(`http://127.0.0.1:${port}/example`, { method: 'POST', body: '{"n":1}' });
    assert.equal(res.status, 200, run.output().slice(-2000));
    const info = await (await jetstreamManager(nc)).streams.info('default');
    assert.equal(info.config.max_msgs, 7);
    assert.equal(info.config.duplicate_window, 45_000_000_000);
    assert.equal(info.config.num_replicas, 1);
    assert.equal(info.state.messages, 1, 'the event was stored');
    assert.ok(!run.output().includes(PASSWORD), 'the bus password reached the output');
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0, run.output().slice(-2000));
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await nc.close();
  }
});

test('EVENTBUS_CONFIG with a wrong password: argus eventsource exits 1 saying the bus refused it', async () => {
  nats ??= await startNatsServer({ args: ['--user', 'alice', '--pass', PASSWORD] });
  const port = await freePort();
  const run = runEventSource(
    {
      EVENTSOURCE_OBJECT: webhookSource(port),
      EVENTBUS_CONFIG: b64({
        jetstream: { url: nats.url, accessSecret: { name: 'js-auth', key: 'auth.yaml' } },
      }),
    },
    workDir('username: alice\npassword: not-the-pass-77\n'),
  );
  try {
    assert.equal(await run.exited, 1, run.output().slice(-2000));
    assert.match(
      run.output(),
      new RegExp(`argus: cannot connect to NATS at ${nats.url}: Authorization Violation`),
    );
    assert.ok(!run.output().includes('not-the-pass-77'), 'the password reached the output');
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
});

test('a malformed EVENTBUS_CONFIG is refused before anything starts, naming the variable and what is wrong; exit 1 as a malformed $SENSOR_OBJECT', async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not base64', 'nats://x:4222', /\$EVENTBUS_CONFIG is not base64 \(standard alphabet with padding\)/],
    ['not JSON', b64('{"jetstream":'), /\$EVENTBUS_CONFIG is not base64-encoded JSON: /],
    [
      'a wrongly typed field',
      b64({ jetstream: { url: 4222 } }),
      /\$EVENTBUS_CONFIG is not a usable bus configuration: jetstream\.url: cannot decode number as string/,
    ],
    [
      'no url',
      b64({ jetstream: {} }),
      /\$EVENTBUS_CONFIG is not a usable bus configuration: jetstream\.url is required/,
    ],
    [
      'a kafka bus',
      b64({ kafka: { url: 'k:9092' } }),
      /\$EVENTBUS_CONFIG is not a usable bus configuration: kafka: not supported/,
    ],
    [
      'a bad streamConfig',
      b64({ jetstream: { url: 'nats://x:4222', streamConfig: 'maxAge: forever' } }),
      /\$EVENTBUS_CONFIG is not a usable bus configuration: jetstream\.streamConfig\.maxAge: /,
    ],
    [
      'an empty tls block',
      b64({ jetstream: { url: 'nats://x:4222', tls: {} } }),
      /\$EVENTBUS_CONFIG is not a usable bus configuration: jetstream\.tls: invalid tls config/,
    ],
  ];
  for (const [what, value, expected] of cases) {
    let err = '';
    const code = await main(
      ['eventsource'],
      { stdout: () => {}, stderr: (t) => void (err += t) },
      {
        EVENTSOURCE_OBJECT: webhookSource(12000),
        EVENTBUS_CONFIG: value,
      },
    );
    assert.equal(code, 1, `${what}: ${err}`);
    assert.match(err, /^argus eventsource: /, what);
    assert.match(err, expected, what);
  }
  // the documented meaning (docs/cli/validate.md): 1 for input that cannot be parsed or is invalid
  const objects: Array<[string, string, RegExp]> = [
    ['not base64 JSON', b64('{"spec":'), /argus sensor: \$SENSOR_OBJECT is not base64-encoded JSON/],
    ['an invalid sensor', b64({ metadata: { name: 's' }, spec: {} }), /\$SENSOR_OBJECT: Sensor\/s: /],
  ];
  for (const [what, value, expected] of objects) {
    let err = '';
    const code = await main(
      ['sensor'],
      { stdout: () => {}, stderr: (t) => void (err += t) },
      { SENSOR_OBJECT: value, EVENTBUS_CONFIG: b64({ jetstream: { url: 'nats://x:4222' } }) },
    );
    assert.equal(code, 1, `${what}: ${err}`);
    assert.match(err, expected, what);
  }
});

test('argus sensor on a bus with a private CA and a password, EVENTBUS_CONFIG without tls (a managed upstream bus): TLS unverified, and the leader election uses the same credentials', async () => {
  const server = await startTlsNatsServer({ user: { name: 'alice', password: PASSWORD } });
  tlsServers.push(server);
  const run = runOne(
    'sensor',
    {
      SENSOR_OBJECT: logSensor(),
      EVENTBUS_CONFIG: b64({
        jetstream: { url: server.url, accessSecret: { name: 'js-auth', key: 'auth.yaml' } },
      }),
    },
    workDir(`username: alice\npassword: ${PASSWORD}\n`),
  );
  try {
    await waitFor('the sensor to run', () => /"msg":"running"/.test(run.output()), 30_000);
    assert.match(run.output(), /"msg":"became leader"/);
    assert.ok(!run.output().includes(PASSWORD), 'the bus password reached the output');
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0, run.output().slice(-2000));
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
});

test('argus sensor whose leader election cannot start (no stream left for its KV bucket) stops at once with exit 1 and says why', async () => {
  // the account may hold one stream: the bus's `default`; the election's bucket is refused
  const server = await startTlsNatsServer({ user: { name: 'alice', password: PASSWORD }, maxStreams: 1 });
  tlsServers.push(server);
  const run = runOne(
    'sensor',
    {
      SENSOR_OBJECT: logSensor(),
      EVENTBUS_CONFIG: b64({
        jetstream: { url: server.url, accessSecret: { name: 'js-auth', key: 'auth.yaml' } },
      }),
    },
    workDir(`username: alice\npassword: ${PASSWORD}\n`),
  );
  try {
    // no signal is sent: the process must end by itself (before, it waited for SIGTERM)
    const code = await Promise.race([
      run.exited,
      new Promise<string>((r) => setTimeout(() => r('still running after 20 s'), 20_000).unref()),
    ]);
    assert.equal(code, 1, run.output().slice(-2000));
    assert.match(
      run.output(),
      /argus sensor: leader election failed: cannot open the leader election's KV bucket "argus-leader-election": maximum number of streams reached/,
    );
    assert.match(run.output(), /"msg":"stopped"/, 'the host was shut down');
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
});
