// Table-driven tests of the sjson-style writer: spec/parameters.md §6, sjson's documented
// rules and its own test table, and the `apply`/`payload` cases of conformance
// parameters.json replayed at kernel level (byte equality of the document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { marshalJSON as marshalGo } from '../go/json.js';
import { set, setRaw, remove, isSimplePath } from './index.js';
import { get, valid } from '../gjson-path/index.js';
import { ExpressionError } from '../../shared/errors.js';

test('spec/parameters.md §6: dest table', () => {
  const rows: Array<[string, string, unknown, string]> = [
    ['{}', 'a.b', 'V', '{"a":{"b":"V"}}'],
    ['{ "a" : "old" , "z":1 }', 'a', 'V', '{ "a" : "V" , "z":1 }'],
    ['{"z":1}', 'a', 'V', '{"z":1,"a":"V"}'],
    ['{"a":[1,2]}', 'a.4', 'V', '{"a":[1,2,null,null,"V"]}'],
    ['{"a":[1,2]}', 'a.-1', 'V', '{"a":[1,2,"V"]}'],
    ['{}', 'a.-1', 'V', '{"a":["V"]}'],
    ['{}', 'a.0.b', 'V', '{"a":[{"b":"V"}]}'],
    ['{}', 'a.2', 'V', '{"a":[null,null,"V"]}'],
    ['', '0', 'V', '["V"]'],
    ['{"a":{"b":1}}', 'a.0', 'V', '{"a":{"b":1,"0":"V"}}'],
    ['{}', 'users.:2313.name', 'V', '{"users":{"2313":{"name":"V"}}}'],
    [
      '{}',
      'metadata.labels.app\\.kubernetes\\.io/name',
      'V',
      '{"metadata":{"labels":{"app.kubernetes.io/name":"V"}}}',
    ],
    ['{"a":"str"}', 'a.b', 'V', '{"a":{"b":"V"}}'],
    ['{"a":null}', 'a.b', 'V', '{"a":{"b":"V"}}'],
    ['{"spec":{"args":["a","b"]}}', 'spec.args.0', 'hello', '{"spec":{"args":["hello","b"]}}'],
    ['{"spec":{"args":["a","b"]}}', 'spec.args.-1', 'hello', '{"spec":{"args":["a","b","hello"]}}'],
  ];
  for (const [doc, path, v, want] of rows) assert.equal(set(doc, path, v), want, `${doc} ${path}`);
  assert.throws(
    () => set('{}', '', 'x'),
    (e: unknown) => e instanceof ExpressionError && e.message === 'path cannot be empty',
  );
});

test('sjson rules: raw values, escapes, forced keys, appends (sjson_test.go TestBasic)', () => {
  const rows: Array<[string, string, string, string]> = [
    ['[{"hi":"world"}]', '0.hiw', '"planet"', '[{"hi":"world","hiw":"planet"}]'],
    ['', '0', 'true', '[true]'],
    ['', '1', 'true', '[null,true]'],
    ['[1]', '2', 'true', '[1,null,true]'],
    ['[1,null,false]', '1', 'true', '[1,true,false]'],
    [
      '[1,{"hello":"when","this":[0,1,2]},false]',
      '1.this.1',
      'null',
      '[1,{"hello":"when","this":[0,null,2]},false]',
    ],
    [
      '{"a":1,"b":{"hello":"when","this":[0,null,2]},"c":false}',
      'b.this.4',
      '4',
      '{"a":1,"b":{"hello":"when","this":[0,null,2,null,4]},"c":false}',
    ],
    ['', 'b.this.4', '4', '{"b":{"this":[null,null,null,null,4]}}'],
    ['', '1.this.4', '4', '[null,{"this":[null,null,null,null,4]}]'],
    ['', ':1.this.4', '4', '{"1":{"this":[null,null,null,null,4]}}'],
    ['', '\\:1.this.4', '4', '{":1":{"this":[null,null,null,null,4]}}'],
    ['', '\\:\\\\1.this.4.\\.HI', '4', '{":\\\\1":{"this":[null,null,null,null,{".HI":4}]}}'],
    ['{"app.token":"abc"}', 'app\\.token', '"cde"', '{"app.token":"cde"}'],
    ['', 'b.this.😇', '""', '{"b":{"this":{"😇":""}}}'],
    ['  [ 1,2  ] ', '-1', '3', '[ 1,2  ,3]'],
    ['{"@context":{"@vocab":"x"}}', '@context.@vocab', '"y"', '{"@context":{"@vocab":"y"}}'], // complex: found, so written
  ];
  for (const [doc, path, raw, want] of rows) assert.equal(setRaw(doc, path, raw), want, `${doc} ${path}`);
});

