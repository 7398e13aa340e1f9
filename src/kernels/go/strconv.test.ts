import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatGoFloat,
  parseGoBool,
  parseGoFloat,
  parseGoFloatStrict,
  quoteGoLiteral,
  tryParseGoFloat,
} from './strconv.js';

test('ParseFloat, ParseBool and FormatFloat as Go', () => {
  assert.equal(parseGoFloat('1_000.5'), 1000.5);
  assert.equal(parseGoFloat('0x1p4'), 16);
  assert.equal(parseGoFloat(' 5'), 0);
  assert.equal(parseGoFloat('1e400'), Infinity);
  assert.equal(parseGoFloatStrict('-Inf'), -Infinity);
  assert.equal(parseGoFloatStrict('1e-400'), 0);
  assert.throws(() => parseGoFloatStrict('one'), {
    message: 'strconv.ParseFloat: parsing "one": invalid syntax',
  });
  assert.throws(() => parseGoFloatStrict('1e400'), {
    message: 'strconv.ParseFloat: parsing "1e400": value out of range',
  });
  assert.throws(() => parseGoFloatStrict('1__0'), /invalid syntax/);
  assert.equal(parseGoBool('T'), true);
  assert.throws(() => parseGoBool('yes'), { message: 'strconv.ParseBool: parsing "yes": invalid syntax' });
  assert.equal(formatGoFloat(-2.5e-7), '-0.00000025');
  assert.equal(formatGoFloat(1e21), '1000000000000000000000');
});

test('quoteGoLiteral is strconv.Quote', () => {
  assert.equal(
    quoteGoLiteral('a"\\\u0007\n\u007f\u0001é\u00a0\u200b😀'),
    '"a\\"\\\\\\a\\n\\x7f\\x01é\\u00a0\\u200b😀"',
  );
});

test('hexadecimal floats round once, subnormals included', () => {
  assert.equal(parseGoFloat('0xc399134f6b8dbp-1096'), 820397268 * 2 ** -1074);
  assert.equal(parseGoFloat('0x3p-1076'), 5e-324);
  assert.equal(parseGoFloat('0x1p-1075'), 0);
  assert.equal(parseGoFloat('0x1.0000000001p-1075'), 5e-324);
  assert.equal(parseGoFloat('0x1p-99999999999999'), 0);
  assert.equal(parseGoFloat('0x1.fffffffffffff8p1023'), Infinity);
  assert.equal(tryParseGoFloat('0x1.fffffffffffff8p1023'), undefined);
  assert.equal(tryParseGoFloat('1_000.5'), 1000.5);
});
