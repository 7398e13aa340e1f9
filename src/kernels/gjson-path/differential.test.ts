// Differential test: our gjson reader against real Go gjson 1.14.4 (Debian package) through
// the Go oracle (test/oracle/go/gjson.go). fast-check generates documents and paths; both
// sides answer; every field of the result must agree. Seed: ARGUS_FC_SEED (default below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Oracle } from '../../../test/oracle/oracle.js';
import { get, parse, valid, parseGoFloat, useGjsonRules } from './index.js';
import type { Result } from './index.js';
import { caseArb } from './gen.test-support.js';
import type { Case } from './gen.test-support.js';

// The oracle is gjson 1.14.4: compare under its rules (the 1.17 differences have unit tests).
useGjsonRules('1.14.4');

const SEED = Number(process.env['ARGUS_FC_SEED'] ?? 20261122);
const DOCS = Number(process.env['ARGUS_GJSON_DOCS'] ?? 3000);

interface GoElem {
  type: string;
  raw: string;
  index: number;
  key?: string;
}

interface GoAnswer {
  type: string;
  raw: string;
  str: string;
  string: string;
  num: number | string;
  float: number | string;
  bool: boolean;
  int: string;
  exists: boolean;
  index: number;
  indexes: number[] | null;
  value: string;
  array: GoElem[];
  each: GoElem[];
}

/** The oracle's encoding of floats that JSON cannot hold. */
function goFloat(f: number): number | string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (Object.is(f, -0)) return '-0';
  return f;
}

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

/** Deep value comparison where Go's JSON encoding could not represent ours (NaN, ±Inf). */
function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

/** Describes our result in the oracle's shape; positions only when they are comparable. */
/**
 * Our positions count UTF-16 units, gjson's count bytes: maps a position in `json` to its
 * UTF-8 byte offset so the two can be compared on any document.
 */
function byteOffsets(json: string): (i: number) => number {
  if (isAscii(json)) return (i) => i;
  const at: number[] = [0];
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    at.push(
      at[i]! +
        (c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3),
    );
  }
  return (i) => at[i] ?? i;
}

function describe(
  r: Result,
  withIndex: boolean,
  toBytes: (i: number) => number = (i) => i,
): Partial<Omit<GoAnswer, 'value'>> & { value: unknown } {
  const d: Partial<Omit<GoAnswer, 'value'>> & { value: unknown } = {
    type: r.type,
    raw: r.raw,
    str: r.str,
    string: r.string(),
    num: goFloat(r.num),
    float: goFloat(r.float()),
    bool: r.bool(),
    int: r.int64().toString(),
    exists: r.exists(),
    value: r.value(),
    array: r.array().map((e) => ({ type: e.type, raw: e.raw, index: withIndex ? toBytes(e.index) : 0 })),
    each: [],
  };
  r.forEach((k, v) => {
    const e: GoElem = { type: v.type, raw: v.raw, index: withIndex ? toBytes(v.index) : 0 };
    const key = k.string();
    if (key !== '') e.key = key;
    d.each!.push(e);
  });
  if (withIndex) {
    d.index = toBytes(r.index);
    d.indexes = r.indexes?.map(toBytes) ?? null;
  }
  return d;
}

function normaliseGo(a: GoAnswer, withIndex: boolean): Partial<Omit<GoAnswer, 'value'>> & { value: unknown } {
  const { index, indexes, value, ...rest } = a;
  const out: Partial<Omit<GoAnswer, 'value'>> & { value: unknown } = {
    ...rest,
    value: value === 'ERR' ? 'ERR' : (JSON.parse(value) as unknown),
    array: a.array.map((e) => ({ ...e, index: withIndex ? e.index : 0 })),
    each: a.each.map((e) => ({ ...e, index: withIndex ? e.index : 0 })),
  };
  if (withIndex) {
    out.index = index;
    out.indexes = indexes;
  }
  return out;
}

