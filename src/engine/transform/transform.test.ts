import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeEvent } from '../event.js';
import { applyTransform } from './index.js';
import { loadJqRuntime } from './jq.js';
import { loadLuaRuntime, runLuaFilter } from './lua.js';

// transform.md §5, input data D
const D =
  '{"z":1,"a":{"list":[1,[2,3],null,"x",{"k":true}],"empty":[],"nul":null,"big":12345678901234567890,"html":"<b>&"},"n":1.0}';
const event = makeEvent(
  { id: '1', source: 's', subject: 'e', type: 'webhook', datacontenttype: 'application/json' },
  D,
);
const runtimes = async () => ({ jq: await loadJqRuntime(), lua: await loadLuaRuntime() });

const ok: [string, { jq?: string; script?: string }, string][] = [
  [
    '1 script return event',
    { script: 'return event' },
    '{"a":{"big":12345678901234567000,"empty":{},"html":"\\u003cb\\u003e\\u0026","list":[1,"x",{"k":true}]},"n":1,"z":1}',
  ],
  ['3 array result', { script: 'return {1,2,3}' }, '[1,2,3]'],
  ['4 empty table', { script: 'return {}' }, '{}'],
  ['5 __is_array', { script: 'return setmetatable({}, {__is_array=true})' }, '[]'],
  ['8 mixed keys', { script: 'return {1, 2, x="y"}' }, '[1,2]'],
  ['9 holes', { script: 'return {[1]="a", [3]="c"}' }, '["a",null,"c"]'],
  ['10 string key', { script: 'return {["1"]="a"}' }, '{"1":"a"}'],
  [
    '11 jq identity',
    { jq: '.' },
    '{"a":{"big":12345678901234567000,"empty":[],"html":"\\u003cb\\u003e\\u0026","list":[1,[2,3],null,"x",{"k":true}],"nul":null},"n":1,"z":1}',
  ],
  ['13 jq object', { jq: '{x: .n}' }, '{"x":1}'],
  ['17 jq first output only', { jq: '(.z, .n) | {v: .}' }, '{"v":1}'],
  ['20 jq wins over script', { jq: '{x: 1}', script: 'return {y = 2}' }, '{"x":1}'],
  [
    'lua 5.1 prelude',
    { script: 'return {a = unpack({7, 8}), b = math.pow(2, 10), c = table.getn({1, 2})}' },
    '{"a":7,"b":1024,"c":2}',
  ],
];
for (const [name, t, want] of ok) {
  test(`transform: ${name}`, async () => {
    assert.equal(applyTransform(event, t, await runtimes()).data, want);
  });
}

const bad: [string, { jq?: string; script?: string }, string | RegExp][] = [
  ['6 non-table', { script: 'return "x"' }, 'transformation script output type is not of lua table'],
  ['12 jq string output', { jq: '.a.html' }, 'jq transformation output must be a JSON object'],
  ['14 jq array output', { jq: '.a.list' }, 'jq transformation output must be a JSON object'],
  ['16 jq empty', { jq: 'empty' }, 'no output available from the jq command execution'],
  ['jq syntax error', { jq: '.[' }, /syntax error/],
  ['no os', { script: 'return {os.getenv("HOME")}' }, /attempt to index a nil value \(global 'os'\)/],
  ['no io', { script: 'io.open("/etc/passwd"); return {}' }, /global 'io'/],
  ['no require', { script: 'require("x"); return {}' }, /global 'require'/],
  ['no load', { script: 'load("return 1")(); return {}' }, /global 'load'/],
  ['no dofile', { script: 'dofile("/etc/passwd"); return {}' }, /global 'dofile'/],
  ['no debug', { script: 'debug.sethook(); return {}' }, /global 'debug'/],
  ['runaway loop', { script: 'while true do end' }, /exceeded its budget of 10000000 instructions/],
  [
    'runaway loop hiding in pcall',
    { script: 'while true do pcall(function() while true do end end) end' },
    /exceeded its budget/,
  ],
];
for (const [name, t, want] of bad) {
  test(`transform error: ${name}`, async () => {
    const rts = await runtimes();
    assert.throws(
      () => applyTransform(event, t, rts),
      (err: Error) => {
        if (typeof want === 'string') assert.equal(err.message, want);
        else assert.match(err.message, want);
        return true;
      },
    );
  });
}

test('transform: 18/19 data that is not an object is an error', async () => {
  const arr = makeEvent({ id: '1' }, '[1,2]');
  const rts = await runtimes();
  assert.throws(() => applyTransform(arr, { jq: '.' }, rts));
  assert.throws(() => applyTransform(makeEvent({ id: '1' }, '"s"'), { script: 'return event' }, rts));
});

test('transform: 21 an event without data is unchanged', async () => {
  const none = makeEvent({ id: '1', datacontenttype: 'text/plain' }, null);
  assert.equal(applyTransform(none, { jq: '{x: 1}' }, await runtimes()), none);
});

test('lua filter: last return value must be the boolean true', async () => {
  const rt = await loadLuaRuntime();
  assert.equal(runLuaFilter(rt, 'return event.a == "b"', { a: 'b' }), true);
  assert.equal(runLuaFilter(rt, 'return 1', { a: 'b' }), false);
  assert.equal(runLuaFilter(rt, 'return "true"', { a: 'b' }), false);
  assert.equal(runLuaFilter(rt, 'x = 1', { a: 'b' }), false);
  assert.equal(runLuaFilter(rt, 'return false, true', { a: 'b' }), true);
  assert.equal(runLuaFilter(rt, 'return event.arr[1] == 10', { arr: [10, 20] }), true);
  assert.equal(runLuaFilter(rt, 'return event.n == nil', { n: null }), true);
  assert.equal(runLuaFilter(rt, 'return #event.arr == 2', { arr: [[1], 2, null, 3] }), true);
  assert.throws(() => runLuaFilter(rt, 'return event.x.y == 1', { a: 1 }));
  assert.throws(() => runLuaFilter(rt, 'return true', [1, 2]));
});

test('lua: each evaluation starts from fresh globals and library tables', async () => {
  const rt = await loadLuaRuntime();
  const script =
    'local seen = counter ~= nil; counter = 1; string.upper = nil; return not seen and math.pow ~= nil';
  for (let i = 0; i < 3; i++) assert.equal(runLuaFilter(rt, script, { a: 1 }), true);
  assert.equal(
    runLuaFilter(rt, 'print("leak"); return _G.event.a == 1 and getmetatable("") == nil', { a: 1 }),
    true,
  );
});

test('lua: a script over its memory cap fails and the next run works', async () => {
  const rt = await loadLuaRuntime();
  const hog =
    'if event.big then local t = {} for i = 1, 1e7 do t[i] = string.rep("x", 100) .. i end end return true';
  assert.throws(
    () => runLuaFilter(rt, hog, { big: true }, { memoryBytes: 8 * 1024 * 1024 }),
    /not enough memory|exceeded/,
  );
  assert.equal(runLuaFilter(rt, hog, { big: false }, { memoryBytes: 8 * 1024 * 1024 }), true);
});

test('lua: a smaller instruction budget is honoured', async () => {
  const rt = await loadLuaRuntime();
  assert.throws(
    () => runLuaFilter(rt, 'for i = 1, 1e6 do end return true', {}, { instructions: 10_000 }),
    /budget of 10000/,
  );
  assert.equal(runLuaFilter(rt, 'for i = 1, 100 do end return true', {}, { instructions: 10_000 }), true);
});
