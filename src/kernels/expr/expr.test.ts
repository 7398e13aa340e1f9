import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpressionError } from '../../shared/errors.js';
import { parseExpression } from './index.js';

const params = { a: 'b', n: 10, s: '10', t: true, z: null, list: [1, 2], obj: { k: 'v' }, 'a-b': 5 };

// [expression, expected value] — each row is a rule of spec/filters.md §5.1, confirmed with the oracle.
const values: Array<[string, unknown]> = [
  ['a == "b"', true],
  ["a == 'b'", true],
  ['n == 10', true],
  ['s == 10', false], // never coerces
  ['n > 9 && n < 11', true],
  ['"abc" < "abd"', true], // lexical
  ['n + 1', 11],
  ['a + n', 'b10'], // string concat with %v of the number
  ['a + 1000000', 'b1e+06'], // Go %v switches to exponent form at 1e6
  ['1 - 2 - 3', -4], // left-associative after govaluate's reordering
  ['2 ** 3 ** 2', 64],
  ['7 % 4', 3],
  ['1 / 0', Infinity],
  ['-n', -10],
  ['!t', false],
  ['a =~ "^b$"', true],
  ['a !~ "x"', true],
  ['t ? "yes" : "no"', 'yes'],
  ['z ?? "dflt"', 'dflt'],
  ['n in (1, 10, 100)', true],
  ['n IN (1, 2)', false],
  ['[a-b] * 2', 10],
  ['a\\-b', 5],
  ['5 & 3', 1],
  ['5 | 3', 7],
  ['5 ^ 3', 6],
  ['1 << 4', 16],
  ['256 >> 4', 16],
  ['~0', -1],
  ['0x1F', 31],
  ['"2014-01-02" == 1388620800', true], // date-looking literals become Unix seconds
  ['list == list', true],
  ['list == 1', false],
  ['false && nope', false], // short-circuit: the unknown name is never read
  ['true || nope', true],
];

for (const [expr, expected] of values) {
  test(`govaluate: ${expr} ⇒ ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(parseExpression(expr).evaluate(params), expected);
  });
}

// [expression, message] — errors at parse time.
const parseErrors: Array<[string, string]> = [
  ['', 'Unexpected end of expression'],
  ['(a == "b"', 'Unbalanced parenthesis'],
  ['a => 1', "Invalid token: '=>'"],
  ['a ==-1', "Invalid token: '==-'"],
  ['obj.k == "v"', "Unable to access unexported field 'k' in token 'obj.k'"],
  ['"abc', 'Unclosed string literal'],
  ['[abc', 'Unclosed parameter bracket'],
  ['f(1)', 'Undefined function f'],
  ['1 2', 'Cannot transition token types from NUMERIC [1] to NUMERIC [2]'],
  ['a =~ "("', 'error parsing regexp: missing closing ): `(`'],
  ['1.2.3', "Unable to parse numeric value '1.2.3' to float64\n"],
];

for (const [expr, message] of parseErrors) {
  test(`govaluate parse error: ${JSON.stringify(expr)}`, () => {
    assert.throws(
      () => parseExpression(expr),
      (e: unknown) => e instanceof ExpressionError && e.message === message,
    );
  });
}

// [expression, message] — errors at evaluation time.
const evalErrors: Array<[string, string]> = [
  ['x == nil', "No parameter 'x' found."],
  ['n > "5"', "Value '10' cannot be used with the comparator '>', it is not a number"],
  ['a - 1', "Value 'b' cannot be used with the modifier '-', it is not a number"],
  ['n && t', "Value '10' cannot be used with the logical operator '&&', it is not a bool"],
  ['n ? 1 : 2', "Value '10' cannot be used with the ternary operator '?', it is not a bool"],
  ['!n', "Value '10' cannot be used with the prefix '!'"],
  ['n in (1)', "Value '1' cannot be used with the comparator 'in', it is not a number"],
  ['obj.K', "Unable to access 'K', 'obj' is not a struct"],
  ['list in (1, list)', 'panic: runtime error: comparing uncomparable type []interface {}'], // Go panics
];

for (const [expr, message] of evalErrors) {
  test(`govaluate evaluation error: ${expr}`, () => {
    const e = parseExpression(expr);
    assert.throws(
      () => e.evaluate(params),
      (err: unknown) => err instanceof ExpressionError && err.message === message,
    );
  });
}

test('vars() lists plain variables in order, including bracketed names', () => {
  assert.deepEqual(parseExpression('a == [a-b] || n > 1').vars(), ['a', 'a-b', 'n']);
});
