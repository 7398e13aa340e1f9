import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  jetstreamOptionsFromBusConfig,
  jetstreamOptionsFromEventBus,
  jetstreamSettingsFromBusConfig,
  jetstreamSettingsFromEventBus,
  streamLimitsFromEventBus,
} from './options.js';
import type { SecretField, SecretKeySelector } from './options.js';

const secrets: Record<string, string> = {
  'auth/auth.yaml': 'Username: alice\nPASSWORD: s3cret\n',
  'eventbus-default-js-client-auth/client-auth': 'username: gen\npassword: pw\n',
  'tls/ca': 'CA-PEM',
  'tls/cert': 'CERT-PEM',
  'tls/key': 'KEY-PEM',
};
const resolve = (s: SecretKeySelector): string => {
  const v = secrets[`${s.name}/${s.key}`];
  if (v === undefined) throw new Error(`no secret ${s.name}/${s.key}`);
  return v;
};

test('jetstreamExotic: url, basic auth from the YAML secret, TLS from secrets, streamConfig over server defaults', async () => {
  const o = await jetstreamOptionsFromEventBus(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventBus',
      metadata: { name: 'default' },
      spec: {
        jetstreamExotic: {
          url: 'nats://nats.example:4222',
          accessSecret: { name: 'auth', key: 'auth.yaml' },
          tls: {
            caCertSecret: { name: 'tls', key: 'ca' },
            clientCertSecret: { name: 'tls', key: 'cert' },
            clientKeySecret: { name: 'tls', key: 'key' },
          },
          streamConfig: 'maxMsgs: 10\nreplicas: 1\n',
        },
      },
    },
    resolve,
  );
  assert.equal(o.url, 'nats://nats.example:4222');
  assert.equal(o.user, 'alice');
  assert.equal(o.password, 's3cret');
  assert.deepEqual(o.tls, { ca: 'CA-PEM', cert: 'CERT-PEM', key: 'KEY-PEM' });
  assert.equal(o.streamName, 'default');
  assert.equal(o.limits?.maxMsgs, 10);
  assert.equal(o.limits?.duplicatesMs, 120_000, 'missing keys fall back to the server defaults');
});

test('managed jetstream: service URL, generated credentials, upstream defaults merged with the spec, TLS without verification', async () => {
  const o = await jetstreamOptionsFromEventBus(
    {
      metadata: { name: 'default', namespace: 'argo-events' },
      spec: { jetstream: { version: 'latest', streamConfig: 'maxAge: 24h' } },
    },
    resolve,
  );
  assert.equal(o.url, 'nats://eventbus-default-js-svc.argo-events.svc:4222');
  assert.equal(o.user, 'gen');
  assert.equal(o.limits?.maxAgeMs, 86_400_000);
  assert.equal(o.limits?.maxMsgs, 50_000);
  assert.equal(o.limits?.replicas, 3);
  assert.deepEqual(o.tls, { insecureSkipVerify: true });
});

test('finalized status.config wins; plaintext (when the server offers no TLS) is an explicit opt-in; no bus is an error', async () => {
  const eventBus = {
    spec: { jetstream: { version: 'latest' } },
    status: { config: { jetstream: { url: 'nats://x:4222' } } },
  };
  const o = await jetstreamOptionsFromEventBus(eventBus, resolve, { allowPlaintext: true });
  assert.equal(o.url, 'nats://x:4222');
  assert.deepEqual(o.tls, { insecureSkipVerify: true, ifServerOffers: true });
  assert.equal(o.user, undefined);
  // upstream: TLS without verification, a plaintext server refused
  assert.deepEqual((await jetstreamOptionsFromEventBus(eventBus, resolve)).tls, { insecureSkipVerify: true });
  // a tls block is TLS whatever the server offers
  const withTls = {
    jetstream: { url: 'nats://x:4222', tls: { caCertSecret: { name: 'tls', key: 'ca' } } },
  };
  assert.deepEqual((await jetstreamOptionsFromBusConfig(withTls, resolve, { allowPlaintext: true })).tls, {
    ca: 'CA-PEM',
  });
  assert.deepEqual(
    jetstreamSettingsFromBusConfig(
      { jetstream: { url: 'nats://x:4222', tls: { insecureSkipVerify: true } } },
      { allowPlaintext: true },
    ).tls,
    { insecureSkipVerify: true },
  );
  await assert.rejects(jetstreamOptionsFromEventBus({ spec: { kafka: {} } }, resolve), /invalid event bus/);
  await assert.rejects(
    jetstreamOptionsFromEventBus({ spec: { jetstreamExotic: {} } }, resolve),
    /url is required/,
  );
});

test('a BusConfig (EVENTBUS_CONFIG) is an existing server: its url, not the managed service; the resolver learns which field it reads', async () => {
  const asked: string[] = [];
  const o = await jetstreamOptionsFromBusConfig(
    {
      jetstream: {
        url: 'nats://bus.example:4222',
        accessSecret: { name: 'auth', key: 'auth.yaml' },
        streamConfig: 'maxAge: 1h\nduplicates: 30s\n',
        tls: { caCertSecret: { name: 'tls', key: 'ca' } },
      },
    },
    (s: SecretKeySelector, field: SecretField) => {
      asked.push(`${field}=${s.name}/${s.key}`);
      return resolve(s);
    },
  );
  assert.equal(o.url, 'nats://bus.example:4222');
  assert.equal(o.user, 'alice');
  assert.equal(o.password, 's3cret');
  assert.deepEqual(o.tls, { ca: 'CA-PEM' });
  assert.equal(o.limits?.maxAgeMs, 3_600_000);
  assert.equal(o.limits?.duplicatesMs, 30_000);
  assert.equal(o.limits?.maxMsgs, -1, 'a missing key keeps the server default');
  assert.deepEqual(asked, ['accessSecret=auth/auth.yaml', 'tls.caCertSecret=tls/ca']);
});

