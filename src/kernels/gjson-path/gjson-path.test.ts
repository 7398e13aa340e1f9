// Table-driven unit tests of the gjson reader: the syntax table of spec/parameters.md §5,
// the read rules of spec/filters.md §3.1, gjson's README examples, and the conformance
// cases whose outcome depends on whether a path exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  get,
  getMany,
  parse,
  valid,
  forEachLine,
  formatGoFloat,
  parseGoFloat,
  useGjsonRules,
  escapeComponent,
} from './index.js';

const spec = '{"a":{"b":[1,2,{"c":"d"}]},"fav.movie":"x","l":[{"k":"v1","n":1},{"k":"v2","n":2}]}';

test('spec/parameters.md §5: syntax table', () => {
  const rows: Array<[string, string]> = [
    ['a.b', '[1,2,{"c":"d"}]'],
    ['a.b.2.c', '"d"'],
    ['fav\\.movie', '"x"'],
    ['a*.b.0', '1'],
    ['a.b.#', '3'],
    ['l.#.k', '["v1","v2"]'],
    ['l.#(k=="v2").n', '2'],
    ['l.#(n>1)#.k', '["v2"]'],
    ['[a.b.0,fav\\.movie]', '[1,"x"]'],
    ['l|@reverse|0.k', '"v2"'],
  ];
  for (const [path, raw] of rows) assert.equal(get(spec, path).raw, raw, path);
});

const readme = `{
  "name": {"first": "Tom", "last": "Anderson"},
  "age":37,
  "children": ["Sara","Alex","Jack"],
  "fav.movie": "Deer Hunter",
  "friends": [
    {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
  ]
}`;

test('gjson README: paths, queries, modifiers, multipaths, literals', () => {
  const rows: Array<[string, string]> = [
    ['name.last', 'Anderson'],
    ['age', '37'],
    ['children', '["Sara","Alex","Jack"]'],
    ['children.#', '3'],
    ['children.1', 'Alex'],
    ['child*.2', 'Jack'],
    ['c?ildren.0', 'Sara'],
    ['fav\\.movie', 'Deer Hunter'],
    ['friends.#.first', '["Dale","Roger","Jane"]'],
    ['friends.1.last', 'Craig'],
    ['friends.#(last=="Murphy").first', 'Dale'],
    ['friends.#(last=="Murphy")#.first', '["Dale","Jane"]'],
    ['friends.#(age>45)#.last', '["Craig","Murphy"]'],
    ['friends.#(first%"D*").last', 'Murphy'],
    ['friends.#(first!%"D*").last', 'Craig'],
    ['friends.#(nets.#(=="fb"))#.first', '["Dale","Roger"]'],
    ['children|@reverse', '["Jack","Alex","Sara"]'],
    ['children|@reverse|0', 'Jack'],
    ['name|@keys', '["first","last"]'],
    ['name|@values', '["Tom","Anderson"]'],
    [
      '{name.first,age,"the_murphys":friends.#(last="Murphy")#.first}',
      '{"first":"Tom","age":37,"the_murphys":["Dale","Jane"]}',
    ],
    ['[name.first,age]', '["Tom",37]'],
    [
      '{name.first,age,"company":!"Happysoft","employed":!true}',
      '{"first":"Tom","age":37,"company":"Happysoft","employed":true}',
    ],
    ['friends.#.nets|@flatten', '["ig", "fb", "tw","fb", "tw","ig", "tw"]'], // inner spacing is kept
    ['name|@tostr', '{"first": "Tom", "last": "Anderson"}'], // a JSON string holding the text
    ['name.@ugly', '{"first":"Tom","last":"Anderson"}'],
    ['missing', ''],
  ];
  for (const [path, s] of rows) assert.equal(get(readme, path).string(), s, path);
  assert.equal(get(readme, 'name|@pretty').raw, '{\n  "first": "Tom",\n  "last": "Anderson"\n}\n');
  assert.equal(get('[{"a":1},{"b":2}]', '@join').raw, '{"a":1,"b":2}');
  assert.equal(get('"{\\"a\\":1}"', '@fromstr.a').raw, '1');
  assert.equal(get('{"a":1}', '@valid.a').raw, '1');
  assert.equal(get('{"a":1', '@valid').exists(), false);
});

