// The JetStream bus against a real nats-server 2.9 started by the test on a free port with a temp store:
// the shared contract suite (including a server restart), then upstream wire-layout checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BusError, ErrorCodes } from '../../src/shared/errors.js';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { busContract, Collector } from '../../src/eventbus/contract.js';
import { openJetStreamBus } from '../../src/eventbus/jetstream/jetstream-bus.js';
import { upstreamConsumerName } from '../../src/eventbus/bus.js';
import type { NatsServer } from '../support/nats-server.js';
import { startNatsServer } from '../support/nats-server.js';
import { makeCertificates } from '../support/nats-tls.js';

const scriptsDir = join(import.meta.dirname, 'bus');

busContract(
  'jetstream (single server)',
  async () => {
    const server = await startNatsServer();
    return {
      open: () => openJetStreamBus({ url: server.url, limits: { replicas: 1 } }),
      // real time: long enough that a loaded host (CPU steal) does not let an ack arrive after it
      ackWaitMs: 3000,
      elapse: () => undefined, // real time: the server's ack timer runs
      childEnv: { BUS_DRIVER: 'jetstream', BUS_URL: server.url, BUS_STREAM: 'default', BUS_REPLICAS: '1' },
      restartServer: () => server.restart(),
      cleanup: () => server.stop(),
    };
  },
  { scriptsDir, serverRestart: true },
);

describe('jetstream: upstream wire layout', () => {
  let server: NatsServer;
  before(async () => {
    server = await startNatsServer();
  });
  after(async () => {
    await server.stop();
  });

  test('stream, subjects, Nats-Msg-Id, CloudEvent bytes and limits as upstream', async () => {
    const bus = await openJetStreamBus({
      url: server.url,
      limits: { replicas: 1, maxMsgs: 1234, maxAgeMs: 3_600_000, duplicatesMs: 120_000 },
    });
    const nc = await connect({ servers: server.url });
    try {
      const data = new TextEncoder().encode('{"specversion":"1.0"}');
      await bus.publish({ eventSourceName: 'webhook', eventName: 'example', id: 'abc123', data });
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info('default');
      assert.deepEqual(info.config.subjects, ['default.*.*']);
      assert.equal(info.config.storage, 'file');
      assert.equal(info.config.max_msgs, 1234);
      assert.equal(info.config.max_age, 3_600_000 * 1e6);
      assert.equal(info.config.duplicate_window, 120_000 * 1e6);
      const m = await jsm.streams.getMessage('default', { last_by_subj: 'default.webhook.example' });
      assert.ok(m);
      assert.equal(m.header.get('Nats-Msg-Id'), 'abc123');
      assert.deepEqual([...m.data], [...data]);
      // a raw client's publish is what a Go event source does; our consumer reads it
      const c = new Collector(10_000);
      await bus.subscribe(
        upstreamConsumerName('s', 't', 'd'),
        [{ eventSourceName: 'webhook', eventName: 'example' }],
        c.handler,
      );
      await jetstream(nc).publish('default.webhook.example', data, { msgID: 'from-go' });
      await c.until('the raw publish', () => c.deliveries.length >= 1);
      assert.equal(c.deliveries[0]!.message.id, 'from-go');
      const ci = await jsm.consumers.info('default', 'group-' + upstreamConsumerName('s', 't', 'd').slice(6));
      assert.equal(ci.config.ack_policy, 'explicit');
      assert.equal(ci.config.deliver_policy, 'new');
      assert.equal(ci.config.filter_subject, 'default.webhook.example');
      // KV bucket = sensor name, upstream keys
      const kv = await bus.kv('mysensor');
      await kv.put('Triggers', '["t"]');
      const streams = await jsm.streams.names().next();
      assert.ok(streams.includes('KV_mysensor'));
    } finally {
      await nc.close();
      await bus.close();
    }
  });

  test('an existing stream is never changed', async () => {
    const bus = await openJetStreamBus({ url: server.url, limits: { replicas: 1, maxMsgs: 99 } });
    const nc = await connect({ servers: server.url });
    try {
      const info = await (await jetstreamManager(nc)).streams.info('default');
      assert.equal(info.config.max_msgs, 1234);
    } finally {
      await nc.close();
      await bus.close();
    }
  });

  test('status goes reconnecting while the server is down and connected when it is back', async () => {
    const bus = await openJetStreamBus({ url: server.url, limits: { replicas: 1 } });
    const seen: string[] = [];
    bus.onStatus((s) => seen.push(s.type));
    try {
      await server.kill();
      const end = Date.now() + 10_000;
      while (!seen.includes('reconnecting') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const state = (): string => bus.status.type;
      assert.equal(state(), 'reconnecting');
      await assert.rejects(
        bus.publish({ eventSourceName: 's', eventName: 'e', id: 'while-down', data: new Uint8Array() }),
        (e: unknown) => e instanceof BusError && e.code === ErrorCodes.BUS_UNAVAILABLE && e.retryable,
      );
      await server.restart();
      while (state() !== 'connected' && Date.now() < end + 10_000)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(state(), 'connected');
    } finally {
      await bus.close();
    }
    assert.equal(seen.at(-1), 'closed');
  });
});

describe('jetstream: connection options against real servers', () => {
  test('user/password and token auth; a wrong password fails as bus unavailable', async () => {
    const basic = await startNatsServer({ args: ['--user', 'alice', '--pass', 's3cret'] });
    const token = await startNatsServer({ args: ['--auth', 'tok'] });
    try {
      const a = await openJetStreamBus({
        url: basic.url,
        user: 'alice',
        password: 's3cret',
        limits: { replicas: 1 },
      });
      assert.equal(
        (await a.publish({ eventSourceName: 's', eventName: 'e', id: '1', data: new Uint8Array() })).seq,
        1,
      );
      await a.close();
      const t = await openJetStreamBus({ url: token.url, token: 'tok', limits: { replicas: 1 } });
      await t.close();
      await assert.rejects(
        openJetStreamBus({ url: basic.url, user: 'alice', password: 'wrong', limits: { replicas: 1 } }),
        (e: unknown) => e instanceof BusError && e.code === ErrorCodes.BUS_UNAVAILABLE,
      );
    } finally {
      await basic.stop();
      await token.stop();
    }
  });

  test('TLS: verified with the CA, or unverified as upstream does without a tls block', async () => {
    const certs = makeCertificates();
    const server = await startNatsServer({
      args: ['--tls', '--tlscert', certs.certFile, '--tlskey', certs.keyFile],
    });
    try {
      const verified = await openJetStreamBus({
        url: server.url,
        tls: { ca: certs.caPem },
        limits: { replicas: 1 },
      });
      await verified.publish({ eventSourceName: 's', eventName: 'e', id: 'tls-1', data: new Uint8Array() });
      await verified.close();
      const unverified = await openJetStreamBus({
        url: server.url,
        tls: { insecureSkipVerify: true },
        limits: { replicas: 1 },
      });
      await unverified.close();
      await assert.rejects(
        openJetStreamBus({ url: server.url, tls: {}, limits: { replicas: 1 } }),
        (e: unknown) => e instanceof BusError,
      );
    } finally {
      await server.stop();
      certs.remove();
    }
  });
});
