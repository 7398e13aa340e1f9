import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateSourceFilter, filterEnvironment } from './source-filter.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('top-level "-" becomes "_" and dotted top-level keys expand (spec/eventsources.md §4)', () => {
  const env = filterEnvironment(bytes('{"x-y":1,"a.b":2,"a":{"c":3},"n":{"k-v":4}}'));
  assert.deepEqual(env, { x_y: 1, a: { b: 2 }, n: { 'k-v': 4 } });
});

test('data that is not a JSON object is an error; a non-boolean result is an error', () => {
  assert.throws(() => filterEnvironment(bytes('[1]')), /not a JSON object/);
  assert.throws(() => filterEnvironment(bytes('nope')), /not JSON/);
  assert.equal(
    evaluateSourceFilter('x', bytes('{}'), () => true),
    true,
  );
  assert.throws(() => evaluateSourceFilter('x', bytes('{}'), () => 1), /not a boolean/);
  assert.equal(
    evaluateSourceFilter(
      'body.x == 1 && header["X-A"][0] == "b"',
      bytes('{"body":{"x":1},"header":{"X-A":["b"]}}'),
    ),
    true,
  );
  assert.equal(evaluateSourceFilter('x_y > 1', bytes('{"x-y":1}')), false);
  assert.throws(() => evaluateSourceFilter('nope ==', bytes('{}')));
});