test('a BusConfig without a usable jetstream block is refused with the field named', () => {
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ kafka: { url: 'k:9092' } }),
    /^.*kafka: not supported/,
  );
  assert.throws(() => jetstreamSettingsFromBusConfig({}), /invalid event bus: no jetstream/);
  assert.throws(() => jetstreamSettingsFromBusConfig('x'), /must be an object/);
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ jetstream: {} }),
    /^ConfigError: jetstream\.url is required$/,
  );
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ jetstream: { url: 4222 } }),
    /jetstream\.url: must be a string/,
  );
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ jetstream: { url: 'nats://x', accessSecret: { name: 'a' } } }),
    /jetstream\.accessSecret: a secret selector needs name and key/,
  );
  assert.throws(
    () =>
      jetstreamSettingsFromBusConfig({ jetstream: { url: 'nats://x', streamConfig: 'maxAge: 5 parsecs' } }),
    /^ConfigError: jetstream\.streamConfig\.maxAge: /,
  );
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ jetstream: { url: 'nats://x', streamConfig: 'retention: 7' } }),
    /jetstream\.streamConfig: invalid int for RetentionPolicy: 7/,
  );
});

test('tls as upstream GetTLSConfig: insecureSkipVerify reads no certificate; an empty block or a lone cert is refused; enabled alone verifies with system CAs', async () => {
  const never = (): string => assert.fail('no secret should be read');
  const skip = await jetstreamOptionsFromBusConfig(
    {
      jetstream: {
        url: 'nats://x',
        tls: { insecureSkipVerify: true, caCertSecret: { name: 'gone', key: 'ca' } },
      },
    },
    never,
  );
  assert.deepEqual(skip.tls, { insecureSkipVerify: true });
  assert.throws(
    () => jetstreamSettingsFromBusConfig({ jetstream: { url: 'nats://x', tls: {} } }),
    /jetstream\.tls: invalid tls config, neither of caCertSecret, clientCertSecret and clientKeySecret is configured/,
  );
  assert.throws(
    () =>
      jetstreamSettingsFromBusConfig({
        jetstream: { url: 'nats://x', tls: { clientCertSecret: { name: 'tls', key: 'cert' } } },
      }),
    /jetstream\.tls: invalid tls config, both of clientCertSecret and clientKeySecret need to be configured/,
  );
  const enabled = await jetstreamOptionsFromBusConfig(
    { jetstream: { url: 'nats://x', tls: { enabled: true } } },
    never,
  );
  assert.deepEqual(enabled.tls, {});
});

test('credentials: token-only works; neither username nor token, or broken YAML, is refused without quoting the secret', async () => {
  const withSecret = (content: string) => (): string => content;
  const bus = { jetstream: { url: 'nats://x', accessSecret: { name: 'a', key: 'k' } } };
  assert.deepEqual((await jetstreamOptionsFromBusConfig(bus, withSecret('token: t0k'))).token, 't0k');
  await assert.rejects(
    jetstreamOptionsFromBusConfig(bus, withSecret('hunter2')),
    /jetstream\.accessSecret: secret "a\/k" needs YAML with username and password \(or token\)/,
  );
  await assert.rejects(jetstreamOptionsFromBusConfig(bus, withSecret('password: [hunter2')), (err: Error) => {
    assert.match(err.message, /jetstream\.accessSecret: secret "a\/k" is not valid YAML/);
    assert.ok(
      !err.message.includes('hunter2') && err.cause === undefined,
      'the secret leaked into the error',
    );
    return true;
  });
});

test('replicas option sets the default a streamConfig can still override; paths name spec fields for a manifest', () => {
  const exotic = (streamConfig: string) => ({ spec: { jetstreamExotic: { url: 'nats://x', streamConfig } } });
  assert.equal(jetstreamSettingsFromEventBus(exotic(''), { replicas: 1 }).limits.replicas, 1);
  assert.equal(jetstreamSettingsFromEventBus(exotic('replicas: 3'), { replicas: 1 }).limits.replicas, 3);
  const managed = { metadata: { name: 'b' }, spec: { jetstream: { version: 'latest' } } };
  assert.equal(jetstreamSettingsFromEventBus(managed).limits.replicas, 3);
  assert.equal(jetstreamSettingsFromEventBus(managed, { replicas: 1 }).limits.replicas, 1);
  assert.throws(
    () =>
      jetstreamSettingsFromEventBus({
        spec: { jetstreamExotic: { url: 'nats://x', streamConfig: 'maxMsgs: many' } },
      }),
    /^ConfigError: spec\.jetstreamExotic\.streamConfig\.maxMsgs: not an integer: many$/,
  );
});

test('streamLimitsFromEventBus: managed streamConfig over upstream defaults; none for a bus without JetStream', () => {
  const limits = streamLimitsFromEventBus({
    spec: { jetstream: { version: 'latest', streamConfig: 'maxMsgs: 5\ndiscard: 1' } },
  });
  assert.equal(limits?.maxMsgs, 5);
  assert.equal(limits?.discard, 1);
  assert.equal(limits?.maxAgeMs, 168 * 3_600_000, 'upstream global default kept');
  assert.equal(streamLimitsFromEventBus({ spec: { nats: { native: {} } } }), undefined);
  assert.equal(streamLimitsFromEventBus(undefined), undefined);
});
