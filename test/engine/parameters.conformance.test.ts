import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Trigger, TriggerParameter, TriggerParameterSource } from '../../src/api/sensor/index.js';
import {
  applyParams,
  constructPayload,
  resolveParamValue,
  type EventMap,
} from '../../src/engine/parameters.js';
import { applyTemplateParameters, resolveTrigger } from '../../src/engine/payload.js';
import { caseEvent, loadCases, type Case } from './conformance.js';

const cases = loadCases('parameters.json');

function eventsOf(c: Case): EventMap {
  const raw = (c.input.events ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, caseEvent(v)]));
}

/** Objects match key by key recursively; arrays and scalars must be equal. */
function assertSubset(actual: unknown, subset: unknown, path = ''): void {
  if (subset !== null && typeof subset === 'object' && !Array.isArray(subset)) {
    assert.ok(
      actual !== null && typeof actual === 'object',
      `${path}: expected an object, got ${JSON.stringify(actual)}`,
    );
    for (const [k, v] of Object.entries(subset))
      assertSubset((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  assert.deepEqual(actual, subset, path);
}

function at(obj: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function run(c: Case): unknown {
  const events = eventsOf(c);
  switch (c.input.kind) {
    case 'resolve':
      return resolveParamValue(c.input.src as TriggerParameterSource, events)?.value;
    case 'apply':
      return applyParams(c.input.document as string, c.input.parameters as TriggerParameter[], events);
    case 'payload':
      return constructPayload(c.input.parameters as TriggerParameter[], events);
    case 'triggerTemplate':
      return applyTemplateParameters(c.input.trigger as Trigger, events);
    case 'triggerResource': {
      const trigger = c.input.trigger as Trigger;
      const resolved = resolveTrigger(trigger, events);
      // expect.target names where upstream applied the parameters: the trigger block or the k8s resource
      return {
        template: {
          ...resolved.template,
          [resolved.type]:
            resolved.type === 'k8s' || resolved.type === 'argoWorkflow'
              ? { source: { resource: resolved.resource } }
              : resolved.resource,
        },
      };
    }
    default:
      throw new Error(`unknown kind ${String(c.input.kind)}`);
  }
}

if (cases === undefined) {
  void test.skip('parameters.json conformance (ARGUS_CONFORMANCE_DIR not found)');
} else {
  for (const c of cases) {
    void test(`parameters.json: ${c.name} (${c.from})`, () => {
      if (c.expect.error === true) {
        assert.throws(() => run(c));
        return;
      }
      const out = run(c);
      switch (c.input.kind) {
        case 'resolve':
          assert.equal(out, c.expect.value);
          break;
        case 'apply':
          assert.equal(out, c.expect.document);
          break;
        case 'payload': {
          const text = out as string;
          if (c.expect.payloadText !== undefined) assert.equal(text, c.expect.payloadText);
          if (c.expect.payload !== undefined) assert.deepEqual(JSON.parse(text), c.expect.payload);
          if (typeof c.expect.payloadTextContains === 'string')
            assert.ok(text.includes(c.expect.payloadTextContains), text);
          break;
        }
        case 'triggerTemplate':
          assert.ok(out !== undefined);
          break;
        case 'triggerResource':
          if (typeof c.expect.target === 'string' && c.expect.subset !== undefined)
            assertSubset(at(out, c.expect.target), c.expect.subset);
          break;
      }
    });
  }
}
