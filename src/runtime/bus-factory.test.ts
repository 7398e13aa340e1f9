// The bus factory reads every EventBus source through the one mapping (eventbus/jetstream/options.ts):
// the choice and its log description, credentials and TLS through the process's secrets resolver (and
// upstream's auth mount), stream limits for JetStream and for the embedded bus. Real nats-server and
// real embedded bus where something is opened.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EventBus } from '../api/eventbus/index.js';
import { createSecretResolver } from '../shared/secrets.js';
import { BusError, ConfigError, ErrorCodes } from '../shared/errors.js';
import { SecretRegistry } from '../shared/logging.js';
import { freePort, startNatsServer, type NatsServer } from '../../test/support/nats-server.js';
import { startTlsNatsServer, type TlsNatsServer } from '../../test/support/nats-tls.js';
import { describeBus, eventBusFromBusConfig, jetStreamOptions, openBus } from './bus-factory.js';

const dirs: string[] = [];
let nats: NatsServer | undefined;
const tlsServers: TlsNatsServer[] = [];
after(async () => {
  await nats?.stop();
  for (const s of tlsServers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'argus-bus-factory-'));
  dirs.push(d);
  return d;
}

/** A `--secrets-dir` holding `files` (`name/key` → content). */
function secretsDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const exotic = (jetstreamExotic: Record<string, unknown>): EventBus => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventBus',
  metadata: { name: 'default' },
  spec: { jetstreamExotic },
});
const managed = (streamConfig: string): EventBus => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventBus',
  metadata: { name: 'default' },
  spec: { jetstream: { version: 'latest', streamConfig } },
});

test('the choice: a manifest naming a server, then --bus, then a finalized config; a managed manifest is noted', () => {
  const fromConfig = eventBusFromBusConfig({ jetstream: { url: 'nats://config:4222' } });
  assert.deepEqual(
    describeBus({ eventBus: exotic({ url: 'nats://manifest:4222' }), url: 'nats://flag:4222' }),
    {
      driver: 'jetstream',
      url: 'nats://manifest:4222',
    },
  );
  assert.deepEqual(describeBus({ eventBus: fromConfig }), { driver: 'jetstream', url: 'nats://config:4222' });
  assert.deepEqual(describeBus({ eventBus: managed(''), url: 'nats://flag:4222' }), {
    driver: 'jetstream',
    url: 'nats://flag:4222',
  });
  assert.deepEqual(describeBus({ eventBus: managed('') }), {
    driver: 'embedded',
    note: 'the EventBus manifest describes a managed or unsupported bus; standalone uses the embedded bus',
  });
  assert.deepEqual(describeBus({}), { driver: 'embedded' });
  assert.throws(() => describeBus({ url: 'http://x' }), /--bus must be nats:\/\/host:port or "embedded"/);
  // a manifest with a status (as `kubectl get -o yaml` gives it) is read by its spec, not its in-cluster status
  assert.equal(
    describeBus({
      eventBus: {
        ...managed(''),
        status: { config: { jetstream: { url: 'nats://eventbus-default-js-svc:4222' } } },
      },
    }).driver,
    'embedded',
  );
});

test('eventBusFromBusConfig checks the whole configuration now and names the field', () => {
  const bus = eventBusFromBusConfig({ JetStream: { URL: 'nats://x:4222', streamConfig: 'maxMsgs: 3' } });
  assert.equal(bus.status?.config?.jetstream?.url, 'nats://x:4222', 'keys match case-insensitively, as Go');
  assert.throws(
    () => eventBusFromBusConfig({ jetstream: { url: 4222 } }),
    /^ConfigError: jetstream\.url: cannot decode number as string$/,
  );
  assert.throws(() => eventBusFromBusConfig({ jetstream: {} }), /jetstream\.url is required/);
  assert.throws(() => eventBusFromBusConfig([]), /cannot decode array as object/);
  assert.throws(() => eventBusFromBusConfig(null), /must be an object/);
  assert.throws(() => eventBusFromBusConfig({ kafka: { url: 'k:9092' } }), /kafka: not supported/);
  assert.throws(
    () => eventBusFromBusConfig({ jetstream: { url: 'nats://x', streamConfig: 'maxAge: soon' } }),
    /jetstream\.streamConfig\.maxAge/,
  );
  assert.throws(
    () => eventBusFromBusConfig({ jetstream: { url: 'nats://x', tls: {} } }),
    /jetstream\.tls: invalid tls config/,
  );
});