test('gjson 1.17+ rules (upstream Argo Events uses 1.19.0): tilde queries, @dig, modifier arguments, \\b', () => {
  const vals =
    '{"vals":[{"a":1,"b":"data"},{"a":2,"b":true},{"a":3,"b":false},{"a":4,"b":"0"},{"a":5,"b":0},{"a":6,"b":"1"},' +
    '{"a":7,"b":1},{"a":8,"b":"true"},{"a":9,"b":false},{"a":10,"b":null},{"a":11}]}';
  const tilde: Array<[string, string]> = [
    ['vals.#(b==~true)#.a', '[2,6,7,8]'],
    ['vals.#(b!=~true)#.a', '[1,3,4,5,9,10,11]'],
    ['vals.#(b==~false)#.a', '[3,4,5,9,10,11]'],
    ['vals.#(b!=~false)#.a', '[1,2,6,7,8]'],
    ['vals.#(b==~null)#.a', '[10,11]'],
    ['vals.#(b!=~null)#.a', '[1,2,3,4,5,6,7,8,9]'],
    ['vals.#(b==~*)#.a', '[1,2,3,4,5,6,7,8,9,10]'],
    ['vals.#(b!=~*)#.a', '[11]'],
    ['vals.#(b==~nonsense)#.a', '[]'],
  ];
  for (const [path, raw] of tilde) assert.equal(get(vals, path).raw, raw, path);
  const deep =
    '{"something":{"anything":{"abcdefg":{"finally":{"important":{"secret":"password","name":"jake"}},"name":"melinda"}}}}';
  assert.equal(get(deep, '@dig:name').string(), '["melinda","jake"]');
  assert.equal(get(deep, '@dig:secret').string(), '["password"]');
  const issues =
    '{"group":{"issues":[{"fields":{"labels":["m1"]},"refid":"123"},[{"x":[{"fields":{"labels":["m3"]},"refid":"789"}]}]]}}';
  assert.equal(get(issues, 'group.@dig:#(refid=789)|0.fields.labels.0').string(), 'm3');
  // multipath keys and @tostr write \b and \f in short form (1.17); 1.14 wrote \u0008
  assert.equal(get('{"a":1}', '{k\bx:a}').raw, '{"k\\bx":1}');
  assert.equal(get('{"a":1}', '{k\fx:a}|@tostr').raw, '"{\\"k\\\\fx\\":1}"');
  // a plain modifier argument runs to the first `|` outside brackets (1.17); 1.14 cut at any `|`
  assert.equal(get('{"a":1}', '@dig:[a,|b]|0').raw, '[1]');
  useGjsonRules('1.14.4');
  try {
    assert.equal(get(vals, 'vals.#(b==~true)#.a').raw, '[2,6,7,8]');
    assert.equal(get(vals, 'vals.#(b==~null)#.a').raw, '[]'); // 1.14 only knew ~true and ~false
    assert.equal(get(deep, '@dig:name').exists(), false);
    assert.equal(get('{"a":1}', '{k\bx:a}').raw, '{"k\\u0008x":1}');
  } finally {
    useGjsonRules('1.19.0');
  }
  assert.equal(get(deep, '@dig:name').exists(), true);
});

test('spec/filters.md §3.1: how a result is read', () => {
  const doc =
    '{"s":"s","f":" 5","e":"1e3","y":"yes","t":"TRUE","big":12345678901234567890,"d":1.50,"x":1e3,"m":-2.5e-7,"n":null,"o":{ "a" : 1 },"b":true,"z":false}';
  const r = (p: string) => get(doc, p);
  assert.equal(r('s').string(), 's');
  assert.equal(r('f').float(), 0);
  assert.equal(r('e').float(), 1000);
  assert.equal(r('y').bool(), false);
  assert.equal(r('t').bool(), true);
  assert.equal(r('big').string(), '12345678901234567890');
  assert.equal(r('d').string(), '1.5');
  assert.equal(r('x').string(), '1000');
  assert.equal(r('m').string(), '-0.00000025');
  assert.equal(r('b').float(), 1);
  assert.equal(r('z').float(), 0);
  assert.equal(r('n').string(), '');
  assert.equal(r('n').exists(), true);
  assert.equal(r('n').type, 'Null');
  assert.equal(r('o').string(), '{ "a" : 1 }');
  assert.equal(r('o').float(), 0);
  assert.equal(r('o').bool(), false);
  assert.equal(r('nope').exists(), false);
  assert.deepEqual(r('o').value(), { a: 1 });
  assert.equal(r('big').int64(), 12345678901234567890n - 2n ** 64n); // Go int64 wrap-around of the digits
  assert.equal(r('d').int(), 1);
});

test('escapeComponent: any key reads back through its escaped path (gjson Escape)', () => {
  const keys = [
    'fav.movie',
    'a*b',
    'q?',
    '#',
    '@this',
    'pi|pe',
    'sp ace',
    'é.x',
    '!x',
    'x[0]',
    'k"q',
    'back\\slash',
    '1',
  ];
  const doc = JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, i])));
  keys.forEach((k, i) => assert.equal(get(doc, escapeComponent(k)).raw, String(i), k));
  assert.equal(escapeComponent('first.name'), 'first\\.name');
});