test('sjson Set: Go encoding of values', () => {
  assert.equal(set('', '0', 1234), '[1234]');
  assert.equal(set('', '0', 1234.5), '[1234.5]');
  assert.equal(set('', '0', 1e21), '[1000000000000000000000]');
  assert.equal(set('', '0', '1234.5'), '["1234.5"]');
  assert.equal(set('', '0', true), '[true]');
  assert.equal(set('', '0', null), '[null]');
  assert.equal(set('{"arr":[1]}', 'arr.-1', 1), '{"arr":[1,1]}');
  assert.equal(set('{"a":""}', 'a', '\\'), '{"a":"\\\\"}');
  assert.equal(set('{"a":""}', 'a', 'C:\\Windows'), '{"a":"C:\\\\Windows"}');
  // sjson writes plain ASCII as is; anything needing escapes goes through Go's json.Marshal
  assert.equal(set('{}', 'a', 'a<b'), '{"a":"a<b"}');
  assert.equal(set('{}', 'a', 'é<b\n\b\u2028'), '{"a":"é\\u003cb\\n\\b\\u2028"}');
  assert.equal(
    set('{}', 'a', { z: 1, a: [true, null, 'x&'], m: 1e-7 }),
    '{"a":{"a":[true,null,"x\\u0026"],"m":1e-7,"z":1}}',
  );
  assert.equal(set('{}', 'a', new TextEncoder().encode('hi')), '{"a":"hi"}');
  assert.equal(
    marshalGo(
      new Map([
        ['b', 1],
        ['a', 2],
      ]),
    ),
    '{"a":2,"b":1}',
  );
  assert.throws(() => marshalGo({ x: NaN }), ExpressionError);
});

test('sjson Delete (sjson_test.go TestDelete and issues)', () => {
  const rows: Array<[string, string, string]> = [
    ['[123,456]', '0', '[456]'],
    ['[123,456,789]', '1', '[123,789]'],
    ['[123,456,789]', '-1', '[123,456]'],
    ['{"a":[123,456,789]}', 'a.-1', '{"a":[123,456]}'],
    ['{"this":"that","and":"another"}', 'this', '{"and":"another"}'],
    ['{"this":"that","and":"another"}', 'and', '{"this":"that"}'],
    ['{"and":"another"}', 'and', '{}'],
    ['{"1":"2"}', '3', '{"1":"2"}'],
    [
      '{"data":{"key1":"value1","key2.something":"value2"}}',
      'data.key2\\.something',
      '{"data":{"key1":"value1"}}',
    ],
  ];
  for (const [doc, path, want] of rows) assert.equal(remove(doc, path), want, `${doc} ${path}`);
  assert.throws(() => remove('{"a":[1]}', 'a.#'), /cannot delete value from a complex path/);
});

test('complex paths overwrite only what gjson finds (sjson TestIndex/TestIndexes)', () => {
  const example =
    '{"friends":[{"first":"Dale","last":"Murphy"},{"first":"Roger","last":"Craig"},{"first":"Jane","last":"Murphy"}]}';
  assert.equal(
    get(set(example, 'friends.#(last="Murphy").last', 'Johnson'), 'friends.#.last').raw,
    '["Johnson","Craig","Murphy"]',
  );
  assert.equal(
    get(set(example, 'friends.#(last="Murphy")#.last', 'Johnson'), 'friends.#.last').raw,
    '["Johnson","Craig","Johnson"]',
  );
  assert.equal(set('{"a":[1]}', 'a.#', 5), '{"a":[1]}'); // a count is not in the document: no change
  assert.equal(isSimplePath('a.b\\.c.-1.:2'), true);
  for (const p of ['a.#', 'a.*', 'a|b', 'x.@this', 'q?', '']) assert.equal(isSimplePath(p), false, p);
  // sjson would splice at positions inside text a modifier or literal built (Go corrupts the
  // document or panics); we refuse
  for (const p of ['#.!"lit"', '#.@tostr', '#(a>0)#.!inf']) {
    assert.throws(() => set('[{"a":1},{"a":2}]', p, 'x'), /not part of the document/, p);
  }
  assert.throws(
    () => set('{"a":[1]}', 'a.x', 1),
    (e: unknown) =>
      e instanceof ExpressionError && e.message === "cannot set array element for non-numeric key 'x'",
  );
});

