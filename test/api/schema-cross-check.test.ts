// Cross-checks the codecs against upstream's JSON Schema (../shared/conformance/
// upstream-schema.json): every field upstream has, we have, with a compatible JSON type, and
// we have no field upstream lacks. Walks from the three kinds down through every Argo
// definition; Kubernetes sub-objects we keep as free-form JSON end the walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventBusCodec } from '../../src/api/eventbus/types.js';
import { EventSourceCodec } from '../../src/api/eventsource/index.js';
import {
  integer,
  object,
  string,
  type ArrayCodec,
  type Codec,
  type IntegerCodec,
  type LazyCodec,
  type ObjectCodec,
  type RecordCodec,
  type Shape,
} from '../../src/api/schema.js';
import { SensorCodec, SensorSpecCodec } from '../../src/api/sensor/types.js';
import { conformanceDir, hasConformance } from './conformance-dir.js';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

const ARGO = 'io.argoproj.events.v1alpha1.';

function unwrap(codec: Codec<unknown>): Codec<unknown> {
  let c = codec;
  while ('resolve' in c) c = (c as LazyCodec<unknown>).resolve();
  return c;
}

class Walker {
  readonly problems: string[] = [];
  private readonly seen = new Map<string, WeakSet<object>>();
  /** Integer fields whose codec does not declare its Go type (no range check). */
  readonly unsized: string[] = [];
  /** Every definition compared, to show the walk went deep. */
  readonly visited = new Set<string>();
  constructor(private readonly definitions: Record<string, SchemaNode>) {}

  walkDefinition(name: string, codec: Codec<unknown>, path: string): void {
    const c = unwrap(codec);
    // each (definition, codec) pair once: recursion (dlqTrigger) and shared types end here
    const seen = this.seen.get(name) ?? new WeakSet<object>();
    if (seen.has(c)) return;
    seen.add(c);
    this.seen.set(name, seen);
    this.visited.add(name);
    const def = this.definitions[name];
    if (def === undefined) return this.report(path, `definition ${name} missing from the schema`);
    if (def.properties === undefined) return; // scalar-like definition (checked by the caller)
    if (c.expected === 'any') {
      // kept as free-form JSON on purpose only for Kubernetes objects
      if (name.startsWith(ARGO)) this.report(path, `${name} is kept as free-form JSON`);
      return;
    }
    if (!('shape' in c)) return this.report(path, `${name} is not decoded as an object (${c.expected})`);
    const shape = (c as ObjectCodec<Shape>).shape;
    for (const [field, node] of Object.entries(def.properties)) {
      const child = shape[field];
      if (child === undefined) {
        this.report(`${path}.${field}`, `missing (upstream ${name})`);
        continue;
      }
      this.compare(node, child, `${path}.${field}`);
    }
    for (const field of Object.keys(shape)) {
      if (!(field in def.properties)) this.report(`${path}.${field}`, `not in upstream ${name}`);
    }
  }

  private compare(node: SchemaNode, codec: Codec<unknown>, path: string): void {
    const c = unwrap(codec);
    if (node.$ref !== undefined) {
      const name = node.$ref.replace('#/definitions/', '');
      const def = this.definitions[name];
      if (def?.properties === undefined) return this.compareScalar(def ?? {}, c, path);
      return this.walkDefinition(name, c, path);
    }
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    if (type === 'array') {
      if (c.expected === 'any') return;
      if (!('item' in c)) return this.report(path, `expected an array codec, got ${c.expected}`);
      return this.compare(node.items ?? {}, (c as ArrayCodec<unknown>).item, `${path}[]`);
    }
    if (type === 'object' && typeof node.additionalProperties === 'object') {
      if (c.expected === 'any') return;
      if (!('value' in c)) return this.report(path, `expected a map codec, got ${c.expected}`);
      return this.compare(node.additionalProperties, (c as RecordCodec<unknown>).value, `${path}{}`);
    }
    this.compareScalar(node, c, path);
  }

