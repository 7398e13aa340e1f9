import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamOptionsFromEventBus } from './options.js';
import type { SecretKeySelector } from './options.js';

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

test('finalized status.config wins; plaintext is an explicit opt-in; no bus is an error', async () => {
  const o = await jetstreamOptionsFromEventBus(
    {
      spec: { jetstream: { version: 'latest' } },
      status: { config: { jetstream: { url: 'nats://x:4222' } } },
    },
    resolve,
    { plaintext: true },
  );
  assert.equal(o.url, 'nats://x:4222');
  assert.equal(o.tls, undefined);
  assert.equal(o.user, undefined);
  await assert.rejects(jetstreamOptionsFromEventBus({ spec: { kafka: {} } }, resolve), /invalid event bus/);
  await assert.rejects(
    jetstreamOptionsFromEventBus({ spec: { jetstreamExotic: {} } }, resolve),
    /url is required/,
  );
});
