// Differential test: checkGoRegexp (watch-path `pathRegexp`) against Go's regexp.Compile,
// through the Go oracle (test/oracle/go/regexp.go).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGoRegexp } from '../../src/api/common.js';
import { Oracle } from '../oracle/oracle.js';

// `(?<name>x)` is left out: the oracle's Go 1.19 rejects it, Go 1.22+ (upstream's) accepts it.
const patterns = [
  'bar',
  '.*\\.txt$',
  '^[a-z]+-\\d{2,4}\\.log$',
  '][',
  '(',
  'a)',
  '[z-a]',
  'a{2,1}',
  '(?i)readme\\.md',
  '(?i:abc)def',
  '(?s).',
  '(?P<name>x+)',
  '(?=x)',
  '(?!x)',
  '(?<=x)y',
  '(a)\\1',
  '\\d+\\s\\w\\b',
  '\\pL+',
  '\\p{Greek}',
  '[[:alpha:]]+',
  '\\Aabc\\z',
  'x**',
  'a{1001}',
  '\\',
  '\\Q.*\\E',
  '(?U)a+',
  '*',
  '+a',
  '[\\d-z]',
  '[]a]',
  '[^]a]',
  'a{2}{3}',
  '(?i)(?-i:x)',
  '(?im-s:a.b)',
  'a{1000}',
  '\\8',
  '[\\1]',
  '\\12',
  '\\0',
  '\\y',
  '[\\b]',
  '\\x4',
  '\\x41\\x{263a}',
  '\\pZ',
  '\\p{Foo}',
  '\\p{^Greek}',
  '\\Q(a\\E)',
  '\\Q(a',
  '\\é',
  '[a-\\d]',
];

let oracle: Oracle | undefined;
before(() => {
  oracle = Oracle.start();
});
after(async () => {
  await oracle?.close();
});

test('pathRegexp is accepted or rejected exactly as Go compiles it', async () => {
  const answer = await oracle!.query<string[]>('regexp.compile', { patterns });
  assert.equal(answer.err, undefined);
  const go = answer.ok!;
  const disagreements = patterns
    .map((p, i) => ({ pattern: p, go: go[i] ?? '', ours: checkGoRegexp(p) ?? '' }))
    .filter((r) => (r.go === '') !== (r.ours === ''));
  assert.deepEqual(disagreements, []);
});

test('random patterns: valid for Go exactly when valid for checkGoRegexp', async () => {
  const pieces = [
    'a',
    'b',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '*',
    '+',
    '?',
    '|',
    '^',
    '$',
    '.',
    '\\',
    '-',
    ',',
    '1',
    '2',
    '0',
    'd',
    'w',
    'p',
    'L',
    'Q',
    'E',
    'z',
    '?:',
    '?i',
    '?P<n>',
    '{2}',
    '{1,3}',
    ':',
    '=',
    '!',
    '<',
    '>',
    'x',
    '9',
  ];
  let seed = 42; // a fixed linear congruential sequence keeps failures reproducible
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const random: string[] = [];
  for (let i = 0; i < 5000; i++) {
    let p = '';
    for (let j = 1 + next(7); j > 0; j--) p += pieces[next(pieces.length)]!;
    if (!p.includes('(?<')) random.push(p); // Go 1.19 vs 1.22 difference, see above
  }
  const answer = await oracle!.query<string[]>('regexp.compile', { patterns: random });
  const go = answer.ok!;
  assert.ok(go.filter((e) => e !== '').length > 1000, 'the sample holds many invalid patterns');
  const disagreements = random.filter((p, i) => (go[i] === '') !== (checkGoRegexp(p) === undefined));
  assert.deepEqual(disagreements, []);
});
