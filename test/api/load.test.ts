// Loading manifests: YAML 1.1 as Kubernetes parses it, JSON, folders, skipped kinds, syntax
// errors with lines, decoding rules, defaults and freezing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeDocuments, loadResources, parseManifestText } from '../../src/api/load.js';
import { formatIssue, LoadError } from '../../src/shared/errors.js';

const sensor = (name: string, extra = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: ${name}
spec:
  dependencies:
    - name: a
      eventSourceName: es
      eventName: ev
    - name: b
      eventSourceName: es
      eventName: ev
  triggers:
    - template:
        name: t
        log: {}
${extra}`;

function one(text: string, file = 'm.yaml') {
  const result = judgeDocuments([{ file, text }]);
  assert.equal(result.resources.length, 1, JSON.stringify(result));
  return result.resources[0]!;
}

test('YAML 1.1 scalars resolve as go-yaml v2 does', () => {
  const { documents, errors } = parseManifestText(
    'on: 1\nyes_key: yes\nn: off\nstart: 10:00:00\nwhen: 2019-04-06T12:52:11Z\noct: 0777\nhex: 0x1F\nu: 1_000\nq: "on"\n',
    'x.yaml',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(documents[0]!.value, {
    true: 1, // a boolean key becomes "true", as sigs.k8s.io/yaml converts keys
    yes_key: true,
    false: false,
    start: '10:00:00', // no sexagesimal numbers in go-yaml v2
    when: '2019-04-06T12:52:11Z', // timestamps stay strings for untyped targets
    oct: 511,
    hex: 31,
    u: 1000,
    q: 'on',
  });
});

test('multi-document YAML: empty documents are ignored, others keep their index and line', () => {
  const { documents } = parseManifestText('---\n# only a comment\n---\na: 1\n---\n---\nb: 2\n', 'x.yaml');
  assert.deepEqual(
    documents.map((d) => [d.index, d.line, d.value]),
    [
      [2, 3, { a: 1 }],
      [4, 6, { b: 2 }],
    ],
  );
});

test('a YAML syntax error names the file and the line', () => {
  const result = judgeDocuments([{ file: 'bad.yaml', text: 'kind: Sensor\nspec:\n  a: [1, 2\n  b: 3\n' }]);
  assert.equal(result.resources.length, 0);
  assert.equal(result.failures.length >= 1, true);
  const text = formatIssue(result.failures[0]!);
  assert.match(text, /^bad\.yaml: line \d+, column \d+: yaml: /);
});

test('a JSON syntax error names the file and the line', () => {
  const result = judgeDocuments([{ file: 'bad.json', text: '{\n  "kind": "Sensor",\n  oops\n}\n' }]);
  assert.match(formatIssue(result.failures[0]!), /^bad\.json: line 3: json: /);
});

test('JSON files are read as JSON', () => {
  const r = one(
    JSON.stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventBus',
      metadata: { name: 'default' },
      spec: { jetstream: { version: '2.10.29' } },
    }),
    'bus.json',
  );
  assert.equal(r.kind, 'EventBus');
  assert.deepEqual(r.errors, []);
});

test('other kinds are skipped with a note, not reported as errors', () => {
  const result = judgeDocuments([
    {
      file: 'mixed.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: w}\n---\napiVersion: argoproj.io/v1beta1\nkind: Sensor\nmetadata: {name: s}\n---\n${sensor('ok')}`,
    },
  ]);
  assert.deepEqual(
    result.skipped.map((s) => [s.document, s.reason]),
    [
      [1, 'v1 ConfigMap is not an Argo Events resource'],
      [2, 'argoproj.io/v1alpha1 WorkflowTemplate is not an Argo Events resource'],
      [3, 'argoproj.io/v1beta1 Sensor is not argoproj.io/v1alpha1'],
    ],
  );
  assert.equal(result.resources.length, 1);
  assert.deepEqual(result.resources[0]!.errors, []);
});

test('issues carry file, Kind/name and path; all problems are collected', () => {
  const r = one(
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ci}
spec:
  dependencies: [{name: d, eventSourceName: es}]
  triggers:
    - template: {name: t, http: {method: FETCH}}
`,
    'examples/ci.yaml',
  );
  assert.deepEqual(r.errors.map(formatIssue), [
    'examples/ci.yaml: Sensor/ci: spec.dependencies[0].eventName: event dependency must define the EventName',
    'examples/ci.yaml: Sensor/ci: spec.triggers[0].template.http.url: server URL is not specified',
    'examples/ci.yaml: Sensor/ci: spec.triggers[0].template.http.method: only GET, DELETE, PATCH, POST and PUT methods are supported',
  ]);
});

test('keys match case-insensitively; unknown fields are warnings with their path; wrong types are errors', () => {
  const r = one(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s}
spec:
  EventBusName: mybus
  dependencies: [{name: d, eventSourceName: es, eventName: ev, colour: red}]
  triggers:
    - template: {name: t, log: {intervalSeconds: "10"}}
`);
  assert.equal(r.kind === 'Sensor' && r.resource.spec?.eventBusName, 'mybus');
  assert.deepEqual(
    r.warnings.map((w) => [w.path, w.message]),
    [['spec.dependencies[0].colour', 'unknown field, ignored']],
  );
  assert.deepEqual(
    r.errors.map((e) => [e.path, e.message]),
    [['spec.triggers[0].template.log.intervalSeconds', 'cannot decode string as integer']],
  );
});

