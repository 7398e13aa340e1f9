// `argus run` refuses, at start and with every reason, manifests whose event source or trigger
// types have no driver yet — instead of starting and crash-looping as an upstream pod would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

test('argus run names each unsupported source and trigger type and exits 1 without starting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-unsupported-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(
    file,
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: broker}
spec:
  amqp:
    example: {url: "amqp://127.0.0.1:5672", exchangeName: ex, exchangeType: fanout, routingKey: k}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify}
spec:
  dependencies:
    - {name: d, eventSourceName: broker, eventName: example}
  triggers:
    - template:
        name: to-slack
        slack: {channel: general, message: hi, slackToken: {name: slack, key: token}}
      atLeastOnce: true
      dlqTrigger:
        atLeastOnce: true
        template:
          name: dlq
          log: {}
`,
  );
  let out = '';
  let err = '';
  const code = await main(
    ['run', file, '--data-dir', join(dir, 'data'), '--admin-port', '0'],
    { stdout: (s) => void (out += s), stderr: (s) => void (err += s) },
    {},
  );
  assert.equal(code, 1);
  assert.match(
    err,
    /manifests\.yaml: EventSource\/broker: spec\.amqp: event source type "amqp" is not supported by argus run yet \(supported: [a-z, ]*webhook/,
  );
  assert.match(
    err,
    /Sensor\/notify: spec\.triggers\[0\]\.template\.slack: trigger type "slack" is not supported by argus run yet \(supported: [a-z, ]*log/,
  );
  assert.doesNotMatch(err, /dlqTrigger/, 'the log DLQ trigger is supported');
  assert.equal(out, '', 'nothing started, nothing logged');
});