function compare(c: Case, path: string, r: Result, a: GoAnswer): string | undefined {
  // Positions are compared in bytes. On a non-ASCII document they are comparable where they
  // point into the document itself, that is without modifiers, literals, multipaths and pipes
  // (whose positions point into text they built, or restart at 0).
  const withIndex = isAscii(path) && (isAscii(c.json) || !/[@![{|]/.test(path));
  const ours = describe(r, withIndex, byteOffsets(c.json));
  const theirs = normaliseGo(a, withIndex);
  if (theirs.value === 'ERR' && hasNonFinite(ours.value)) ours.value = 'ERR';
  try {
    assert.deepStrictEqual(ours, theirs);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

test(`gjson get: ${DOCS} generated documents × paths agree with Go gjson (seed ${SEED})`, async () => {
  const cases = fc.sample(caseArb, { seed: SEED, numRuns: DOCS });
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll<GoAnswer[]>(
      'gjson.get',
      cases.map((c) => ({ json: c.json, paths: c.paths })),
    );
    const failures: string[] = [];
    let compared = 0;
    let existed = 0;
    cases.forEach((c, i) => {
      const ans = answers[i]!;
      if (ans.ok === undefined) {
        failures.push(`case ${i}: oracle error ${ans.err ?? ''}`);
        return;
      }
      c.paths.forEach((p, j) => {
        compared++;
        let r: Result;
        try {
          r = get(c.json, p);
        } catch (e) {
          failures.push(`case ${i} path ${JSON.stringify(p)} threw ${(e as Error).message}`);
          return;
        }
        if (r.exists()) existed++;
        const diff = compare(c, p, r, ans.ok![j]!);
        if (diff !== undefined && failures.length < 15) {
          failures.push(`case ${i}: json=${JSON.stringify(c.json)} path=${JSON.stringify(p)}\n${diff}`);
        } else if (diff !== undefined) failures.push('…');
      });
    });
    console.log(
      `gjson differential: ${compared} paths on ${cases.length} documents, ${existed} found something`,
    );
    assert.ok(compared >= 10000, `only ${compared} generated paths`);
    assert.ok(existed > compared / 3, `too few paths hit: ${existed}/${compared}`);
    assert.equal(
      failures.length,
      0,
      `seed ${SEED} (rerun with ARGUS_FC_SEED=${SEED}): ${failures.length} differences\n${failures.slice(0, 15).join('\n\n')}`,
    );
  } finally {
    await oracle.close();
  }
});

test(`gjson get: unstructured paths (syntax-character soup) agree with Go gjson (seed ${SEED})`, async () => {
  const soup = fc.string({
    unit: fc.constantFrom(
      ...'.|#*?\\@![]{}(),:"=<>%~ 0123abkn-'.split(''),
      'a',
      'b',
      '#',
      '.',
      '@this',
      '@reverse',
    ),
    maxLength: 14,
  });
  const docs = fc.sample(caseArb, { seed: SEED + 4, numRuns: 300 }).map((c) => c.json);
  const paths = fc.sample(soup, { seed: SEED + 5, numRuns: 3000 });
  const cases: Case[] = docs.map((json, i) => ({ json, paths: paths.slice(i * 10, i * 10 + 10) }));
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll<GoAnswer[]>('gjson.get', cases);
    const failures: string[] = [];
    cases.forEach((c, i) => {
      c.paths.forEach((p, j) => {
        const diff = compare(c, p, get(c.json, p), answers[i]!.ok![j]!);
        if (diff !== undefined)
          failures.push(`json=${JSON.stringify(c.json)} path=${JSON.stringify(p)}\n${diff}`);
      });
    });
    assert.equal(
      failures.length,
      0,
      `seed ${SEED + 4}/${SEED + 5}: ${failures.length} differences\n${failures.slice(0, 10).join('\n\n')}`,
    );
  } finally {
    await oracle.close();
  }
});

/** Splits a path after its first unescaped `.` or `|` (for Result.get chains). */
function splitFirst(p: string): [string, string] {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '.' || p[i] === '|') return [p.slice(0, i), p.slice(i + 1)];
  }
  return [p, '@this'];
}

