import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerParameter, TriggerParameterSource } from '../api/sensor/index.js';
import { makeEvent } from './event.js';
import { ExpressionError } from '../shared/errors.js';
import { applyParams, constructPayload, resolveDynamicHeaders, resolveParamValue } from './parameters.js';

// parameters.md §8
const event = makeEvent(
  {
    id: '6162',
    source: 'webhook',
    specversion: '1.0',
    type: 'webhook',
    datacontenttype: 'application/json',
    subject: 'example',
    time: '2024-07-15T14:00:00Z',
  },
  '{"header":{"X-Id":["a1"]},"body":{"message":"hello","n":42,"f":1.50,"ok":true,"obj":{"a":1},"list":["x","y"],"nul":null,"id":12345678,"name":"foo bar"}}',
);
const events = { dep: event };
const src = (s: Omit<TriggerParameterSource, 'dependencyName'>): TriggerParameterSource => ({
  dependencyName: 'dep',
  ...s,
});
const apply = (doc: string, s: TriggerParameterSource, operation = '', dest = 'v'): string =>
  applyParams(doc, [{ src: s, dest, operation } satisfies TriggerParameter], events);

const rows: [string, string, TriggerParameterSource, string, string?, string?][] = [
  ['1', '{"v":"old"}', src({ dataKey: 'body.message' }), '{"v":"hello"}'],
  ['2', '{"v":"old"}', src({ dataKey: 'body.n' }), '{"v":"42"}'],
  ['3', '{"v":"old"}', src({ dataKey: 'body.n', useRawData: true }), '{"v":42}'],
  ['4', '{}', src({ dataKey: 'body.f' }), '{"v":"1.5"}'],
  ['6', '{}', src({ dataKey: 'body.ok', useRawData: true }), '{"v":true}'],
  ['7', '{}', src({ dataKey: 'body.obj' }), '{"v":"{\\"a\\":1}"}'],
  ['8', '{}', src({ dataKey: 'body.obj', useRawData: true }), '{"v":{"a":1}}'],
  ['9', '{}', src({ dataKey: 'body.nul', useRawData: true }), '{"v":null}'],
  ['10', '{}', src({ dataKey: 'body.message', useRawData: true }), '{"v":"hello"}'],
  ['11', '{}', src({ dataKey: 'body.nope', value: 'dflt' }), '{"v":"dflt"}'],
  ['16', '{}', src({ contextKey: 'type', dataKey: 'body.message' }), '{"v":"hello"}'],
  ['17', '{}', src({ dataTemplate: '{{ .Input.body.name | title }}' }), '{"v":"Foo Bar"}'],
  ['18', '{}', src({ dataTemplate: '{{ .Input.body.id }}' }), '{"v":"1.2345678e+07"}'],
  ['19', '{}', src({ dataTemplate: '{{ .Input.body.n }}', useRawData: true }), '{"v":"42"}'],
  ['20', '{}', src({ dataTemplate: '{{ .Input.body.zzz }}', dataKey: 'body.message' }), '{"v":"hello"}'],
  ['21', '{}', src({ dataTemplate: 'x-{{ .Input.body.zzz }}' }), '{"v":"x-<no value>"}'],
  [
    '22',
    '{}',
    src({ contextTemplate: '{{ .Input.source }}-{{ .Input.subject }}' }),
    '{"v":"webhook-example"}',
  ],
  ['23', '{"v":"old-"}', src({ dataKey: 'body.message' }), '{"v":"old-hello"}', 'append'],
  ['24', '{"v":"-old"}', src({ dataKey: 'body.message' }), '{"v":"hello-old"}', 'prepend'],
  ['25', '{"v":7}', src({ dataKey: 'body.message' }), '{"v":"7hello"}', 'append'],
  ['26a', '{}', src({ dataKey: 'body.obj', useRawData: true }), '{"v":{"a":1}}', 'append'],
  ['26b', '{"v":"p"}', src({ dataKey: 'body.obj', useRawData: true }), '{"v":"p{\\"a\\":1}"}', 'append'],
  [
    '27',
    '{"spec":{"args":["a","b"]}}',
    src({ dataKey: 'body.message' }),
    '{"spec":{"args":["hello","b"]}}',
    '',
    'spec.args.0',
  ],
  [
    '28',
    '{"spec":{"args":["a","b"]}}',
    src({ dataKey: 'body.message' }),
    '{"spec":{"args":["a","b","hello"]}}',
    '',
    'spec.args.-1',
  ],
  ['29', '{}', src({ dataKey: 'header.X-Id.0' }), '{"v":"a1"}'],
  ['30', '{}', src({ dataKey: 'body.list.#' }), '{"v":"2"}'],
  ['31', '{"v":"keep"}', { dependencyName: 'other', dataKey: 'x' }, '{"v":"keep"}'],
  ['32', '{"v":"keep"}', { dependencyName: 'other', dataKey: 'x', value: 'd' }, '{"v":"d"}'],
];
for (const [n, doc, s, want, op, dest] of rows) {
  test(`parameters.md §8 row ${n}`, () => {
    assert.equal(apply(doc, s, op ?? '', dest ?? 'v'), want);
  });
}

