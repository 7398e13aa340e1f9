// Resource-level EventSource validation: duplicate names, strategy mix, order and paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWith } from '../schema.js';
import { EventSourceCodec, listDeclaredEvents, validateEventSource, type EventSource } from './index.js';

function decode(spec: unknown): EventSource {
  const r = decodeWith(EventSourceCodec, { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', spec });
  assert.deepEqual(r.errors, []);
  return r.value!;
}

const hook = { endpoint: '/e', port: '12000' };

void test('an EventSource without events is valid', () => {
  assert.deepEqual(validateEventSource(decode({})), []);
  assert.deepEqual(validateEventSource(decode({ webhook: {} })), []);
  assert.deepEqual(validateEventSource({}), []);
});

void test('the same event name under two types is reported once, at the second occurrence', () => {
  const issues = validateEventSource(
    decode({ sns: { a: { topicArn: 't', region: 'r', webhook: hook } }, webhook: { a: hook, b: hook } }),
  );
  assert.deepEqual(issues, [{ path: 'spec.webhook.a', message: 'more than one "a" found in the spec' }]);
});

void test('mixing Recreate and RollingUpdate types is rejected, at spec', () => {
  const issues = validateEventSource(
    decode({
      calendar: { c: { interval: '1s' } },
      webhook: { w: hook },
      sqs: { q: { region: 'r', queue: 'q' } },
    }),
  );
  assert.deepEqual(issues, [
    {
      path: 'spec',
      message: 'event sources with rolling update and recreate update strategy can not be put together',
    },
  ]);
});

void test('an empty map does not count towards the strategy mix', () => {
  assert.deepEqual(validateEventSource(decode({ calendar: {}, webhook: { w: hook } })), []);
});

void test('every problem is reported, in type order then event-name order', () => {
  const issues = validateEventSource(
    decode({
      webhook: { z: {}, a: { endpoint: '/a' } },
      amqp: { m: { url: 'u', exchangeType: 'f' } },
      calendar: { a: {} },
    }),
  );
  assert.deepEqual(issues, [
    { path: 'spec.amqp.m.routingKey', message: 'routing key must be specified' },
    { path: 'spec.calendar.a', message: 'must have either schedule or interval' },
    { path: 'spec.webhook.a', message: 'more than one "a" found in the spec' },
    { path: 'spec.webhook.a.port', message: "port can't be empty" },
    { path: 'spec.webhook.z.endpoint', message: "endpoint can't be empty" },
    {
      path: 'spec',
      message: 'event sources with rolling update and recreate update strategy can not be put together',
    },
  ]);
});

void test('event names with dots or spaces get quoted path segments', () => {
  const issues = validateEventSource(decode({ webhook: { 'my.event': { endpoint: '/e' } } }));
  assert.deepEqual(issues, [{ path: 'spec.webhook["my.event"].port', message: "port can't be empty" }]);
});

void test('field names decode case-insensitively, like Go', () => {
  const es = decode({ Webhook: { w: { Endpoint: '/e', PORT: '1' } }, EventBusName: 'bus' });
  assert.equal(es.spec?.eventBusName, 'bus');
  assert.deepEqual(es.spec?.webhook, { w: { endpoint: '/e', port: '1' } });
  assert.deepEqual(validateEventSource(es), []);
});

void test('a wrong JSON type is a decode error with its path', () => {
  const r = decodeWith(EventSourceCodec, { spec: { webhook: { w: { port: 12000 } } } });
  assert.deepEqual(r.errors, [{ path: 'spec.webhook.w.port', message: 'cannot decode number as string' }]);
});

void test('declared events come in type order, then byte order of names', () => {
  const es = decode({ webhook: { b: hook, B: hook, a: hook }, calendar: { z: {} } });
  assert.deepEqual(
    listDeclaredEvents(es.spec!).map((e) => `${e.type}/${e.name}`),
    ['calendar/z', 'webhook/B', 'webhook/a', 'webhook/b'],
  );
});
