// argus explain end to end: every upstream example sensor with sample events of ours, and fired /
// not-fired cases for each filter kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { Explanation } from '../../src/engine/explain.js';
import { conformanceDir } from './conformance.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'events');
const tmp = mkdtempSync(join(tmpdir(), 'argus-explain-'));

async function explain(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    ['explain', ...args],
    { stdout: (s) => void (out += s), stderr: (s) => void (err += s) },
    {},
  );
  return { code, out, err };
}

let n = 0;
function writeTemp(name: string, text: string): string {
  const p = join(tmp, `${n++}-${name}`);
  writeFileSync(p, text);
  return p;
}

function cloudEvent(
  source: string,
  subject: string,
  data: unknown,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    specversion: '1.0',
    id: `id-${n}`,
    source,
    subject,
    type: 'webhook',
    datacontenttype: 'application/json',
    time: '2024-07-15T14:00:00Z',
    data,
    ...extra,
  });
}

// ---- every upstream example ---------------------------------------------------------------------

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(name)) yield p;
  }
}

const examplesDir = resolve(conformanceDir, 'upstream-examples');
const invalidExamples = ['09-http-trigger/sensor-01.yaml', '09-http-trigger/sensor-02.yaml'];
const sampleData = (
  JSON.parse(readFileSync(join(fixtures, 'webhook-example.json'), 'utf8')) as { data: unknown }
).data;

let sensorFiles: string[] = [];
try {
  sensorFiles = [...yamlFiles(examplesDir)].filter((f) =>
    parseAllDocuments(readFileSync(f, 'utf8')).some(
      (d) => (d.toJS() as { kind?: string } | null)?.kind === 'Sensor',
    ),
  );
} catch {
  sensorFiles = [];
}

if (sensorFiles.length === 0) {
  void test.skip('explain on upstream examples (ARGUS_CONFORMANCE_DIR not found)');
}
for (const file of sensorFiles) {
  const rel = file.slice(examplesDir.length + 1);
  void test(`explain runs on ${rel}`, async () => {
    const doc = parseAllDocuments(readFileSync(file, 'utf8'))
      .map(
        (d) =>
          d.toJS() as {
            kind?: string;
            spec?: {
              dependencies?: { eventSourceName?: string; eventName?: string }[];
              triggers?: unknown[];
            };
          },
      )
      .find((d) => d.kind === 'Sensor');
    const deps = doc?.spec?.dependencies ?? [];
    const events = deps.map((d) =>
      writeTemp('event.json', cloudEvent(d.eventSourceName ?? '', d.eventName ?? '', sampleData)),
    );
    const r = await explain(['-f', file, ...events.flatMap((e) => ['--event', e]), '--json']);
    if (invalidExamples.some((x) => rel.endsWith(x))) {
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, /the Sensor is invalid/);
      return;
    }
    assert.equal(r.code, 0, r.err);
    const x = JSON.parse(r.out) as Explanation;
    assert.equal(x.events.length, events.length);
    assert.equal(x.triggers.length, doc?.spec?.triggers?.length ?? 0);
    for (const e of x.events)
      assert.ok(
        e.dependencies.some((d) => d.matched),
        `each sample event matches its dependency`,
      );
    for (const t of x.triggers) {
      assert.equal(typeof t.fired, 'boolean');
      assert.ok(Array.isArray(t.unmet));
    }
  });
}

// ---- fired and not fired, per filter kind ---------------------------------------------------------

