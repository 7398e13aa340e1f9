import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpressionError } from '../shared/errors.js';
import { formatGoDuration, parseGoDuration, parseGoDurationMs } from './duration.js';

// [input, nanoseconds, Go's Duration.String()] — confirmed against Go's time package (oracle).
const valid: Array<[string, bigint, string]> = [
  ['1h30m', 5_400_000_000_000n, '1h30m0s'],
  ['500ms', 500_000_000n, '500ms'],
  ['1.5h', 5_400_000_000_000n, '1h30m0s'],
  ['-1m', -60_000_000_000n, '-1m0s'],
  ['300us', 300_000n, '300µs'],
  ['300µs', 300_000n, '300µs'],
  ['300μs', 300_000n, '300µs'],
  ['1ns', 1n, '1ns'],
  ['0', 0n, '0s'],
  ['+10s', 10_000_000_000n, '10s'],
  ['2h45m30.5s', 9_930_500_000_000n, '2h45m30.5s'],
  ['.5s', 500_000_000n, '500ms'],
  ['1.0000000001s', 1_000_000_000n, '1s'],
  ['9223372036854775807ns', 9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
];

for (const [input, ns, text] of valid) {
  test(`parseGoDuration(${JSON.stringify(input)})`, () => {
    assert.equal(parseGoDuration(input), ns);
    assert.equal(formatGoDuration(ns), text);
  });
}

// [input, Go's error message]
const invalid: Array<[string, string]> = [
  ['', 'time: invalid duration ""'],
  ['5', 'time: missing unit in duration "5"'],
  ['1d', 'time: unknown unit "d" in duration "1d"'],
  ['-', 'time: invalid duration "-"'],
  ['.s', 'time: invalid duration ".s"'],
  [' 1s', 'time: invalid duration " 1s"'],
  ['1µ', 'time: unknown unit "\\xc2\\xb5" in duration "1\\xc2\\xb5"'],
  ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
];

for (const [input, message] of invalid) {
  test(`parseGoDuration(${JSON.stringify(input)}) fails like Go`, () => {
    assert.throws(
      () => parseGoDuration(input),
      (e: unknown) => e instanceof ExpressionError && e.message === message,
    );
  });
}

test('parseGoDurationMs keeps sub-millisecond fractions', () => {
  assert.equal(parseGoDurationMs('1.5s'), 1500);
  assert.equal(parseGoDurationMs('250us'), 0.25);
});
