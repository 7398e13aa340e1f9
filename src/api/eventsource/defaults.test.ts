import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWith } from '../schema.js';
import { applyEventSourceDefaults, EventSourceSpecCodec, type EventSourceSpec } from './index.js';

function spec(raw: unknown): EventSourceSpec {
  const r = decodeWith(EventSourceSpecCodec, raw);
  assert.deepEqual(r.errors, []);
  return r.value!;
}

void test('top level: eventBusName "default", replicas 1 also for values below 1', () => {
  assert.deepEqual(applyEventSourceDefaults(spec({})), { eventBusName: 'default', replicas: 1 });
  assert.deepEqual(applyEventSourceDefaults(spec({ eventBusName: 'b', replicas: 0 })), {
    eventBusName: 'b',
    replicas: 1,
  });
  assert.equal(applyEventSourceDefaults(spec({ replicas: 3 })).replicas, 3);
});

void test('webhook family: maxPayloadSize 1 MiB, no method or port default', () => {
  const out = applyEventSourceDefaults(
    spec({
      webhook: { a: { endpoint: '/a', port: '1' }, b: { endpoint: '/b', port: '1', maxPayloadSize: 10 } },
      github: { g: { webhook: { endpoint: '/g', port: '2' } } },
    }),
  );
  assert.deepEqual(out.webhook, {
    a: { endpoint: '/a', port: '1', maxPayloadSize: 1048576 },
    b: { endpoint: '/b', port: '1', maxPayloadSize: 10 },
  });
  assert.equal(out.github?.g?.webhook?.maxPayloadSize, 1048576);
});

void test('broker defaults', () => {
  const out = applyEventSourceDefaults(
    spec({
      kafka: { k: { url: 'u', topic: 't', consumerGroup: { groupName: 'g' } } },
      redisStream: { r: { hostAddress: 'h', streams: ['s'] } },
      sqs: { q: { region: 'r', queue: 'q' } },
      azureQueueStorage: { z: { queueName: 'q', waitTimeInSeconds: 0 } },
      storageGrid: { s: {} },
      hdfs: { h: {} },
      bitbucketserver: { b: {} },
      sftp: { f: { pollIntervalDuration: '1m' } },
    }),
  );
  assert.equal(out.kafka?.k?.version, '1.0.0');
  assert.equal(out.kafka?.k?.consumerGroup?.rebalanceStrategy, 'range');
  assert.equal(out.redisStream?.r?.maxMsgCountPerRead, 10);
  assert.equal(out.redisStream?.r?.consumerGroup, 'argo-events-cg');
  assert.equal(out.sqs?.q?.waitTimeSeconds, 3);
  assert.equal(
    out.azureQueueStorage?.z?.waitTimeInSeconds,
    0,
    'an explicit 0 is kept (pointer set upstream)',
  );
  assert.equal(out.storageGrid?.s?.region, 'us-east-1');
  assert.equal(out.hdfs?.h?.checkInterval, '1m');
  assert.equal(out.bitbucketserver?.b?.checkInterval, '1m');
  assert.equal(out.sftp?.f?.pollIntervalDuration, '1m');
});

void test('amqp blocks are defaulted only when wholly absent', () => {
  const out = applyEventSourceDefaults(spec({ amqp: { a: {}, b: { consume: { consumerTag: 't' } } } }));
  assert.equal(out.amqp?.a?.exchangeDeclare?.durable, true);
  assert.equal(out.amqp?.a?.queueDeclare?.exclusive, true);
  assert.equal(out.amqp?.a?.consume?.autoAck, true);
  assert.deepEqual(out.amqp?.b?.consume, { consumerTag: 't' }, 'a partial block keeps Go zero values');
});

void test('the input is not modified', () => {
  const input = spec({ webhook: { a: { endpoint: '/a', port: '1' } }, kafka: { k: { consumerGroup: {} } } });
  const copy = structuredClone(input);
  applyEventSourceDefaults(input);
  assert.deepEqual(input, copy);
});
