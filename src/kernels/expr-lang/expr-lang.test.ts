import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExpressionError } from '../../shared/errors.js';
import { buildFilterEnv, compileExprLang, evalBool, expandEnv } from './index.js';

const env = {
  body: { id: 4, name: 'Bob', tags: ['a', 'b'], nested: { ok: true }, n: 2.5 },
  header: { 'X-Foo': ['bar'] },
  s: 'hello world',
  none: null,
};

// [expression, expected value] — Argo's documented examples and the operators of the subset.
const values: Array<[string, unknown]> = [
  ["(body.id == 4) && (body.name != 'Joe')", true],
  ['header["X-Foo"][0] == "bar"', true],
  ['body.nested.ok and not (body.id > 5)', true],
  ['body.id == 4.0', true], // int/float compare by value
  ['body.id == "4"', false], // no coercion
  ['body.id + 1', 5],
  ['body.id / 8', 0.5],
  ['body.id % 3', 1],
  ['2 ** 3', 8],
  ['-2 ** 2', -4],
  ['"a" + "b"', 'ab'],
  ['body.id > 3 ? "big" : "small"', 'big'],
  ['"a" in body.tags', true],
  ['"z" not in body.tags', true],
  ['"name" in body', true],
  ['s matches "^hel+o"', true],
  ['s contains "lo w"', true],
  ['s startsWith "hell"', true],
  ['s endsWith "world"', true],
  ['len(body.tags)', 2],
  ['len(s)', 11],
  ['none ?? "dflt"', 'dflt'],
  ['body.missing', null],
  ['none?.x', null],
  ['body.tags[-1]', 'b'],
  ['1..3', [1, 2, 3]],
  ['asInt("42") + asFloat("0.5")', 42.5],
  ['toJson(body.tags)', '["a","b"]'],
  ['true || nope', true], // short-circuit
  ['body.id in [1, 4]', true],
];

for (const [expr, expected] of values) {
  test(`expr-lang: ${expr}`, () => {
    assert.deepEqual(compileExprLang(expr)(env), expected);
  });
}

const errors: string[] = [
  'nope == 1',
  's < 1',
  'body.name - 1',
  '!body.id',
  'none.x',
  'body.tags[5]',
  '(1',
  '1 +',
  'sprig.upper("x")',
  '"a" matches "("',
];

for (const expr of errors) {
  test(`expr-lang error: ${expr}`, () => {
    assert.throws(() => compileExprLang(expr)(env), ExpressionError);
  });
}

test('evalBool requires a boolean and wraps errors like upstream', () => {
  assert.equal(evalBool('body.id == 4', env), true);
  assert.throws(() => evalBool('body.id', env), { message: "unable to cast expression result '4' to bool" });
  assert.throws(() => evalBool('nope', env), {
    message: "unable to evaluate expression 'nope': unknown name nope",
  });
});

test('buildFilterEnv: top-level "-" becomes "_", dotted keys nest', () => {
  assert.deepEqual(buildFilterEnv({ 'a-b': 1, 'c.d': 2, x: { 'y-z': 3 } }), {
    a_b: 1,
    c: { d: 2 },
    x: { 'y-z': 3 },
  });
});

// ---- conformance: expr.json ----------------------------------------------------------------

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const confDir = process.env.ARGUS_CONFORMANCE_DIR ?? resolve(repoRoot, '..', 'shared', 'conformance');
const confFile = resolve(confDir, 'expr.json');

interface ExprCase {
  name: string;
  input: { kind: string; expression?: string; env: Record<string, unknown> };
  expect: { error?: boolean; result?: boolean; env?: Record<string, unknown> };
}

if (!existsSync(confFile)) {
  console.error(`!!! conformance file not found (${confFile}): set ARGUS_CONFORMANCE_DIR`);
  void test.skip('expr.json conformance (file not found)', () => undefined);
} else {
  const doc = JSON.parse(readFileSync(confFile, 'utf8')) as { cases: ExprCase[] };
  for (const c of doc.cases) {
    test(`expr.json: ${c.name}`, () => {
      if (c.input.kind === 'expandEnv') {
        assert.deepEqual(expandEnv(c.input.env), c.expect.env);
        return;
      }
      assert.equal(c.input.kind, 'evalBool');
      if (c.expect.error === true)
        assert.throws(() => evalBool(c.input.expression!, c.input.env), ExpressionError);
      else assert.equal(evalBool(c.input.expression!, c.input.env), c.expect.result);
    });
  }
}
