// Every case of ../shared/conformance/validation.json: Sensor, EventSource and EventBus
// validation, TLS/SASL/watch-path fragments, admission decisions, lint and example files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  SASLConfigCodec,
  TLSConfigCodec,
  validateSASLConfig,
  validateTLSConfig,
  validateWatchPathConfig,
  WatchPathConfigCodec,
} from '../../src/api/common.js';
import { admissionReview, type AdmissionOperation } from '../../src/api/admission.js';
import { EventBusSpecCodec, type EventBusSpec } from '../../src/api/eventbus/types.js';
import { judgeDocuments, parseManifestText } from '../../src/api/load.js';
import { classifyDocument, validateResource } from '../../src/api/resource.js';
import { decodeWith, type Codec } from '../../src/api/schema.js';
import type { Issue } from '../../src/shared/errors.js';
import { conformanceDir, hasConformance, readCases, type Case } from './conformance-dir.js';

interface Verdict {
  valid: boolean;
  messages: string[];
}

function verdictOf(errors: readonly Issue[]): Verdict {
  return { valid: errors.length === 0, messages: errors.map((e) => e.message) };
}

function busesFor(spec: unknown, name = 'default'): Map<string, EventBusSpec | undefined> {
  return new Map([[name, decodeWith(EventBusSpecCodec, spec).value]]);
}

function sensorBusName(manifest: unknown): string {
  const spec = (manifest as { spec?: { eventBusName?: string } }).spec;
  return spec?.eventBusName || 'default';
}

function judgeManifest(manifest: unknown, eventBusSpec?: unknown): Verdict {
  const eventBuses = eventBusSpec === undefined ? undefined : busesFor(eventBusSpec, sensorBusName(manifest));
  return verdictOf(validateResource(manifest, { eventBuses }).errors);
}

function judgeFragment<T>(
  codec: Codec<T>,
  fragment: unknown,
  check: (v: T | undefined, path: string) => Issue[],
): Verdict {
  const decoded = decodeWith(codec, fragment, 'fragment');
  return verdictOf([...decoded.errors, ...check(decoded.value, 'fragment')]);
}

function judgeExampleFile(path: string, busSpecs: unknown[] | null | undefined): Verdict[] {
  const file = resolve(conformanceDir, 'upstream-examples', path);
  const parsed = parseManifestText(readFileSync(file, 'utf8'), file);
  assert.deepEqual(parsed.errors, [], `${path} must parse`);
  const ours = parsed.documents.filter((d) => 'kind' in classifyDocument(d.value));
  assert.ok(ours.length > 0, `${path} holds an EventSource, Sensor or EventBus`);
  const verdicts: Verdict[] = [];
  for (const doc of ours) {
    const isSensor = (classifyDocument(doc.value) as { kind: string }).kind === 'Sensor';
    if (isSensor && busSpecs) for (const bus of busSpecs) verdicts.push(judgeManifest(doc.value, bus));
    else verdicts.push(judgeManifest(doc.value));
  }
  return verdicts;
}

function checkVerdict(c: Case, v: Verdict): void {
  const why = `${c.name} (from ${c.from}); messages: ${JSON.stringify(v.messages)}`;
  assert.equal(v.valid, c.expect.valid, why);
  if (typeof c.expect.errorMessage === 'string') assert.ok(v.messages.includes(c.expect.errorMessage), why);
  const contains = c.expect.errorContains;
  for (const part of typeof contains === 'string' ? [contains] : Array.isArray(contains) ? contains : []) {
    assert.ok(
      v.messages.some((m) => m.includes(String(part))),
      `expected a message containing ${JSON.stringify(part)}: ${why}`,
    );
  }
}

function runCase(c: Case): void {
  const input = c.input;
  switch (input.kind) {
    case 'Sensor':
      return checkVerdict(c, judgeManifest(input.manifest, input.eventBusSpec ?? undefined));
    case 'EventSource':
    case 'EventBus':
      return checkVerdict(c, judgeManifest(input.manifest));
    case 'tlsConfig':
      return checkVerdict(c, judgeFragment(TLSConfigCodec, input.fragment, validateTLSConfig));
    case 'saslConfig':
      return checkVerdict(c, judgeFragment(SASLConfigCodec, input.fragment, validateSASLConfig));
    case 'watchPathConfig':
      return checkVerdict(c, judgeFragment(WatchPathConfigCodec, input.fragment, validateWatchPathConfig));
    case 'admission': {
      const answer = admissionReview(
        input.operation as AdmissionOperation,
        input.old,
        input.new,
        (input.existingEventBuses as unknown[] | undefined) ?? [],
      );
      assert.equal(answer.allowed, c.expect.allowed, `${c.name}: ${answer.message ?? ''}`);
      if (typeof c.expect.messageContains === 'string') {
        assert.ok(answer.message?.includes(c.expect.messageContains), `${c.name}: ${answer.message ?? ''}`);
      }
      return;
    }
    case 'lint': {
      const result = judgeDocuments([{ file: 'lint.yaml', text: String(input.yaml) }]);
      const hasErrors = result.failures.length > 0 || result.resources.some((r) => r.errors.length > 0);
      assert.equal(hasErrors, c.expect.hasErrors, c.name);
      return;
    }
    case 'exampleFile': {
      const verdicts = judgeExampleFile(String(input.path), input.eventBusSpecs as unknown[] | null);
      for (const v of verdicts) checkVerdict(c, v);
      return;
    }
    default:
      assert.fail(`unknown case kind ${input.kind} in ${c.name}`);
  }
}

if (hasConformance('validation.json')) {
  const cases = readCases('validation.json');
  test('validation.json has all 239 cases', () => assert.equal(cases.length, 239));
  for (const c of cases) test(`validation: ${c.name}`, () => runCase(c));
} else {
  void test.skip('validation.json conformance cases (conformance folder not found)');
}