test('a manifest: credentials and TLS through the secrets resolver, without tls TLS unverified if the server offers it, one replica unless streamConfig says otherwise', async () => {
  const secrets = createSecretResolver({
    secretsDir: secretsDir({
      'js-auth/auth.yaml': 'username: alice\npassword: s3cret\n',
      'tls/ca.crt': 'CA-PEM\n',
    }),
  });
  const plain = await jetStreamOptions({
    eventBus: exotic({ url: 'nats://x:4222', accessSecret: { name: 'js-auth', key: 'auth.yaml' } }),
    secrets,
  });
  assert.equal(plain?.user, 'alice');
  assert.equal(plain?.password, 's3cret');
  assert.deepEqual(plain?.tls, { insecureSkipVerify: true, ifServerOffers: true });
  assert.equal(plain?.limits?.replicas, 1);
  const tls = await jetStreamOptions({
    eventBus: exotic({
      url: 'nats://x:4222',
      tls: { caCertSecret: { name: 'tls', key: 'ca.crt' } },
      streamConfig: 'replicas: 3',
    }),
    secrets,
  });
  assert.deepEqual(tls?.tls, { ca: 'CA-PEM' });
  assert.equal(tls?.limits?.replicas, 3);
  await assert.rejects(
    jetStreamOptions({
      eventBus: exotic({ url: 'nats://x:4222', tls: { caCertSecret: { name: 'tls', key: 'gone' } } }),
      secrets,
    }),
    /secret "tls\/gone" not found/,
  );
});

test('--bus with a managed manifest: its streamConfig over upstream defaults, one replica', async () => {
  const o = await jetStreamOptions({ eventBus: managed('maxMsgs: 9'), url: 'nats://flag:4222' });
  assert.equal(o?.url, 'nats://flag:4222');
  assert.equal(o?.limits?.maxMsgs, 9);
  assert.equal(o?.limits?.replicas, 1);
  assert.equal(o?.limits?.duplicatesMs, 300_000);
  assert.equal((await jetStreamOptions({ url: 'nats://flag:4222' }))?.limits?.replicas, 1);
  assert.equal(await jetStreamOptions({ eventBus: managed('maxMsgs: 9') }), undefined, 'embedded');
});

test("a finalized config: the accessSecret from the resolver, else from upstream's mount, else an error naming both", async () => {
  const eventBus = eventBusFromBusConfig({
    jetstream: {
      url: 'nats://x:4222',
      accessSecret: { name: 'eventbus-default-js-client-auth', key: 'client-auth' },
    },
  });
  const mount = join(tempDir(), 'auth.yaml');
  writeFileSync(mount, 'username: mounted\npassword: pw\n');
  const env = {
    ARGUS_SECRET_EVENTBUS_DEFAULT_JS_CLIENT_AUTH_CLIENT_AUTH: 'username: from-env\npassword: pw',
  };
  const fromEnv = await jetStreamOptions({
    eventBus,
    secrets: createSecretResolver({ env }),
    upstreamAuthFile: mount,
  });
  assert.equal(fromEnv?.user, 'from-env');
  const fromMount = await jetStreamOptions({
    eventBus,
    secrets: createSecretResolver({}),
    upstreamAuthFile: mount,
  });
  assert.equal(fromMount?.user, 'mounted');
  const missing = join(tempDir(), 'auth.yaml');
  await assert.rejects(
    jetStreamOptions({ eventBus, secrets: createSecretResolver({}), upstreamAuthFile: missing }),
    (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /secret "eventbus-default-js-client-auth\/client-auth" not found/);
      assert.ok(err.message.includes(`nor in ${missing}`), err.message);
      return true;
    },
  );
});

test("the embedded bus gets the manifest's streamConfig limits (discard new at maxMsgs rejects the third publish)", async () => {
  const message = (id: string) => ({
    eventSourceName: 'es',
    eventName: 'e',
    id,
    data: new TextEncoder().encode('{}'),
  });
  const limited = await openBus({ eventBus: managed('maxMsgs: 2\ndiscard: 1'), dataDir: tempDir() });
  try {
    await limited.publish(message('1'));
    await limited.publish(message('2'));
    await assert.rejects(limited.publish(message('3')), (err: Error) => {
      assert.ok(err instanceof BusError && err.code === ErrorCodes.BUS_UNAVAILABLE, String(err));
      return true;
    });
  } finally {
    await limited.close();
  }
  const unlimited = await openBus({ dataDir: tempDir() });
  try {
    for (const id of ['1', '2', '3']) await unlimited.publish(message(id));
  } finally {
    await unlimited.close();
  }
});

test('JetStream: user/password from the manifest authenticate, streamConfig shapes the created stream; a wrong password fails clearly', async () => {
  nats = await startNatsServer({ args: ['--user', 'alice', '--pass', 's3cret'] });
  const secrets = (password: string) =>
    createSecretResolver({
      secretsDir: secretsDir({ 'js-auth/auth.yaml': `username: alice\npassword: ${password}\n` }),
    });
  const eventBus = exotic({
    url: nats.url,
    accessSecret: { name: 'js-auth', key: 'auth.yaml' },
    streamConfig: 'maxMsgs: 7\nduplicates: 45s',
  });
  await assert.rejects(openBus({ eventBus, secrets: secrets('wrong') }), (err: Error) => {
    assert.match(err.message, new RegExp(`cannot connect to NATS at ${nats!.url}: Authorization Violation`));
    assert.ok(!err.message.includes('wrong'), 'the password reached the message');
    return true;
  });
  const bus = await openBus({ eventBus, secrets: secrets('s3cret') });
  const nc = await connect({ servers: nats.url, user: 'alice', pass: 's3cret' });
  try {
    await bus.publish({
      eventSourceName: 'es',
      eventName: 'e',
      id: '1',
      data: new TextEncoder().encode('{}'),
    });
    const info = await (await jetstreamManager(nc)).streams.info('default');
    assert.equal(info.config.max_msgs, 7);
    assert.equal(info.config.duplicate_window, 45_000_000_000);
    assert.equal(info.config.num_replicas, 1);
    assert.equal(info.state.messages, 1);
  } finally {
    await nc.close();
    await bus.close();
  }
});

