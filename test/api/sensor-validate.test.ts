// Sensor and EventBus validation beyond the conformance cases: every trigger type's rules with
// their paths, collected problems, time filters as Go parses them, backoff warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveBackoff } from '../../src/api/backoff.js';
import { validateEventBus } from '../../src/api/eventbus/validate.js';
import { decodeWith } from '../../src/api/schema.js';
import { SensorCodec, type Sensor } from '../../src/api/sensor/types.js';
import { parseTimeOfDay, validateSensor } from '../../src/api/sensor/validate.js';

function sensorWith(trigger: Record<string, unknown>, deps?: unknown[]): Sensor {
  const decoded = decodeWith(SensorCodec, {
    metadata: { name: 's' },
    spec: {
      dependencies: deps ?? [{ name: 'd', eventSourceName: 'es', eventName: 'ev' }],
      triggers: [trigger],
    },
  });
  assert.deepEqual(decoded.errors, []);
  return decoded.value!;
}

function errorsOf(trigger: Record<string, unknown>): [string, string][] {
  return validateSensor(sensorWith(trigger)).errors.map((e) => [e.path, e.message]);
}

const T = 'spec.triggers[0].template';
const param = { src: { dependencyName: 'd' }, dest: 'x' };

const triggerCases: [string, Record<string, unknown>, [string, string][]][] = [
  [
    'k8s without source, bad operation',
    { k8s: { operation: 'apply' } },
    [
      [`${T}.k8s.source`, 'k8s trigger does not contain an absolute action'],
      [`${T}.k8s.operation`, 'unknown operation type apply'],
    ],
  ],
  [
    'k8s parameter without src',
    { k8s: { source: { inline: 'x' }, parameters: [{ dest: 'a' }] } },
    [[`${T}.k8s.parameters[0].src`, "parameter source can't be empty"]],
  ],
  [
    'argoWorkflow needs an operation',
    { argoWorkflow: { source: { inline: 'x' } } },
    [[`${T}.argoWorkflow.operation`, 'unknown operation type ']],
  ],
  [
    'http: url, method, payload operation',
    { http: { method: 'get', payload: [{ src: { dependencyName: 'd' }, operation: 'replace' }] } },
    [
      [`${T}.http.url`, 'server URL is not specified'],
      [`${T}.http.method`, 'only GET, DELETE, PATCH, POST and PUT methods are supported'],
      [`${T}.http.payload[0].operation`, 'parameter operation replace is invalid'],
    ],
  ],
  [
    'awsLambda',
    { awsLambda: {} },
    [
      [`${T}.awsLambda.functionName`, 'function name is not specified'],
      [`${T}.awsLambda.region`, 'region in not specified'],
      [`${T}.awsLambda.payload`, 'payload parameters are not specified'],
    ],
  ],
  [
    'custom',
    { custom: { secure: true } },
    [
      [`${T}.custom.serverURL`, 'custom trigger gRPC server url is not defined'],
      [`${T}.custom.spec`, "trigger body can't be empty"],
      [`${T}.custom.certSecret`, "certSecret can't be nil when the trigger server connection is secure"],
    ],
  ],
  [
    'kafka',
    { kafka: { payload: [{ src: {}, dest: 'x' }] } },
    [
      [`${T}.kafka.url`, 'broker url must not be empty'],
      [`${T}.kafka.topic`, 'topic must not be empty'],
      [`${T}.kafka.payload[0].src.dependencyName`, "parameter dependency name can't be empty"],
    ],
  ],
  [
    'nats',
    { nats: {} },
    [
      [`${T}.nats.url`, "nats server url can't be empty"],
      [`${T}.nats.subject`, "nats subject can't be empty"],
      [`${T}.nats.payload`, "payload can't be nil"],
    ],
  ],
  ['slack', { slack: { channel: 'c' } }, [[`${T}.slack.slackToken`, "slack token can't be empty"]]],
  [
    'openWhisk',
    { openWhisk: { authToken: { name: 'n' } } },
    [
      [`${T}.openWhisk.actionName`, 'action name is not specified'],
      [`${T}.openWhisk.host`, 'host URL is not specified'],
      [`${T}.openWhisk.authToken`, 'auth token key and name must be specified'],
      [`${T}.openWhisk.payload`, 'payload parameters are not specified'],
    ],
  ],
  [
    'email',
    { email: { port: 70000 } },
    [
      [`${T}.email.host`, "host can't be empty"],
      [`${T}.email.port`, 'port: 70000, port should be between 0-65535'],
    ],
  ],
  ['log, pulsar, azure triggers have no upstream rules', { log: {} }, []],
  ['pulsar', { pulsar: {} }, []],
  ['azureEventHubs', { azureEventHubs: {} }, []],
  ['azureServiceBus', { azureServiceBus: {} }, []],
  [
    'valid http with an empty payload dest',
    { http: { url: 'http://x', payload: [{ src: { dependencyName: 'd' } }] } },
    [],
  ],
  ['valid k8s', { k8s: { source: { resource: {} }, parameters: [param] } }, []],
];