test('the DOC-DRIFT case: an unbracketed comma path does not exist; the bracketed one does', () => {
  const doc = '{"a":"opened","l":[{"n":"W"}]}';
  assert.equal(get(doc, 'a,l.#(n=="W").n').exists(), false);
  assert.equal(get(doc, '[a,l.#(n=="W").n]').raw, '["opened","W"]');
});

test('results: index, array, map, forEach, getMany, parse, valid, JSON lines', () => {
  const doc = '{"a":[1,"x",{"b":null}],"a":2}';
  const a = get(doc, 'a');
  assert.equal(a.index, 5);
  assert.deepEqual(
    a.array().map((e) => [e.type, e.raw, e.index]),
    [
      ['Number', '1', 6],
      ['String', '"x"', 8],
      ['JSON', '{"b":null}', 12],
    ],
  );
  assert.equal(parse(doc).map().get('a')?.raw, '[1,"x",{"b":null}]'); // first duplicate wins
  const keys: string[] = [];
  parse(doc).forEach((k) => {
    keys.push(k.string());
  });
  assert.deepEqual(keys, ['a', 'a']);
  assert.equal(a.get('2.b').index, 17);
  assert.deepEqual(
    getMany(doc, 'a.1', 'a.#', 'x').map((r) => r.string()),
    ['x', '3', ''],
  );
  assert.equal(get('{"a":[{"b":1},{"b":2}]}', 'a.#.b').indexes?.join(), '11,19');
  assert.equal(valid('{"a":1}'), true);
  assert.equal(valid('{"a":1,}'), false);
  assert.equal(valid(' [1, 2e5, -0.5, "\\u00e9", true, null] '), true);
  assert.equal(valid('01'), false);
  assert.equal(parse('  "hi"').index, 2);
  const lines: string[] = [];
  forEachLine('{"a":1}\n{"a":2}\n', (l) => {
    lines.push(l.get('a').raw);
  });
  assert.deepEqual(lines, ['1', '2']);
  assert.equal(get('{"a":1}\n{"a":2}', '..#.a').raw, '[1,2]');
});

test('Go number text: ParseFloat and FormatFloat', () => {
  const parsed: Array<[string, number]> = [
    ['1_000', 1000],
    ['0x1p-2', 0.25],
    ['0x10', 0],
    [' 5', 0],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['1e400', Infinity],
    ['1.', 1],
    ['.5', 0.5],
    ['', 0],
    ['+nan', 0],
  ];
  for (const [s, f] of parsed) assert.equal(parseGoFloat(s), f, s);
  assert.ok(Number.isNaN(parseGoFloat('NaN')));
  const formatted: Array<[number, string]> = [
    [1.5, '1.5'],
    [1e21, '1000000000000000000000'],
    [-2.5e-7, '-0.00000025'],
    [-0, '-0'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
    [123456789.125, '123456789.125'],
  ];
  for (const [f, s] of formatted) assert.equal(formatGoFloat(f), s, s);
});

const confDir =
  process.env['ARGUS_CONFORMANCE_DIR'] ??
  resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'conformance');

interface FilterCase {
  name: string;
  input: {
    event: { data?: string | null };
    filters: {
      data?: Array<{ path: string }>;
      exprs?: Array<{ fields: Array<{ path: string }> }>;
      dataLogicalOperator?: string;
      exprLogicalOperator?: string;
    };
  };
  expect: { pass?: boolean; error: boolean; errorMessage?: string };
}

for (const file of ['filters-data.json', 'filters-expr.json']) {
  const path = resolve(confDir, file);
  if (!existsSync(path)) {
    console.error(`!!! conformance folder not found (${confDir}): set ARGUS_CONFORMANCE_DIR`);
    test(`conformance ${file}: path existence`, { skip: `conformance files absent (${confDir})` }, () => {});
    continue;
  }
  test(`conformance ${file}: paths exist exactly where the cases say`, () => {
    const cases = (JSON.parse(readFileSync(path, 'utf8')) as { cases: FilterCase[] }).cases;
    let checked = 0;
    for (const c of cases) {
      const data = c.input.event.data;
      if (data === undefined || data === null || !valid(data)) continue;
      const f = c.input.filters;
      const paths = [
        ...(f.data ?? []).map((d) => d.path),
        ...(f.exprs ?? []).flatMap((e) => e.fields.map((x) => x.path)),
      ];
      const missing = /path '(.*)' does not exist/.exec(c.expect.errorMessage ?? '')?.[1];
      if (missing !== undefined) {
        assert.equal(get(data, missing).exists(), false, `${c.name}: ${missing}`);
        checked++;
      } else if (
        c.expect.pass === true &&
        !c.expect.error &&
        (f.dataLogicalOperator ?? 'and') !== 'or' &&
        (f.exprLogicalOperator ?? 'and') !== 'or'
      ) {
        for (const p of paths) {
          assert.equal(get(data, p).exists(), true, `${c.name}: ${p}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 5, `only ${checked} paths checked`);
  });
}