test(`gjson Result.get chains agree with Go gjson (seed ${SEED})`, async () => {
  const cases = fc.sample(caseArb, { seed: SEED + 3, numRuns: Math.ceil(DOCS / 3) });
  const oracle = Oracle.start();
  try {
    const pairs = cases.map((c) => c.paths.map(splitFirst));
    const answers = await oracle.queryAll<GoAnswer[]>(
      'gjson.chain',
      cases.map((c, i) => ({ json: c.json, pairs: pairs[i] })),
    );
    const failures: string[] = [];
    let compared = 0;
    cases.forEach((c, i) => {
      pairs[i]!.forEach(([a, b], j) => {
        compared++;
        const diff = compare(c, a + '\u0000' + b, get(c.json, a).get(b), answers[i]!.ok![j]!);
        if (diff !== undefined)
          failures.push(
            `case ${i}: json=${JSON.stringify(c.json)} get(${JSON.stringify(a)}).get(${JSON.stringify(b)})\n${diff}`,
          );
      });
    });
    assert.ok(compared > 1000, `only ${compared} chains`);
    assert.equal(
      failures.length,
      0,
      `seed ${SEED + 3}: ${failures.length} differences\n${failures.slice(0, 10).join('\n\n')}`,
    );
  } finally {
    await oracle.close();
  }
});

test(`gjson parse/valid: generated texts agree with Go gjson (seed ${SEED})`, async () => {
  const texts = fc.sample(
    fc.oneof(
      caseArb.map((c) => c.json),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        ' 12 ',
        '-',
        'nan',
        'NaN',
        'inf',
        '"unterminated',
        'tru',
        ' [1',
        '{"a":1}x',
        '1.',
        '01',
        '-0',
        '"\\u12"',
      ),
    ),
    { seed: SEED + 1, numRuns: 2000 },
  );
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll<{ result: GoAnswer; valid: boolean }>(
      'gjson.parse',
      texts.map((json) => ({ json })),
    );
    const failures: string[] = [];
    texts.forEach((json, i) => {
      const a = answers[i]!.ok!;
      if (valid(json) !== a.valid)
        failures.push(`valid(${JSON.stringify(json)}): ours ${valid(json)} go ${a.valid}`);
      const diff = compare({ json, paths: [] }, '', parse(json), a.result);
      if (diff !== undefined) failures.push(`parse(${JSON.stringify(json)}):\n${diff}`);
    });
    assert.equal(failures.length, 0, `seed ${SEED + 1}: ${failures.slice(0, 10).join('\n\n')}`);
  } finally {
    await oracle.close();
  }
});

test(`Go ParseFloat: generated number texts agree (seed ${SEED})`, async () => {
  const numText = fc.oneof(
    fc.double().map(String),
    fc.stringMatching(/^[+-]?(0[xX])?[0-9a-fA-F_]{0,6}(\.[0-9_]{0,4})?([eEpP][+-]?[0-9_]{0,3})?$/),
    fc.constantFrom(
      'inf',
      '+Inf',
      '-infinity',
      'NaN',
      '+nan',
      'infin',
      ' 1',
      '1 ',
      '',
      '.',
      '1e',
      '0x',
      '0x1p',
      '1_0',
      '_1',
    ),
  );
  const ss = fc.sample(numText, { seed: SEED + 2, numRuns: 3000 });
  const oracle = Oracle.start();
  try {
    const [a] = await oracle.queryAll<Array<number | string>>('gjson.float', [{ ss }]);
    const failures = ss
      .map((s, i) => [s, goFloat(parseGoFloat(s)), a!.ok![i]] as const)
      .filter(([, ours, go]) => !Object.is(ours, go));
    assert.deepEqual(failures, []);
  } finally {
    await oracle.close();
  }
});