for (const [name, block, expected] of triggerCases) {
  test(`trigger rules: ${name}`, () => {
    assert.deepEqual(errorsOf({ template: { name: 't', ...block } }), expected);
  });
}

test('template-level rules: name, conditionsReset, policy, parameters, dlqTrigger', () => {
  const errors = errorsOf({
    template: {
      http: { url: 'http://x' },
      conditionsReset: [{}, { byTime: { cron: '@daily', timezone: 'utc' } }],
    },
    policy: { status: {} },
    parameters: [{ src: { dependencyName: 'd' } }],
    dlqTrigger: { template: { name: 'dlq', log: {} } },
  });
  assert.deepEqual(errors, [
    [`${T}.name`, 'trigger must define a name'],
    [`${T}.conditionsReset[0]`, 'invalid conditionsReset'],
    [`${T}.conditionsReset[1].byTime.cron`, 'invalid cron expression "@daily"'],
    [`${T}.conditionsReset[1].byTime.timezone`, 'invalid timezone "utc"'],
    ['spec.triggers[0].policy.status.allow', 'list of allowed response status is not specified'],
    ['spec.triggers[0].parameters[0].dest', "parameter destination can't be empty"],
    ['spec.triggers[0].atLeastOnce', 'to use dlqTrigger, trigger.atLeastOnce must be set to true'],
    ['spec.triggers[0].dlqTrigger.atLeastOnce', 'atLeastOnce must be set to true within the dlqTrigger'],
  ]);
});

test('a template without a trigger type, or with two, is valid with a warning', () => {
  const none = validateSensor(sensorWith({ template: { name: 't' } }));
  assert.deepEqual(none.errors, []);
  assert.match(none.warnings[0]!.message, /no trigger type is set/);
  const two = validateSensor(sensorWith({ template: { name: 't', log: {}, http: { url: 'u' } } }));
  assert.match(
    two.warnings[0]!.message,
    /more than one trigger type is set \(http, log\); only http is used/,
  );
});

test('dependency rules, filters and duplicate names', () => {
  const s = sensorWith({ template: { name: 't', log: {} } }, [
    { name: 'a', eventSourceName: 'es', eventName: 'ev', filtersLogicalOperator: 'xor' },
    {
      name: 'a',
      eventSourceName: 'es',
      eventName: 'ev2',
      filters: {
        data: [{ path: 'p', type: 'string', value: ['x'], comparator: '~' }],
        exprs: [{ expr: 'a > 1', fields: [{ name: 'a' }] }],
        context: {},
        time: { start: '10:00:00', stop: '10:00:00' },
      },
    },
  ]);
  const { errors, warnings } = validateSensor(s);
  assert.deepEqual(
    errors.map((e) => [e.path, e.message]),
    [
      ['spec.dependencies[0].filtersLogicalOperator', 'logical operator xor not supported'],
      [
        'spec.dependencies[1].filters.exprs[0].fields[0]',
        'one of expr filters is not valid (path and name in a field must be not empty)',
      ],
      ['spec.dependencies[1].filters.data[0].comparator', 'comparator ~ not supported'],
      [
        'spec.dependencies[1].filters.context',
        'no fields specified in ctx filter (aka all events will be discarded)',
      ],
      [
        'spec.dependencies[1].filters.time',
        "invalid event time filter: stop '10:00:00' is equal to start '10:00:00",
      ],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => w.path),
    ['spec.dependencies[1].name'],
  );
});

