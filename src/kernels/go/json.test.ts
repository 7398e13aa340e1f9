import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpressionError } from '../../shared/errors.js';
import { compareUTF8, marshalJSON, quoteJSONString } from './json.js';

test('quoteJSONString escapes as encoding/json', () => {
  assert.equal(
    quoteJSONString('a<b>&"\\\n\r\t\u0001\u2028\u2029é😀'),
    '"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\r\\t\\u0001\\u2028\\u2029é😀"',
  );
  assert.equal(quoteJSONString('\b\f'), '"\\b\\f"');
  assert.equal(quoteJSONString('\b\f', { shortBackspaceFormFeed: false }), '"\\u0008\\u000c"');
  assert.equal(quoteJSONString('x\ud800y\udc00'), '"x\\ufffdy\\ufffd"');
  assert.equal(quoteJSONString('x\ud800', { loneSurrogate: 'character' }), '"x\ufffd"');
});

test('marshalJSON writes Go maps, floats and errors', () => {
  assert.equal(
    marshalJSON({ b: 1.5, a: [true, null, 1e21, 1e-7, -0], c: 12n }),
    '{"a":[true,null,1e+21,1e-7,-0],"b":1.5,"c":12}',
  );
  assert.equal(marshalJSON({ b: 1, a: 2 }, { sortKeys: false }), '{"b":1,"a":2}');
  assert.equal(marshalJSON({ a: undefined, b: 1 }), '{"a":null,"b":1}');
  assert.equal(marshalJSON({ a: undefined, b: 1 }, { omitUndefined: true }), '{"b":1}');
  // byte order, not UTF-16 order: U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80)
  assert.equal(marshalJSON({ '😀': 1, '｡': 2 }), '{"｡":2,"😀":1}');
  assert.ok(compareUTF8('｡', '😀') < 0);
  assert.throws(
    () => marshalJSON(Infinity),
    (e: unknown) => e instanceof ExpressionError && e.message === 'json: unsupported value: +Inf',
  );
  assert.throws(() => marshalJSON(() => 1), /json: unsupported type: function/);
});