test('a missing apiVersion or name is an error', () => {
  const r = one('kind: EventBus\nspec: {kafka: {url: k:9092}}\n');
  assert.deepEqual(
    r.errors.map((e) => [e.path, e.message]),
    [
      ['apiVersion', 'required, argoproj.io/v1alpha1'],
      ['metadata.name', 'required'],
    ],
  );
});

test('loaded resources are defaulted and deep-frozen', () => {
  const r = one(sensor('s'));
  assert.equal(r.kind, 'Sensor');
  if (r.kind !== 'Sensor') return;
  assert.equal(r.resource.spec?.eventBusName, 'default');
  assert.equal(r.resource.spec?.replicas, 1);
  assert.equal(r.resource.spec?.dependencies?.[0]?.filtersLogicalOperator, 'and');
  assert.equal(r.resource.spec?.triggers?.[0]?.atLeastOnce, false);
  assert.ok(Object.isFrozen(r.resource.spec?.triggers?.[0]?.template));
  assert.throws(() => {
    (r.resource.spec as { replicas?: number }).replicas = 3;
  }, TypeError);
});

test('a Sensor is checked against the EventBus defined in its folder only', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'argus-load-'));
  try {
    const stan =
      'apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default}\nspec: {nats: {native: {}}}\n';
    await mkdir(join(dir, 'stan'));
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'stan', 'bus.yaml'), stan);
    await writeFile(join(dir, 'stan', 'sensor.yml'), sensor('on-stan'));
    await writeFile(join(dir, 'other', 'sensor.yaml'), sensor('elsewhere'));
    await writeFile(join(dir, 'other', 'notes.txt'), 'not a manifest');
    const result = await loadResources([dir]);
    const byName = new Map(result.resources.map((r) => [r.name, r]));
    assert.deepEqual([...byName.keys()], ['elsewhere', 'default', 'on-stan']); // sorted walk
    assert.deepEqual(byName.get('elsewhere')!.errors, []);
    assert.deepEqual(
      byName.get('on-stan')!.errors.map((e) => e.message),
      ["event 'ev' from EventSource 'es' is referenced for more than one dependency in this Sensor object"],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unreadable path is a LoadError', async () => {
  await assert.rejects(loadResources(['/no/such/place.yaml']), LoadError);
});

test('a duplicate key is not an error: the last one wins, as in go-yaml v2', () => {
  const { documents, errors } = parseManifestText('a: 1\nb: 2\na: 3\n', 'dup.yaml');
  assert.deepEqual(errors, []);
  assert.deepEqual(documents[0]!.value, { a: 3, b: 2 });
});

test('integers are range-checked as their Go types', () => {
  const r = one(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s}
spec:
  replicas: 3000000000
  dependencies: [{name: d, eventSourceName: es, eventName: ev}]
  triggers:
    - template: {name: t, log: {intervalSeconds: -1}}
`);
  assert.deepEqual(
    r.errors.map((e) => [e.path, e.message]),
    [
      ['spec.replicas', 'cannot decode number 3000000000 as int32'],
      ['spec.triggers[0].template.log.intervalSeconds', 'cannot decode number -1 as uint64'],
    ],
  );
});

test('issues read from YAML carry the line of their field, or of its nearest present parent', () => {
  const r = one(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ci}
spec:
  dependencies:
    - name: d
      eventSourceName: es
      EventName: ""
  triggers:
    - template:
        name: t
        http:
          method: FETCH
`);
  assert.deepEqual(
    r.errors.map((e) => [e.path, e.line]),
    [
      ['spec.dependencies[0].eventName', 8], // matched case-insensitively, as decoded
      ['spec.triggers[0].template.http.url', 12], // absent: its parent's line
      ['spec.triggers[0].template.http.method', 13],
    ],
  );
});

test('a Kubernetes List (kubectl get -o yaml) is read item by item', () => {
  const result = judgeDocuments([
    {
      file: 'list.yaml',
      text: `apiVersion: v1
kind: List
items:
  - apiVersion: argoproj.io/v1alpha1
    kind: EventBus
    metadata: {name: default}
    spec: {jetstream: {version: latest}}
  - apiVersion: argoproj.io/v1alpha1
    kind: EventBus
    metadata: {name: broken}
    spec:
      kafka: {}
  - apiVersion: v1
    kind: Secret
    metadata: {name: s}
`,
    },
  ]);
  assert.deepEqual(
    result.resources.map((r) => [r.name, r.errors.map((e) => [e.path, e.line])]),
    [
      ['default', []],
      ['broken', [['spec.kafka.url', 12]]],
    ],
  );
  assert.deepEqual(
    result.skipped.map((s) => [s.line, s.reason]),
    [[13, 'v1 Secret is not an Argo Events resource']],
  );
});