test('no dependencies and no triggers', () => {
  const decoded = decodeWith(SensorCodec, { metadata: { name: 's' }, spec: { dependencies: [] } }).value!;
  assert.deepEqual(
    validateSensor(decoded).errors.map((e) => e.message),
    ['no event dependencies found', 'no triggers found'],
  );
});

test('time of day is parsed as Go parses "15:04:05"', () => {
  assert.deepEqual(parseTimeOfDay('9:05:00'), { seconds: 9 * 3600 + 300 });
  assert.deepEqual(parseTimeOfDay('23:59:59.5'), { seconds: 86399.5 });
  for (const bad of ['24:00:00', '10:5:00', '10:00', '10:00:00Z', '10:60:00', 'noon']) {
    assert.ok('error' in parseTimeOfDay(bad), bad);
  }
});

test('backoff: numbers are nanoseconds, strings Go durations, quoted amounts fail (warning only)', () => {
  assert.deepEqual(resolveBackoff(undefined), { durationNs: 1_000_000_000n, factor: 1, jitter: 1, steps: 5 });
  assert.deepEqual(resolveBackoff({ duration: 500, factor: '2', steps: 3 }), {
    durationNs: 500n,
    factor: 2,
    jitter: 1,
    steps: 3,
  });
  assert.deepEqual(resolveBackoff({ duration: '1m30s' }), {
    durationNs: 90_000_000_000n,
    factor: 1,
    jitter: 1,
    steps: 5,
  });
  assert.deepEqual(resolveBackoff({ duration: '10' }), { error: 'time: missing unit in duration "10"' });
  const decoded = decodeWith(SensorCodec, {
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'es', eventName: 'ev' }],
      triggers: [{ template: { name: 't', log: {} }, retryStrategy: { factor: '2' } }],
    },
  }).value!;
  const { errors, warnings } = validateSensor(decoded);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.map((w) => [w.path, w.message]),
    [
      [
        'spec.triggers[0].retryStrategy.factor',
        'invalid factor, strconv.ParseFloat: parsing "\\"2\\"": invalid syntax (upstream fails when it is used)',
      ],
    ],
  );
});

test('EventBus problems are all collected', () => {
  const issues = validateEventBus({
    spec: { nats: { exotic: {} }, jetstream: { replicas: 2 }, kafka: {}, jetstreamExotic: {} },
  });
  assert.deepEqual(
    issues.map((i) => i.message),
    [
      '"spec.nats.exotic.clusterID" is missing',
      '"spec.nats.exotic.url" is missing',
      'invalid spec: a version for jetstream needs to be specified',
      'invalid spec: a jetstream eventbus requires 1 replica or >= 3 replicas',
      '"spec.kafka.url" is missing',
      '"spec.jetstreamExotic.url" is missing',
    ],
  );
});

test('a trigger TLS config upstream cannot build is a warning', () => {
  const { errors, warnings } = validateSensor(
    sensorWith({
      template: { name: 't', http: { url: 'https://x', tls: { clientCertSecret: { name: 'c', key: 'k' } } } },
    }),
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.map((w) => [w.path, w.message]),
    [
      [
        `${T}.http.tls`,
        'invalid tls config, both clientCertSecret and clientKeySecret need to be configured (upstream fails when the trigger runs)',
      ],
    ],
  );
});