  private compareScalar(node: SchemaNode, c: Codec<unknown>, path: string): void {
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    if (c.expected === 'any' || type === undefined) return;
    if (node.format === 'int64-or-string' || node.format === 'int-or-string') {
      if (c.expected !== 'integer or string')
        this.report(path, `upstream ${node.format}, ours ${c.expected}`);
      return;
    }
    const ok: Record<string, string[]> = {
      string: ['string', 'integer or string'],
      boolean: ['boolean'],
      integer: ['integer'],
      number: ['number', 'integer'],
      object: ['object'],
    };
    if (!(ok[type] ?? [type]).includes(c.expected)) {
      this.report(path, `upstream type ${type}${node.format ? ` (${node.format})` : ''}, ours ${c.expected}`);
      return;
    }
    if (type === 'integer' && c.expected === 'integer') {
      const ours = (c as IntegerCodec).format;
      // the schema cannot say "unsigned": uint64 fields are int64 there
      const widened = ours === 'uint64' ? 'int64' : ours === 'uint32' ? 'int32' : ours;
      if (ours === undefined) this.unsized.push(path);
      else if (node.format !== undefined && widened !== node.format) {
        this.report(path, `upstream ${node.format}, ours ${ours}`);
      }
    }
  }

  private report(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }
}

function crossCheck(
  kind: string,
  codec: Codec<unknown>,
): { problems: string[]; visited: Set<string>; unsized: string[] } {
  const schema = JSON.parse(readFileSync(resolve(conformanceDir, 'upstream-schema.json'), 'utf8')) as {
    definitions: Record<string, SchemaNode>;
  };
  const walker = new Walker(schema.definitions);
  walker.walkDefinition(`${ARGO}${kind}`, codec, kind);
  // ObjectMeta: Argus decodes the fields it uses and keeps the rest as JSON
  return {
    problems: walker.problems.filter((p) => !p.startsWith(`${kind}.metadata.`)),
    visited: walker.visited,
    unsized: walker.unsized,
  };
}

if (hasConformance('upstream-schema.json')) {
  for (const [kind, codec] of [
    ['Sensor', SensorCodec],
    ['EventBus', EventBusCodec],
    ['EventSource', EventSourceCodec],
  ] as const) {
    test(`${kind} codecs have every upstream field with a compatible type`, () => {
      const { problems, visited, unsized } = crossCheck(kind, codec as Codec<unknown>);
      assert.deepEqual(problems, []);
      assert.ok(visited.size >= 15, `walked only ${visited.size} definitions`);
      // Sensor and EventBus integers all declare their Go type (and so are range-checked)
      if (kind !== 'EventSource') assert.deepEqual(unsized, []);
      else if (unsized.length > 0)
        console.error(`note: EventSource integers without a Go type: ${unsized.join(', ')}`);
    });
  }

  test('the cross-check reports a missing field and a wrong type', () => {
    const trimmed = object({
      ...SensorCodec.shape,
      spec: object({ ...SensorSpecCodec.shape, replicas: string() }),
    });
    const noEventBusName = object({ ...SensorSpecCodec.shape });
    delete (noEventBusName.shape as Record<string, unknown>).eventBusName;
    const { problems } = crossCheck('Sensor', object({ ...trimmed.shape, spec: noEventBusName }));
    assert.deepEqual(problems, [
      'Sensor.spec.eventBusName: missing (upstream io.argoproj.events.v1alpha1.SensorSpec)',
    ]);
    const sized = object({
      ...SensorCodec.shape,
      spec: object({ ...SensorSpecCodec.shape, replicas: integer('int64') }),
    });
    assert.deepEqual(crossCheck('Sensor', sized).problems, [
      'Sensor.spec.replicas: upstream int32, ours int64',
    ]);
    const typed = crossCheck('Sensor', trimmed).problems;
    assert.deepEqual(typed, ['Sensor.spec.replicas: upstream type integer (int32), ours string']);
  });
} else {
  void test.skip('schema cross-check (conformance folder not found)');
}