test('parameters.md §8 rows 12, 13, 15: errors, whole event, context keys', () => {
  assert.throws(
    () => apply('{}', src({ dataKey: 'body.nope' })),
    /^TriggerError: unable to resolve 'dep' parameter value\. err: /,
  );
  const whole = resolveParamValue(src({}), events);
  assert.equal(whole?.kind, 'String');
  assert.match(
    whole?.value ?? '',
    /^\{"context":\{"id":"6162","source":"webhook","specversion":"1.0","type":"webhook","datacontenttype":"application\/json","subject":"example","time":"2024-07-15T14:00:00Z"\},"data":"eyJo/,
  );
  assert.equal(resolveParamValue(src({ contextKey: 'time' }), events)?.value, '2024-07-15T14:00:00Z');
  assert.equal(resolveParamValue(src({ value: 'lit' }), events)?.value, 'lit');
});

test('parameters.md §8 rows 33, 34: only application/json (exactly) and application/yaml data are read', () => {
  const text = { dep: makeEvent({ datacontenttype: 'text/plain' }, '{"x":1}') };
  assert.throws(
    () => resolveParamValue(src({ dataKey: 'x' }), text),
    /unsupported event content type: text\/plain/,
  );
  assert.equal(resolveParamValue(src({ dataKey: 'x', value: 'fallback' }), text)?.value, 'fallback');
  const charset = { dep: makeEvent({ datacontenttype: 'application/json; charset=utf-8' }, '{"x":1}') };
  assert.throws(() => resolveParamValue(src({ dataKey: 'x' }), charset), /unsupported event content type/);
  const yaml = { dep: makeEvent({ datacontenttype: 'application/yaml' }, 'x: 20\n') };
  assert.equal(resolveParamValue(src({ dataKey: 'x' }), yaml)?.value, '20');
});

test('unsupported operation fails', () => {
  assert.throws(
    () => apply('{}', src({ dataKey: 'body.message' }), 'replace'),
    /unsupported trigger parameter operation: replace/,
  );
});

test('parameters.md §6 [IMPL-NOTE]: a dest that is not a plain sjson path is rejected', () => {
  // Upstream hands these to sjson, which overwrites only values gjson already finds there and
  // otherwise returns the payload unchanged without an error: the parameter silently does nothing.
  for (const dest of ['list.#', 'a.#(k=="x").v', 'a.*', 'a?', 'a|b', '@this', 'obj.@tostr']) {
    assert.throws(
      () => apply('{"list":[1],"a":[{"k":"x","v":1}]}', src({ value: 'v' }), '', dest),
      (e: unknown) =>
        e instanceof ExpressionError &&
        e.message === `cannot set '${dest}': dest must be a plain path (#, @, *, ? and | are not supported)`,
      dest,
    );
    assert.throws(
      () => constructPayload([{ src: src({ value: 'v' }), dest }], events),
      /dest must be a plain path/,
      dest,
    );
  }
  // Rejected even when the dependency has no event in this firing (the parameter would be skipped).
  assert.throws(
    () => applyParams('{}', [{ src: { dependencyName: 'absent' }, dest: 'a.#' }], events),
    /cannot set 'a\.#'/,
  );
  // Escaped, the same characters are plain key characters, as in sjson.
  assert.equal(apply('{}', src({ value: 'v' }), '', 'a\\#b.c\\|d'), '{"a#b":{"c|d":"v"}}');
  // Dynamic headers use dest as a header name, not a path.
  assert.deepEqual(resolveDynamicHeaders([{ src: src({ value: 'v' }), dest: 'X-A#B' }], events), {
    'X-A#B': 'v',
  });
});
