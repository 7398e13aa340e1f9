// filters.md §11 worked examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventDependencyFilter } from '../../api/sensor/index.js';
import { makeEvent } from '../event.js';
import { loadLuaRuntime } from '../transform/lua.js';
import { compileFilters } from './index.js';

type Row = [
  string,
  string | null,
  EventDependencyFilter,
  boolean,
  (string | RegExp | true)?,
  string?,
  Record<string, string>?,
];
const d = (
  path: string,
  type: string,
  value: string[],
  extra: Record<string, string> = {},
): EventDependencyFilter => ({
  data: [{ path, type, value, ...extra }],
});
const x = (
  expr: string,
  fields: [string, string][],
  extra: Record<string, string> = {},
): EventDependencyFilter => ({
  exprs: [{ expr, fields: fields.map(([name, path]) => ({ name, path })) }],
  ...extra,
});
const time = (start: string, stop: string, timezone?: string): EventDependencyFilter => ({
  time: { start, stop, timezone },
});

const rows: Row[] = [
  ['1', '{"k":"xhellox"}', d('k', 'string', ['hello']), true],
  ['2', '{"k":"xhellox"}', d('k', 'string', ['^hello$']), false],
  ['3', '{"k":"hey"}', d('k', 'string', ['hello', 'hey']), true],
  ['4', '{"k":"hey"}', d('k', 'string', ['hello', 'hey'], { comparator: '!=' }), true],
  ['5', '{"k":"b"}', d('k', 'string', ['a'], { comparator: '>' }), false],
  ['6', '{"k":42}', d('k', 'string', ['^42$']), true],
  ['7', '{"k":1.50}', d('k', 'string', ['^1.50$']), false],
  ['8', '{"k":null}', d('k', 'string', ['^$']), true],
  ['9', '{"k":{"a":1}}', d('k', 'string', ['"a":1']), true],
  ['10', '{"k":"3.14"}', d('k', 'number', ['3.14']), true],
  ['11', '{"k":"abc"}', d('k', 'number', ['0']), true],
  ['12', '{"k":true}', d('k', 'number', ['1']), true],
  [
    '13',
    '{"k":1}',
    d('k', 'number', ['one']),
    false,
    'data filter error (strconv.ParseFloat: parsing "one": invalid syntax)',
  ],
  ['14', '{"k":20}', d('k', 'number', ['20'], { comparator: '>' }), false],
  ['15', '{"k":false}', d('k', 'bool', ['false'], { comparator: '!=' }), true],
  ['16', '{"k":"yes"}', d('k', 'bool', ['false']), true],
  ['17', '{"k":true}', d('k', 'bool', ['yes']), false, /ParseBool/],
  ['18', '{"x":true}', d('k', 'bool', ['false']), false, "data filter error (path 'k' does not exist)"],
  [
    '19',
    '{"x":true}',
    {
      dataLogicalOperator: 'or',
      data: [
        { path: 'k', type: 'bool', value: ['false'] },
        { path: 'x', type: 'bool', value: ['true'] },
      ],
    },
    true,
  ],
  ['20', '{"k":1}', d('k', 'int', ['1']), false, "data filter error (unsupported JSON type 'int')"],
  [
    '21',
    '{"k":"aGVsbG8gd29ybGQ="}',
    d('k', 'string', ['^hello world$'], { template: '{{ b64dec .Input }}' }),
    true,
  ],
  ['22', '{"k":5}', d('k', 'number', ['49'], { comparator: '>', template: '{{ .Input }}0' }), true],
  [
    '23',
    '{"k":"x"}',
    d('k', 'string', ['y'], { template: '{{ if eq .Input "y" }}y{{ end }}' }),
    false,
    /evaluated to empty string or no value/,
  ],
  ['24', 'hello', d('k', 'string', ['x']), false, 'data filter error (event data not valid JSON)'],
  ['25', '{"l":[{"n":"W"},{"n":"A"}]}', d('l.#.n', 'string', ['A']), true],
  ['26', '{"a":"opened","l":[{"n":"W"}]}', d('a,l.#(n=="W").n', 'string', ['W']), false, true],
  ['27', null, d('k', 'string', ['x']), true],
  ['28', '{"a":"b"}', x("a == 'b'", [['a', 'a']]), true],
  ['29', '{"a":"start long"}', x('a =~ "^start"', [['a', 'a']]), true],
  ['30', '{"a":"10"}', x('a == 10', [['a', 'a']]), false],
  ['31', '{"a":"10"}', x('a > 5', [['a', 'a']]), false, true],
  ['32', '{"a":3}', x('a + 1', [['a', 'a']]), false],
  ['33', '{"a":3}', x('b == 1', [['b', 'b']]), false, "expr filter error (path 'b' does not exist)"],
  ['34', '{"a-b":3}', x('[a-b] == 3', [['a-b', 'a-b']]), true],
  ['35', '{"a":{"b":3}}', x('a.b == 3', [['a', 'a']]), false, true],
  [
    '36',
    '{"a":7}',
    {
      exprLogicalOperator: 'or',
      exprs: [
        { expr: 'a == 1', fields: [{ name: 'a', path: 'a' }] },
        { expr: 'a == 7', fields: [{ name: 'a', path: 'a' }] },
      ],
    },
    true,
  ],
  ['37', '{"a":null}', x('a == nil', [['a', 'a']]), false, true],
  ['38', '{}', time('09:00:00', '17:00:00'), true, undefined, '2024-07-15T09:00:00Z'],
  ['39', '{}', time('09:00:00', '17:00:00'), false, undefined, '2024-07-15T17:00:00Z'],
  ['40', '{}', time('22:00:00', '02:00:00'), true, undefined, '2024-07-15T23:00:00Z'],
  ['41', '{}', time('22:00:00', '02:00:00'), true, undefined, '2024-07-15T01:59:59Z'],
  ['42', '{}', time('22:00:00', '02:00:00'), false, undefined, '2024-07-15T12:00:00Z'],
  ['43a', '{}', time('09:00:00', '17:00:00', 'America/New_York'), false, undefined, '2024-07-15T12:59:00Z'],
  ['43b', '{}', time('09:00:00', '17:00:00', 'America/New_York'), true, undefined, '2024-07-15T13:00:00Z'],
  ['44', '{}', time('22:00:00', '06:00:00', 'America/New_York'), true, undefined, '2024-07-15T02:00:00Z'],
  ['45', '{}', time('09:00', '17:00:00'), false, /time filter error/],
  ['45b', '{}', time('24:00:00', '17:00:00'), false, /hour out of range/],
  ['45c', '{}', time('9:00:00', '17:00:00.5'), true, undefined, '2024-07-15T12:00:00Z'],
  ['45d', '{}', time('09:00:00', '17:00:00', 'Nowhere/City'), false, /invalid timezone/],
  ['46', '{"a":"b"}', { script: 'return event.a == "b"' }, true],
  ['47', '{"a":"b"}', { script: 'return "true"' }, false],
  ['50', '[1,2]', { script: 'return true' }, false, true],
  ['51', '{"a":1}', { script: 'return event.x.y == 1' }, false, true],
  ['53a', '{"a":1}', {}, true],
  ['53b', '{"a":1}', {}, false, undefined, undefined, { op: 'or' }],
  [
    '54',
    '{"a":1}',
    { data: [{ path: 'a', type: 'number', value: ['2'] }], context: { source: 'webhook' } },
    true,
    undefined,
    undefined,
    { op: 'or' },
  ],
  [
    '55',
    '{"a":1}',
    { data: [{ path: 'z', type: 'number', value: ['2'] }], context: { source: 'webhook' } },
    false,
    true,
    undefined,
    { op: 'or' },
  ],
  [
    '56',
    '{"a":1}',
    { data: [{ path: 'z', type: 'number', value: ['2'] }], context: { source: 'webhook' } },
    false,
    true,
  ],
  ['57', '{"a":1}', { script: 'return (' }, false, true, undefined, { op: 'or' }],
  ['58', '{"a":1}', { data: [] }, true, undefined, undefined, { op: 'or' }],
  ['59', '{"a":1}', { context: { type: 'calendar' } }, false],
];

for (const [n, data, filters, pass, error, time, opts] of rows) {
  test(`filters.md §11 row ${n}`, async () => {
    const event = makeEvent(
      {
        id: '1',
        source: 'webhook',
        subject: 'example',
        type: 'webhook',
        datacontenttype: 'application/json',
        time: time ?? '2024-07-15T12:00:00Z',
      },
      data,
    );
    const v = compileFilters(filters, opts?.op, await loadLuaRuntime()).evaluate(event);
    const why = `${v.reasons.join('\n')}\nerror: ${v.error ?? '-'}`;
    assert.equal(v.pass, pass, why);
    if (error === undefined) assert.equal(v.error, undefined, why);
    else if (error === true) assert.ok(v.error !== undefined, why);
    else if (typeof error === 'string') assert.equal(v.error, error);
    else assert.match(v.error ?? '', error);
    assert.ok(v.reasons.length > 0);
  });
}
