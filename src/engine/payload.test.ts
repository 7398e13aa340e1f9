import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Trigger, TriggerParameter } from '../api/sensor/index.js';
import { makeEvent } from './event.js';
import { resolveTrigger, triggerTypeOf } from './payload.js';

// parameters.md §8 event
const event = makeEvent(
  {
    id: '6162',
    source: 'webhook',
    specversion: '1.0',
    type: 'webhook',
    datacontenttype: 'application/json',
    subject: 'example',
    time: '2024-07-15T14:00:00Z',
  },
  '{"header":{"X-Id":["a1"]},"body":{"message":"hello","n":42,"f":1.50,"ok":true,"obj":{"a":1},"list":["x","y"],"nul":null,"id":12345678,"name":"foo bar"}}',
);
const events = { dep: event };
const msg: TriggerParameter = { src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'msg' };
const raw: TriggerParameter = {
  src: { dependencyName: 'dep', dataKey: 'body.n', useRawData: true },
  dest: 'count',
};

const bodyTypes = [
  'http',
  'kafka',
  'nats',
  'pulsar',
  'awsLambda',
  'openWhisk',
  'azureEventHubs',
  'azureServiceBus',
  'custom',
];
for (const type of bodyTypes) {
  test(`payload: ${type} sends the payload built from its entries`, () => {
    const t: Trigger = { template: { name: 't', [type]: { payload: [msg, raw] } } };
    const r = resolveTrigger(t, events);
    assert.equal(r.type, type);
    assert.deepEqual(r.payload, { msg: 'hello', count: 42 });
  });
}

test('payload: http empty dest makes the value the whole body; the whole event carries base64 data', () => {
  const r = resolveTrigger(
    {
      template: {
        name: 't',
        http: { url: 'http://x', payload: [{ src: { dependencyName: 'dep' }, dest: '' }] },
      },
    },
    events,
  );
  const body = r.payload as { context: Record<string, string>; data: string };
  assert.deepEqual(Object.keys(body.context), [
    'id',
    'source',
    'specversion',
    'type',
    'datacontenttype',
    'subject',
    'time',
  ]);
  assert.equal(body.context.time, '2024-07-15T14:00:00Z');
  assert.equal(Buffer.from(body.data, 'base64').toString('utf8'), event.data);
});

test('payload: http without payload sends an empty body; dynamic headers resolve', () => {
  const r = resolveTrigger(
    {
      template: {
        name: 't',
        http: {
          url: 'http://x',
          dynamicHeaders: [
            { src: { dependencyName: 'dep', dataKey: 'header.X-Id.0' }, dest: 'X-Id' },
            { src: { dependencyName: 'other', dataKey: 'x' }, dest: 'X-Missing' },
          ],
        },
      },
    },
    events,
  );
  assert.equal(r.payload, '');
  assert.deepEqual(r.dynamicHeaders, { 'X-Id': 'a1' });
});

test('payload: a non-JSON body is returned as text', () => {
  const r = resolveTrigger(
    {
      template: {
        name: 't',
        http: {
          url: 'http://x',
          payload: [{ src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: '' }],
        },
      },
    },
    events,
  );
  assert.equal(r.payload, 'hello');
});

test('payload: a payload entry whose dependency has no event and no default is a clear error (upstream crashes)', () => {
  assert.throws(
    () =>
      resolveTrigger(
        {
          template: {
            name: 't',
            kafka: { payload: [{ src: { dependencyName: 'absent', dataKey: 'x' }, dest: 'x' }] },
          },
        },
        events,
      ),
    /dependency 'absent' has no event in this firing and no default value/,
  );
  // with a default it resolves
  const r = resolveTrigger(
    {
      template: {
        name: 't',
        kafka: { payload: [{ src: { dependencyName: 'absent', dataKey: 'x', value: 'd' }, dest: 'x' }] },
      },
    },
    events,
  );
  assert.deepEqual(r.payload, { x: 'd' });
});

test('payload: slack and email send their (parameterised) fields; template and resource parameters both apply', () => {
  const slack = resolveTrigger(
    {
      template: {
        name: 't',
        slack: {
          channel: '#general',
          message: 'x',
          parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'message' }],
        },
      },
      parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.name' }, dest: 'slack.channel' }],
    },
    events,
  );
  assert.equal(slack.template.slack?.channel, 'foo bar');
  assert.deepEqual(slack.payload, {
    channel: 'foo bar',
    text: 'hello',
    attachments: undefined,
    blocks: undefined,
  });
  const email = resolveTrigger(
    {
      template: { name: 't', email: { to: ['a@x.io'], subject: 's', body: 'b' } },
      parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'email.to.-1' }],
    },
    events,
  );
  assert.deepEqual(email.payload, { from: undefined, to: ['a@x.io', 'hello'], subject: 's', body: 'b' });
});

test('payload: k8s and argoWorkflow objects from resource or inline source, after their parameters', () => {
  const k8s = resolveTrigger(
    {
      template: {
        name: 't',
        k8s: {
          operation: 'create',
          source: { resource: { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-' } } },
          parameters: [
            { src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'metadata.labels.msg' },
          ],
        },
      },
    },
    events,
  );
  assert.deepEqual(k8s.payload, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: 'p-', labels: { msg: 'hello' } },
  });
  const argo = resolveTrigger(
    {
      template: {
        name: 't',
        argoWorkflow: {
          operation: 'submit',
          source: {
            inline:
              'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  arguments:\n    parameters:\n      - name: m\n        value: x\n',
          },
          parameters: [
            {
              src: { dependencyName: 'dep', dataKey: 'body.message' },
              dest: 'spec.arguments.parameters.0.value',
            },
          ],
        },
      },
    },
    events,
  );
  assert.deepEqual((argo.payload as { spec: unknown }).spec, {
    arguments: { parameters: [{ name: 'm', value: 'hello' }] },
  });
  const fromGit = resolveTrigger(
    { template: { name: 't', k8s: { source: { git: { url: 'https://x' } } } } },
    events,
  );
  assert.equal(fromGit.payload, null);
  assert.match(fromGit.notes.join(), /source.git is read at run time/);
});

test("payload: log sends nothing; no type block is upstream's error", () => {
  assert.equal(resolveTrigger({ template: { name: 't', log: {} } }, events).payload, null);
  assert.throws(
    () => resolveTrigger({ template: { name: 't' } }, events),
    /invalid trigger t, could not find an implementation/,
  );
});

test('type selection follows upstream order when several blocks are set', () => {
  assert.equal(triggerTypeOf({ name: 't', log: {}, http: { url: 'x' }, k8s: {} }), 'k8s');
  assert.equal(triggerTypeOf({ name: 't', email: {}, log: {} }), 'log');
});

test('template-level parameters: a wrong JSON type fails; unknown fields are dropped', () => {
  assert.throws(
    () =>
      resolveTrigger(
        {
          template: { name: 't', http: { url: 'http://x' } },
          parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.n' }, dest: 'http.timeout' }],
        },
        events,
      ),
    /http\.timeout/,
  );
  const ok = resolveTrigger(
    {
      template: { name: 't', http: { url: 'http://x' } },
      parameters: [
        { src: { dependencyName: 'dep', dataKey: 'body.n', useRawData: true }, dest: 'http.timeout' },
        { src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'http.serverURL' },
      ],
    },
    events,
  );
  assert.equal(ok.template.http?.timeout, 42);
  assert.equal((ok.template.http as Record<string, unknown>).serverURL, undefined);
});