test("the bus password or token is registered with the log scrubber, and upstream's auth file as read", async () => {
  const mount = join(tempDir(), 'auth.yaml');
  writeFileSync(mount, 'username: mounted\npassword: mount-pw-81\n');
  const registry = new SecretRegistry();
  const eventBus = eventBusFromBusConfig({
    jetstream: { url: 'nats://x:4222', accessSecret: { name: 'absent', key: 'auth' } },
  });
  const o = await jetStreamOptions({
    eventBus,
    secrets: createSecretResolver({}),
    upstreamAuthFile: mount,
    registry,
  });
  assert.equal(o?.password, 'mount-pw-81');
  assert.equal(registry.scrub('password mount-pw-81 in a line'), 'password [REDACTED] in a line');
  assert.equal(
    registry.scrub('username: mounted\npassword: mount-pw-81'),
    '[REDACTED]',
    'the file content as a whole',
  );
  const tokens = new SecretRegistry();
  await jetStreamOptions({
    eventBus: exotic({ url: 'nats://x:4222', accessSecret: { name: 'js', key: 'token' } }),
    secrets: createSecretResolver({ secretsDir: secretsDir({ 'js/token': 'token: tok-5521\n' }) }),
    registry: tokens,
  });
  assert.equal(tokens.scrub('a tok-5521 b'), 'a [REDACTED] b');
});

test('JetStream without a tls block: TLS without verification on a server with a private CA (as upstream), a wrong caCertSecret fails naming the CA', async () => {
  const server = await startTlsNatsServer({ user: { name: 'alice', password: 'tls-pw-1' } });
  tlsServers.push(server);
  const secrets = createSecretResolver({
    secretsDir: secretsDir({
      'js-auth/auth.yaml': 'username: alice\npassword: tls-pw-1\n',
      'tls/ca.crt': server.certificates.caPem,
      'tls/other.crt': server.certificates.otherCaPem,
    }),
  });
  const accessSecret = { name: 'js-auth', key: 'auth.yaml' };
  const message = { eventSourceName: 'es', eventName: 'e', id: '1', data: new TextEncoder().encode('{}') };
  const unverified = await openBus({ eventBus: exotic({ url: server.url, accessSecret }), secrets });
  try {
    assert.equal((await unverified.publish(message)).duplicate, false);
  } finally {
    await unverified.close();
  }
  // several servers: the first that answers decides (here the second; bare host:port as nats.js takes it)
  const dead = await freePort();
  const listed = await openBus({
    eventBus: exotic({ url: `nats://127.0.0.1:${dead},${server.url.replace('nats://', '')}`, accessSecret }),
    secrets,
  });
  await listed.close();
  const verified = await openBus({
    eventBus: exotic({
      url: server.url,
      accessSecret,
      tls: { caCertSecret: { name: 'tls', key: 'ca.crt' } },
    }),
    secrets,
  });
  await verified.close();
  await assert.rejects(
    openBus({
      eventBus: exotic({
        url: server.url,
        accessSecret,
        tls: { caCertSecret: { name: 'tls', key: 'other.crt' } },
      }),
      secrets,
    }),
    (err: Error) => {
      assert.ok(err instanceof BusError, String(err));
      assert.equal(
        err.message,
        `cannot connect to NATS at ${server.url}: unable to verify the first certificate (TLS: the server's certificate does not verify against the given CA)`,
      );
      return true;
    },
  );
  // --bus alone keeps the client's default: the certificate is verified against the system's CAs
  await assert.rejects(openBus({ url: server.url }), /does not verify against the system's CAs/);
});

test('JetStream without a tls block on a server that also accepts plaintext: TLS is used; on a plaintext server: plaintext', async () => {
  const server = await startTlsNatsServer({ allowNonTls: true, monitor: true });
  tlsServers.push(server);
  const bus = await openBus({ eventBus: exotic({ url: server.url }) });
  try {
    const connz = (await (await fetch(`${server.monitorUrl!}/connz`)).json()) as {
      connections: Array<{ name?: string; tls_version?: string }>;
    };
    const mine = connz.connections.filter((c) => c.name === 'argus');
    assert.equal(mine.length, 1, JSON.stringify(connz.connections));
    assert.match(mine[0]!.tls_version ?? '', /^1\.[23]$/, 'the bus connection uses TLS');
  } finally {
    await bus.close();
  }
  const plainServer = await startNatsServer();
  try {
    const plain = await openBus({ eventBus: exotic({ url: plainServer.url }) });
    await plain.close();
  } finally {
    await plainServer.stop();
  }
});