function sensorYaml(filters: string, extra = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: s
spec:
  dependencies:
    - name: dep
      eventSourceName: webhook
      eventName: example
${extra}${filters === '' ? '' : `      filters:\n${filters}`}
  triggers:
    - template:
        name: t
        http:
          url: http://localhost:1/x
          payload:
            - src: {dependencyName: dep, dataKey: body.message}
              dest: msg
`;
}

const kinds: {
  kind: string;
  filters: string;
  extra?: string;
  pass: unknown;
  fail: unknown;
  failTime?: string;
}[] = [
  {
    kind: 'data',
    filters:
      '        data:\n          - path: body.message\n            type: string\n            value: ["^hello$"]\n',
    pass: { body: { message: 'hello' } },
    fail: { body: { message: 'bye' } },
  },
  {
    kind: 'expr',
    filters: '        exprs:\n          - expr: num > 10\n            fields: [{name: num, path: body.n}]\n',
    pass: { body: { message: 'hello', n: 42 } },
    fail: { body: { message: 'hello', n: 1 } },
  },
  {
    kind: 'context',
    filters: '        context:\n          type: webhook\n',
    pass: { body: { message: 'hello' } },
    fail: 'type-calendar',
  },
  {
    kind: 'time',
    filters: '        time:\n          start: "09:00:00"\n          stop: "17:00:00"\n',
    pass: { body: { message: 'hello' } },
    fail: { body: { message: 'hello' } },
    failTime: '2024-07-15T18:00:00Z',
  },
  {
    kind: 'script',
    filters: '        script: |-\n          return event.body.message == "hello"\n',
    pass: { body: { message: 'hello' } },
    fail: { body: { message: 'nope' } },
  },
  {
    kind: 'transform (jq) then data',
    extra: '      transform:\n        jq: ".body.message |= ascii_upcase"\n',
    filters:
      '        data:\n          - path: body.message\n            type: string\n            value: ["^HELLO$"]\n',
    pass: { body: { message: 'hello' } },
    fail: { body: { message: 'bye' } },
  },
];

for (const k of kinds) {
  void test(`explain: ${k.kind} filter, fired and not fired`, async () => {
    const sensor = writeTemp('sensor.yaml', sensorYaml(k.filters, k.extra ?? ''));
    const good = writeTemp('good.json', cloudEvent('webhook', 'example', k.pass));
    const bad = writeTemp(
      'bad.json',
      k.fail === 'type-calendar'
        ? cloudEvent('webhook', 'example', k.pass, { type: 'calendar' })
        : cloudEvent('webhook', 'example', k.fail, k.failTime === undefined ? {} : { time: k.failTime }),
    );
    const fired = await explain(['-f', sensor, '--event', good, '--json']);
    assert.equal(fired.code, 0, fired.err);
    const x = JSON.parse(fired.out) as Explanation;
    assert.equal(x.events[0]?.dependencies[0]?.passed, true, JSON.stringify(x.events[0]));
    assert.equal(x.triggers[0]?.fired, true);
    assert.equal(x.triggers[0]?.type, 'http');
    const payload = x.triggers[0]?.payload as { msg?: string };
    assert.match(payload.msg ?? '', /^(hello|HELLO)$/);

    const notFired = await explain(['-f', sensor, '--event', bad, '--json']);
    assert.equal(notFired.code, 0, notFired.err);
    const y = JSON.parse(notFired.out) as Explanation;
    assert.equal(y.events[0]?.dependencies[0]?.matched, true);
    assert.equal(y.events[0]?.dependencies[0]?.passed, false);
    assert.ok((y.events[0]?.dependencies[0]?.reasons.length ?? 0) > 1, 'reasons say why');
    assert.equal(y.triggers[0]?.fired, false);
    assert.deepEqual(y.triggers[0]?.unmet, ['dep']);
    assert.equal(y.triggers[0]?.payload, null);
  });
}

test('explain: human output names dependencies, filter verdicts and the payload', async () => {
  const sensor = writeTemp('sensor.yaml', sensorYaml(kinds[0]!.filters));
  const r = await explain(['-f', sensor, '--event', join(fixtures, 'webhook-example.json')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /dependency dep: MET/);
  assert.match(
    r.out,
    /data\[0\] path 'body\.message' \(string\): value "hello" matches \/\^hello\$\/: passes/,
  );
  assert.match(r.out, /trigger t \(http\): FIRES/);
  assert.match(r.out, /"msg": "hello"/);
});

test('explain: data_base64 events and AND conditions across several events', async () => {
  const sensor = writeTemp(
    'sensor.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s}
spec:
  dependencies:
    - {name: a, eventSourceName: webhook, eventName: example}
    - {name: b, eventSourceName: calendar, eventName: example-with-interval}
  triggers:
    - template:
        name: both
        conditions: "a && b"
        log: {}
    - template:
        name: broken
        conditions: "a && nope"
        log: {}
`,
  );
  const one = await explain([
    '-f',
    sensor,
    '--event',
    join(fixtures, 'webhook-example-base64.json'),
    '--json',
  ]);
  const x = JSON.parse(one.out) as Explanation;
  assert.equal(x.triggers[0]?.fired, false);
  assert.deepEqual(x.triggers[0]?.unmet, ['b']);
  assert.match(x.triggers[1]?.error ?? '', /unknown dependency 'nope'/);
  const two = await explain([
    '-f',
    sensor,
    '--event',
    join(fixtures, 'webhook-example-base64.json'),
    '--event',
    join(fixtures, 'calendar-example.json'),
    '--json',
  ]);
  const y = JSON.parse(two.out) as Explanation;
  assert.equal(y.triggers[0]?.fired, true);
  assert.deepEqual(y.triggers[0]?.unmet, []);
  assert.equal(y.triggers[0]?.payload, null);
  assert.equal(y.triggers[1]?.fired, false);
});

test('explain: unreadable or invalid input exits 2 with a clear message', async () => {
  const sensor = writeTemp('sensor.yaml', sensorYaml(''));
  const missing = await explain(['-f', sensor, '--event', join(tmp, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read/);
  const notEvent = await explain(['-f', sensor, '--event', writeTemp('bad.json', '{"hello": 1}')]);
  assert.equal(notEvent.code, 2);
  assert.match(notEvent.err, /invalid CloudEvent: specversion is missing/);
  const noSensor = await explain(['-f', join(fixtures, 'webhook-example.json')]);
  assert.equal(noSensor.code, 2);
});

test('explain: a firing whose parameters do not resolve reports the error', async () => {
  const sensor = writeTemp('sensor.yaml', sensorYaml(''));
  const event = writeTemp('event.json', cloudEvent('webhook', 'example', { body: { other: 1 } }));
  const r = await explain(['-f', sensor, '--event', event, '--json']);
  assert.equal(r.code, 0, r.err);
  const x = JSON.parse(r.out) as Explanation;
  assert.equal(x.triggers[0]?.fired, true);
  assert.equal(x.triggers[0]?.payload, null);
  assert.match(x.triggers[0]?.error ?? '', /unable to resolve 'dep' parameter value/);
  const human = await explain(['-f', sensor, '--event', event]);
  assert.match(human.out, /the attempt would fail: unable to resolve 'dep' parameter value/);
});
