// validateResource, requireValid and admission decisions beyond the conformance cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admissionReview } from '../../src/api/admission.js';
import { judgeDocuments, requireValid } from '../../src/api/load.js';
import { classifyDocument, validateResource } from '../../src/api/resource.js';
import { ValidationError } from '../../src/shared/errors.js';

const bus = (spec: unknown, generation = 1) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventBus',
  metadata: { name: 'default', generation },
  spec,
});

const eventSource = (spec: unknown, generation = 1) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventSource',
  metadata: { name: 'es', generation },
  spec,
});

test('classifyDocument: our kinds, other kinds, non-objects', () => {
  assert.deepEqual(classifyDocument({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Sensor' }), {
    kind: 'Sensor',
    apiVersionMissing: false,
  });
  assert.deepEqual(classifyDocument({ Kind: 'EventBus' }), { kind: 'EventBus', apiVersionMissing: true });
  assert.ok('skip' in classifyDocument([1, 2]));
  assert.ok('skip' in classifyDocument({ apiVersion: 'v1', kind: 'Secret' }));
});

test('validateResource throws for a document of another kind', () => {
  assert.throws(() => validateResource({ apiVersion: 'v1', kind: 'Pod' }), ValidationError);
});

test('validateResource runs the EventSource validator and defaults', () => {
  const r = validateResource(eventSource({ webhook: { example: { port: '12000' } } }), { file: 'es.yaml' });
  assert.equal(r.kind, 'EventSource');
  assert.ok(r.errors.length > 0);
  assert.ok(r.errors.every((e) => e.file === 'es.yaml' && e.resource === 'EventSource/es'));
  assert.ok(r.errors.some((e) => e.path.startsWith('spec.webhook.example')));
  const ok = validateResource(
    eventSource({ webhook: { example: { port: '12000', endpoint: '/x', method: 'POST' } } }),
  );
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.kind === 'EventSource' && ok.resource.spec?.eventBusName, 'default');
});

test('requireValid returns the resources or throws every problem at once', () => {
  const good = judgeDocuments([
    {
      file: 'b.yaml',
      text: 'apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default}\nspec: {kafka: {url: k:9092}}\n',
    },
  ]);
  assert.equal(requireValid(good).length, 1);
  const bad = judgeDocuments([
    {
      file: 'b.yaml',
      text: 'apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default}\nspec: {kafka: {}}\n',
    },
    { file: 'c.yaml', text: 'a: [\n' },
  ]);
  assert.throws(
    () => requireValid(bad),
    (err: unknown) =>
      err instanceof ValidationError &&
      err.issues.length === 2 &&
      /"spec\.kafka\.url" is missing/.test(err.message),
  );
});

test('admission: EventSource create and update follow validation and generation', () => {
  const broken = eventSource({ webhook: { example: {} } }, 2);
  const denied = admissionReview('CREATE', null, broken);
  assert.equal(denied.allowed, false);
  assert.match(denied.message ?? '', /^invalid EventSource: /);
  assert.equal(admissionReview('UPDATE', eventSource({}, 2), broken).allowed, true); // same generation
  assert.equal(admissionReview('UPDATE', eventSource({}, 1), broken).allowed, false);
  assert.equal(admissionReview('DELETE', null, broken).allowed, true);
});

test('admission: EventBus update rules', () => {
  const js = (streamConfig?: string) =>
    bus({ jetstream: { version: 'latest', ...(streamConfig === undefined ? {} : { streamConfig }) } }, 1);
  const next = (b: ReturnType<typeof bus>) => ({ ...b, metadata: { ...b.metadata, generation: 2 } });
  assert.equal(admissionReview('UPDATE', js('a: 1'), next(js('a: 1'))).allowed, true);
  assert.deepEqual(admissionReview('UPDATE', js('a: 1'), next(js('a: 2'))), {
    allowed: false,
    message: `"spec.jetstream.streamConfig" is immutable, can not be updated, old value='a: 1', new value='a: 2'`,
  });
  assert.equal(admissionReview('UPDATE', js(), next(js('a: 1'))).allowed, false);
  assert.deepEqual(admissionReview('UPDATE', js(), next(bus({ jetstreamExotic: { url: 'nats://x' } }))), {
    allowed: false,
    message: 'Can not change event bus implementation',
  });
  // switching to kafka is not checked upstream
  assert.equal(admissionReview('UPDATE', js(), next(bus({ kafka: { url: 'k:9092' } }))).allowed, true);
  assert.deepEqual(admissionReview('CREATE', null, bus({})), {
    allowed: false,
    message:
      'invalid EventBus: spec: invalid spec: either "nats", "jetstream", "jetstreamExotic", or "kafka" needs to be specified',
  });
});
