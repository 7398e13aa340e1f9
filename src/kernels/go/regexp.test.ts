import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGoRegexp, compileGoRegexp, findGoStringIndex } from './regexp.js';

test('flag groups: scoped (?i:…), (?-i), (?s), (?m), (?U)', () => {
  assert.equal(compileGoRegexp('(?i:ab)c').test('ABc'), true);
  assert.equal(compileGoRegexp('(?i:ab)c').test('ABC'), false);
  assert.equal(compileGoRegexp('(?i)a(?-i)b').test('Ab'), true);
  assert.equal(compileGoRegexp('(?i)a(?-i)b').test('AB'), false);
  assert.equal(compileGoRegexp('a.c').test('a\nc'), false);
  assert.equal(compileGoRegexp('a.c').test('a\rc'), true); // Go's . excludes only \n
  assert.equal(compileGoRegexp('(?s)a.c').test('a\nc'), true);
  assert.deepEqual(findGoStringIndex(compileGoRegexp('(?m)^b$'), 'a\nb\nc'), [2, 3]);
  assert.equal(compileGoRegexp('^b$').test('a\nb\nc'), false);
  assert.deepEqual(findGoStringIndex(compileGoRegexp('(?U)a+'), 'aaa'), [0, 1]);
  assert.deepEqual(findGoStringIndex(compileGoRegexp('(?U)a+?'), 'aaa'), [0, 3]);
});

test('case folding follows Unicode simple folding orbits (K, ſ) but not the Turkish i', () => {
  assert.equal(compileGoRegexp('(?i)k').test('\u212a'), true);
  assert.equal(compileGoRegexp('(?i)s').test('\u017f'), true);
  assert.equal(compileGoRegexp('(?i)\\W').test('\u212a'), false); // folded \w, then negated
  assert.equal(compileGoRegexp('(?i)i').test('\u0131'), false);
});

test('classes: \\pL, \\p{Greek}, POSIX, \\Q…\\E, \\z; FindStringIndex in UTF-8 bytes', () => {
  assert.deepEqual(findGoStringIndex(compileGoRegexp('\\pL+'), '1héllo'), [1, 7]);
  assert.deepEqual(findGoStringIndex(compileGoRegexp('\\p{Greek}'), 'xλ'), [1, 3]);
  assert.deepEqual(findGoStringIndex(compileGoRegexp('[[:alpha:]]+'), '12ab'), [2, 4]);
  assert.equal(compileGoRegexp('\\Q.*\\E').test('a.*'), true);
  assert.equal(compileGoRegexp('\\Q.*\\E').test('ab'), false);
  assert.equal(compileGoRegexp('a\\z').test('a\n'), false);
  assert.equal(compileGoRegexp('\\s').test('\v'), false); // RE2's \s has no \v
});

test("invalid patterns give Go's error text", () => {
  const cases: [string, string][] = [
    ['(a', 'missing closing ): `(a`'],
    ['a)', 'unexpected ): `a)`'],
    ['(?=x)', 'invalid or unsupported Perl syntax: `(?=`'],
    ['a**', 'invalid nested repetition operator: `**`'],
    ['*', 'missing argument to repetition operator: `*`'],
    ['x{1001}', 'invalid repeat count: `{1001}`'],
    ['((a{2}){30}){20}', 'invalid repeat count: `{20}`'],
    ['[a', 'missing closing ]: `[a`'],
    ['\\8', 'invalid escape sequence: `\\8`'],
    ['[z-a]', 'invalid character class range: `z-a`'],
    ['\\p{Foo}', 'invalid character class range: `\\p{Foo}`'],
    ['(?P<>a)', 'invalid named capture: `(?P<>`'],
  ];
  for (const [p, msg] of cases) assert.equal(checkGoRegexp(p), `error parsing regexp: ${msg}`, p);
  assert.equal(checkGoRegexp('(?i:a)(?U)b+(?<name>c)'), undefined);
});