test('documents stay valid JSON through many writes', () => {
  let doc = '{ "keep" : [ 1 , 2 ] }';
  const paths = ['a.b.c', 'a.b.d', 'keep.-1', 'keep.6', 'x.0.y', 'x.0.z', 'x.-1', ':5.k', 'a\\.b', 'keep.0'];
  for (const [i, p] of paths.entries()) {
    doc = set(doc, p, i % 2 === 0 ? `v${i}` : i);
    assert.ok(valid(doc), `${p}: ${doc}`);
    if (!p.includes('-1'))
      assert.equal(get(doc, p.replace(/^:/, '')).string(), i % 2 === 0 ? `v${i}` : String(i), p);
  }
  // padding an array rebuilds its elements without their spacing (as sjson does); the rest is untouched
  assert.ok(doc.startsWith('{ "keep" : [9,2,"v2",null,null,null,3] ,"a":'), doc);
});

// ---- conformance parameters.json, kernel level -------------------------------------------

interface Param {
  src: { dependencyName: string; dataKey?: string; value?: string; useRawData?: boolean };
  dest: string;
  operation?: string;
}

interface ParamCase {
  name: string;
  input: {
    kind: string;
    events: Record<string, { data: string }>;
    document?: string;
    parameters?: Param[];
  };
  expect: { error: boolean; document?: string; payload?: unknown; payloadTextContains?: string };
}

/** The subset of parameter resolution these kernel tests need: dataKey, value, useRawData. */
function resolveParam(
  p: Param,
  events: ParamCase['input']['events'],
): { text: string; raw: boolean } | undefined {
  const ev = events[p.src.dependencyName];
  if (ev === undefined) return p.src.value === undefined ? undefined : { text: p.src.value, raw: false };
  const r = get(ev.data, p.src.dataKey ?? '');
  if (!r.exists()) return p.src.value === undefined ? undefined : { text: p.src.value, raw: false };
  return p.src.useRawData === true && r.type !== 'String'
    ? { text: r.raw, raw: true }
    : { text: r.string(), raw: false };
}

function write(doc: string, p: Param, v: { text: string; raw: boolean }): string {
  const op = p.operation ?? '';
  const current = get(doc, p.dest);
  if (current.exists() && (op === 'append' || op === 'prepend')) {
    return set(doc, p.dest, op === 'append' ? current.string() + v.text : v.text + current.string());
  }
  return v.raw ? setRaw(doc, p.dest, v.text) : set(doc, p.dest, v.text);
}

const confDir =
  process.env['ARGUS_CONFORMANCE_DIR'] ??
  resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'conformance');
const paramsFile = resolve(confDir, 'parameters.json');

if (!existsSync(paramsFile)) {
  console.error(`!!! conformance folder not found (${confDir}): set ARGUS_CONFORMANCE_DIR`);
  test(
    'conformance parameters.json apply/payload cases',
    { skip: `conformance files absent (${confDir})` },
    () => {},
  );
} else {
  const cases = (JSON.parse(readFileSync(paramsFile, 'utf8')) as { cases: ParamCase[] }).cases;
  for (const c of cases.filter((x) => x.input.kind === 'apply')) {
    test(`conformance parameters.json: ${c.name}`, () => {
      let doc = c.input.document!;
      for (const p of c.input.parameters ?? []) {
        const v = resolveParam(p, c.input.events);
        if (v !== undefined) doc = write(doc, p, v);
      }
      assert.equal(doc, c.expect.document);
    });
  }
  // payloads whose entries all have a dest (an empty dest needs the whole-event serialisation of the engine)
  for (const c of cases.filter(
    (x) => x.input.kind === 'payload' && (x.input.parameters ?? []).every((p) => p.dest !== ''),
  )) {
    test(`conformance parameters.json: ${c.name}`, () => {
      let doc = '';
      for (const p of c.input.parameters ?? []) {
        const v = resolveParam(p, c.input.events);
        if (v !== undefined) doc = v.raw ? setRaw(doc, p.dest, v.text) : set(doc, p.dest, v.text);
      }
      assert.deepEqual(JSON.parse(doc), c.expect.payload);
      if (c.expect.payloadTextContains !== undefined)
        assert.ok(doc.includes(c.expect.payloadTextContains), doc);
    });
  }
}
