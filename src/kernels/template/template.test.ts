// Table-driven tests of the template kernel: Argo's documented behaviour (spec/parameters.md §4),
// Go's printing rules, error texts, options (clock, env, zone, funcs), and the conformance
// cases of shared/conformance that exercise dataTemplate/contextTemplate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExpressionError, ErrorCodes } from '../../shared/errors.js';
import { ManualClock } from '../../shared/clock.js';
import { parseTemplate, renderTemplate } from './index.js';
import { Oracle } from '../../../test/oracle/oracle.js';

const NOW = new Date('2024-07-15T14:00:00Z');
const render = (t: string, data: unknown = {}): string => renderTemplate(t, data, { now: () => NOW });

const body = {
  message: 'hello',
  n: 42,
  f: 1.5,
  ok: true,
  obj: { a: 1 },
  list: ['x', 'y'],
  nul: null,
  id: 12345678,
  name: 'foo bar',
};
const input = { Input: { header: { 'X-Id': ['a1'] }, body } };

const outputs: Array<[template: string, data: unknown, expected: string]> = [
  // spec/parameters.md §4: numbers print as Go float64 %v
  ['{{ .n }}', { n: 100 }, '100'],
  ['{{ .n }}', { n: 999999 }, '999999'],
  ['{{ .n }}', { n: 1000000 }, '1e+06'],
  ['{{ .n }}', { n: 12345678 }, '1.2345678e+07'],
  ['{{ .n }}', { n: 1.5 }, '1.5'],
  ['{{ .n }}', { n: 0.0001 }, '0.0001'],
  ['{{ .n }}', { n: 0.00001 }, '1e-05'],
  ['{{ .n }}', { n: 1e21 }, '1e+21'],
  ['{{ .n }}', { n: -1.5e-7 }, '-1.5e-07'],
  ['{{ .Input.body.id | int64 }}', input, '12345678'],
  // strconv.ParseFloat takes underscores between digits without a base prefix (cast.ToFloat64)
  ['{{ "1_000.5" | float64 }}|{{ "1__0" | float64 }}|{{ "1e400" | float64 }}', {}, '1000.5|0|0'],
  // hexadecimal literals round once, subnormal results included
  ['{{ printf "%b" 0xc399134f6b8dbp-1096 }}|{{ 0x1_8p-1 }}', {}, '820397268p-1074|12'],
  ['{{ printf "%.0f" .Input.body.id }}', input, '12345678'],
  ['{{ .Input.body.id | toJson }}', input, '12345678'],
  ['{{ .Input.body.n | add 1 }}', input, '43'],
  // maps, lists, booleans, nil and missing keys
  ['{{ .m }}', { m: { k2: 'v2', k1: 'v1' } }, 'map[k1:v1 k2:v2]'],
  ['{{ .l }}', { l: ['a', 'b'] }, '[a b]'],
  ['{{ .l }}', { l: [1, null, [2, 3], { a: true }] }, '[1 <nil> [2 3] map[a:true]]'],
  ['{{ .Input.body.ok }}', input, 'true'],
  ['{{ .Input.body.missing }}', input, '<no value>'],
  ['x-{{ .Input.body.missing }}', input, 'x-<no value>'],
  ['{{ .Input.body.nul }}', input, '<no value>'],
  ['{{ index .Input.header "X-Id" 0 }}', input, 'a1'],
  // Argo's documented functions
  ['{{ .Input.body.name | title }}', input, 'Foo Bar'],
  ['{{ .Input.body.message | upper }}', input, 'HELLO'],
  ['{{ .Input.body.name | replace " " "_" }}', input, 'foo_bar'],
  ['{{ .Input.body.obj | toJson }}', input, '{"a":1}'],
  [
    '{{ .Input.body | toJson | b64enc | b64dec | fromJson | keys | sortAlpha | join "," }}',
    input,
    'f,id,list,message,n,name,nul,obj,ok',
  ],
  ['{{ b64dec "!!" }}', {}, 'illegal base64 data at input byte 0'],
  ['{{ .Input.body.missing | default "dflt" }}', input, 'dflt'],
  ['{{ coalesce .Input.body.nul "" "c" }}', input, 'c'],
  ['{{ ternary "yes" "no" .Input.body.ok }}', input, 'yes'],
  ['{{ .Input.body.n | toString }}', input, '42'],
  ['{{ toString 12345678.0 }}', {}, '1.2345678e+07'],
  ['{{ sha256sum "abc" }}', {}, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', {}, '-W-xxW-'],
  ['{{ regexMatch "^[a-z]+$" "abc" }}', {}, 'true'],
  ['{{ "hello world" | trunc 5 }}{{ substr 1 3 "hello" }}', {}, 'helloel'],
  ['{{ hasKey .m "a" }} {{ get .m "a" }} {{ dict "x" 1 "y" "z" }}', { m: { a: 1 } }, 'true 1 map[x:1 y:z]'],
  ['{{ list 1 "a" 2.5 | toJson }}', {}, '[1,"a",2.5]'],
  ['{{ splitList "," "a,b,c" | last }} {{ split "," "a,b" }}', {}, 'c map[_0:a _1:b]'],
  ['{{ toPrettyJson .m }}', { m: { a: [1, 2] } }, '{\n  "a": [\n    1,\n    2\n  ]\n}'],
  ['{{ toJson "<&>" }} {{ toRawJson "<&>" }}', {}, '"\\u003c\\u0026\\u003e" "<&>"'],
  ['{{ semverCompare "^1.2.0" "1.4.1" }} {{ (semver "v1.2.3-rc.1").Prerelease }}', {}, 'true rc.1'],
  // lists and dicts (merge/mergeOverwrite are not in the random generator, see the docs)
  [
    '{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }}',
    {},
    'map[a:1 b:3 n:map[x:1 y:2]]',
  ],
  ['{{ mergeOverwrite (dict "a" 1 "e" "") (dict "a" 2 "e" "" "b" 3) }}', {}, 'map[a:2 b:3 e:]'],
  ['{{ merge (dict "e" "" "z" 0) (dict "e" "x" "z" 5) }}', {}, 'map[e:x z:5]'],
  ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}', {}, 'map[b:2]'],
  ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', {}, '[1 3]'],
  ['{{ pick .m "a" "c" }} {{ omit .m "a" }}', { m: { a: 1, b: 2, c: 3 } }, 'map[a:1 c:3] map[b:2 c:3]'],
  ['{{ dig "a" "b" "dflt" .m }} {{ dig "a" "x" "dflt" .m }}', { m: { a: { b: 'v' } } }, 'v dflt'],
  [
    '{{ chunk 2 (list 1 2 3 4 5) }} {{ uniq (list 1 1 "a" "a") }} {{ without (list 1 2 3) 2 }}',
    {},
    '[[1 2] [3 4] [5]] [1 a] [1 3]',
  ],
  [
    '{{ has 2.0 .l }} {{ concat .l (list "x") }} {{ rest .l }} {{ initial .l }} {{ reverse .l }}',
    { l: [1, 2] },
    'true [1 2 x] [2] [1] [2 1]',
  ],
  [
    '{{ first (list) }} {{ rest (list) | toJson }} {{ compact (list 0 "" "a" nil false) }}',
    {},
    '<no value> null [a]',
  ],
  [
    '{{ urlJoin (dict "scheme" "https" "host" "h:1" "path" "/a b" "query" "q=1") }}',
    {},
    'https://h:1/a%20b?q=1',
  ],
  [
    '{{ urlParse "https://u:p@h.io:8/p?q=1#f" | toJson }}',
    {},
    '{"fragment":"f","host":"h.io:8","hostname":"h.io","opaque":"","path":"/p","query":"q=1","scheme":"https","userinfo":"u:p"}',
  ],
  [
    '{{ b32enc "hi" }} {{ b32dec "NBUQ====" }} {{ b32dec "x" }}',
    {},
    'NBUQ==== hi illegal base32 data at input byte 0',
  ],
  [
    '{{ $v := semver "1.2.3-rc.1+b5" }}{{ $v.Major }}.{{ $v.Minor }} {{ $v.Metadata }} {{ $v }}',
    {},
    '1.2 b5 1.2.3-rc.1+b5',
  ],
  [
    '{{ until 3 }} {{ untilStep 10 0 -3 }} {{ seq 3 }} {{ seq 5 -2 1 }}',
    {},
    '[0 1 2] [10 7 4 1] 1 2 3 5 3 1',
  ],
  [
    '{{ typeOf .l }} {{ typeOf (list) }} {{ kindOf .m }} {{ typeOf (splitList "," "a") }} {{ typeOf 1 }} {{ typeOf nil }}',
    { l: [], m: {} },
    '[]interface {} []interface {} map []string int <nil>',
  ],
  ['{{ deepEqual (list 1 "a") (list 1 "a") }} {{ deepEqual 1 1.0 }}', {}, 'true false'],
  // control structures, variables, trim markers, comments, templates
  ['{{ $x := 1 }}{{ if eq .n 42.0 }}{{ $x = 2 }}{{ end }}{{ $x }}', { n: 42 }, '2'],
  ['{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ else }}empty{{ end }}', { l: ['a', 'b'] }, '0=a;1=b;'],
  ['{{ range .l }}{{ . }}{{ else }}empty{{ end }}', { l: [] }, 'empty'],
  ['{{ range $k, $v := .m }}{{ $k }}:{{ $v }} {{ end }}', { m: { b: 2, a: 1 } }, 'a:1 b:2 '],
  ['{{ range .l }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }}', { l: [1, 2, 3] }, '1'],
  ['{{ range .l }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}', { l: [1, 2, 3] }, '13'],
  ['{{ with .m.a }}{{ . }}{{ else }}none{{ end }}', { m: {} }, 'none'],
  ['{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}', { b: 1 }, 'B'],
  ['a  {{- " b " -}}  c', {}, 'a b c'],
  ['a {{/* comment */}} b {{- /* trimmed */}} c', {}, 'a  b c'],
  [
    '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .s }}{{ block "b" 1 }}<{{ . }}>{{ end }}',
    { s: 'x' },
    '[x]<1>',
  ],
  ['{{ and 1 0 "x" }} {{ or 0 "" "y" }} {{ not .missing }}', {}, '0 y true'],
  ['{{ len "héllo" }} {{ len .l }} {{ index "abc" 1 }} {{ slice .l 1 }}', { l: [1, 2] }, '6 2 98 [2]'],
  [
    '{{ html "<a href=\'x\'>" }} {{ js "a\'b<c" }} {{ urlquery "a b&c" }}',
    {},
    "&lt;a href=&#39;x&#39;&gt; a\\'b\\u003Cc a+b%26c",
  ],
  ['{{ print 1 2 "a" 3 }}|{{ println 1 "a" }}', {}, '1 2a3|1 a\n'],
  // printf verbs
  [
    '{{ printf "%s|%d|%v|%q|%x|%5.2f|%t|%T" "s" 42 .l "q" "hi" 3.14159 true .n }}',
    { l: [1], n: 1 },
    's|42|[1]|"q"|6869| 3.14|true|float64',
  ],
  [
    '{{ printf "%5s|%-5s|%05d|%+d|%e|%g|%c|%U" "ab" "cd" 42 7 1234.5678 0.000012 65 65 }}',
    {},
    '   ab|cd   |00042|+7|1.234568e+03|1.2e-05|A|U+0041',
  ],
  ['{{ printf "%d %s" 1.5 }}', {}, '%!d(float64=1.5) %!s(MISSING)'],
  ['{{ printf "%v" 1 2 }}', {}, '1%!(EXTRA int=2)'],
  ['{{ printf "%.2f" 2.675 }} {{ printf "%.0f" 0.5 }} {{ printf "%.0f" 1.5 }}', {}, '2.67 0 2'],
  // dates with the injected clock
  ['{{ now }}', {}, '2024-07-15 14:00:00 +0000 UTC'],
  [
    '{{ now | date "2006-01-02T15:04:05Z07:00" }} {{ now | unixEpoch }}',
    {},
    '2024-07-15T14:00:00Z 1721052000',
  ],
  [
    '{{ dateInZone "Mon Jan _2 15:04:05 MST 2006" now "America/New_York" }}',
    {},
    'Mon Jul 15 10:00:00 EDT 2024',
  ],
  ['{{ now | dateModify "1h30m" | date "15:04" }} {{ duration "3725" }}', {}, '15:30 1h2m5s'],
  ['{{ toDate "2006-01-02" "2024-02-29" | date "Jan 2, 2006 (Monday)" }}', {}, 'Feb 29, 2024 (Thursday)'],
];

for (const [template, data, expected] of outputs) {
  test(`renders ${JSON.stringify(template)}`, () => {
    assert.equal(render(template, data), expected);
  });
}

const errors: Array<[template: string, data: unknown, message: string]> = [
  ['{{ nope }}', {}, 'template: param:1: function "nope" not defined'],
  ['{{ .a', {}, 'template: param:1: unclosed action'],
  ['{{ if .a }}x', {}, 'template: param:1: unexpected EOF'],
  ['{{ end }}', {}, 'template: param:1: unexpected {{end}}'],
  ['{{ $x }}', {}, 'template: param:1: undefined variable "$x"'],
  ['x\n{{ break }}', {}, 'template: param:2: {{break}} outside {{range}}'],
  [
    '{{ upper .n }}',
    { n: 1 },
    'template: param:1:9: executing "param" at <.n>: wrong type for value; expected string; got float64',
  ],
  [
    '{{ upper .missing }}',
    {},
    'template: param:1:9: executing "param" at <.missing>: invalid value; expected string',
  ],
  [
    '{{ .s.x }}',
    { s: 'str' },
    'template: param:1:5: executing "param" at <.s.x>: can\'t evaluate field x in type interface {}',
  ],
  [
    '{{ .z.x }}',
    { z: null },
    'template: param:1:5: executing "param" at <.z.x>: nil pointer evaluating interface {}.x',
  ],
  [
    '{{ index .l 5 }}',
    { l: [1] },
    'template: param:1:3: executing "param" at <index .l 5>: error calling index: index out of range: 5',
  ],
  [
    '{{ div 1 0 }}',
    {},
    'template: param:1:3: executing "param" at <div 1 0>: error calling div: runtime error: integer divide by zero',
  ],
  [
    '{{ eq .m 1 }}',
    { m: {} },
    'template: param:1:3: executing "param" at <eq .m 1>: error calling eq: incompatible types for comparison',
  ],
  [
    '{{ range .n }}{{ end }}',
    { n: 5 },
    'template: param:1:9: executing "param" at <.n>: range can\'t iterate over 5',
  ],
  [
    '{{ fail "boom" }}',
    {},
    'template: param:1:3: executing "param" at <fail "boom">: error calling fail: boom',
  ],
  [
    '{{ template "x" }}',
    {},
    'template: param:1:12: executing "param" at <{{template "x"}}>: template "x" not defined',
  ],
  [
    '{{ 1 | upper }}',
    {},
    'template: param:1:7: executing "param" at <upper>: wrong type for value; expected string; got int',
  ],
];

for (const [template, data, message] of errors) {
  test(`fails ${JSON.stringify(template)} with Go's message`, () => {
    assert.throws(
      () => render(template, data),
      (e: unknown) =>
        e instanceof ExpressionError && e.code === ErrorCodes.EXPRESSION && e.message === message,
    );
  });
}

test('every table case agrees with Go text/template + sprig (oracle)', async () => {
  const oracle = Oracle.start();
  try {
    const all = [
      ...outputs.map(([t, d, e]) => ({ t, d, out: e })),
      ...errors.map(([t, d, e]) => ({ t, d, err: e })),
    ];
    const answers = await oracle.queryAll<{ out: string }>(
      'template',
      all.map((c) => ({ template: c.t, data: c.d, now: NOW.toISOString() })),
    );
    all.forEach((c, i) => {
      const a = answers[i]!;
      if ('out' in c) assert.equal(a.ok?.out, c.out, `Go renders ${c.t} differently`);
      else assert.equal(a.err, c.err, `Go fails ${c.t} differently`);
    });
  } finally {
    await oracle.close();
  }
});

test('every sprig 3.2.3 function name is defined', async () => {
  const oracle = Oracle.start();
  try {
    const names = (await oracle.query<string[]>('template-funcs', {})).ok ?? [];
    assert.ok(names.length > 150, `only ${names.length} names`);
    const undefinedNames = names.filter((n) => {
      try {
        parseTemplate(`{{ ${n} }}`);
        return false;
      } catch (e) {
        return e instanceof ExpressionError && e.message.includes('not defined');
      }
    });
    assert.deepEqual(undefinedNames, []);
  } finally {
    await oracle.close();
  }
});

test('the template name appears in errors', () => {
  assert.throws(
    () => renderTemplate('{{ upper 1 }}', {}, { name: 'dataTemplate' }),
    /template: dataTemplate:1:9: executing "dataTemplate" at <1>: expected string; found 1$/,
  );
});

test('a parsed template is reusable and does not keep data between executions', () => {
  const t = parseTemplate('{{ .Input.body.name | upper }}-{{ .Input.body.n | add 1 }}');
  assert.equal(t.execute({ Input: { body: { name: 'a', n: 1 } } }), 'A-2');
  assert.equal(t.execute({ Input: { body: { name: 'b', n: 41 } } }), 'B-42');
  assert.equal(t.execute({ Input: { body: { name: 'c' } } }), 'C-1');
});

test('the clock is injected: now and date read it at execution time', () => {
  let now = new Date('2024-01-01T00:00:00Z');
  const t = parseTemplate('{{ now | date "2006-01-02" }} {{ date "15:04" .x }}', { now: () => now });
  assert.equal(t.execute({ x: 'not a time' }), '2024-01-01 00:00');
  now = new Date('2025-06-30T23:59:00Z');
  assert.equal(t.execute({ x: 1 }), '2025-06-30 23:59');
});

test('a project Clock can drive now', () => {
  const clock = new ManualClock(Date.parse('2030-01-02T03:04:05Z'));
  assert.equal(renderTemplate('{{ now | date "2006-01-02 15:04" }}', {}, { clock }), '2030-01-02 03:04');
});

test('env and expandenv read the given environment only', () => {
  const opts = { env: { HOME: '/home/argo', X: 'x' } };
  assert.equal(
    renderTemplate('{{ env "HOME" }}|{{ env "PATH" }}|{{ expandenv "$X-${HOME}-$NOPE" }}', {}, opts),
    '/home/argo||x-/home/argo-',
  );
});

test('timeZone sets Go time.Local for date', () => {
  const opts = { now: () => NOW, timeZone: 'Asia/Tokyo' };
  assert.equal(renderTemplate('{{ now }}', {}, opts), '2024-07-15 23:00:00 +0900 JST');
  assert.equal(renderTemplate('{{ date "15:04 MST" now }}', {}, opts), '23:00 JST');
});

test('extra funcs override sprig and receive Go values', () => {
  const seen: unknown[] = [];
  const out = renderTemplate(
    '{{ upper "a" }}{{ shout .n 2 }}',
    { n: 1.5 },
    {
      funcs: {
        upper: (s) => `U(${String(s)})`,
        shout: (...args) => {
          seen.push(...args);
          return 'ok';
        },
      },
    },
  );
  assert.equal(out, 'U(a)ok');
  assert.equal(seen[0], 1.5);
  assert.equal(String((seen[1] as { v: bigint }).v), '2');
});

test('a function throwing becomes a Go-style call error', () => {
  assert.throws(
    () =>
      renderTemplate(
        '{{ boom }}',
        {},
        {
          funcs: {
            boom: () => {
              throw new Error('bad');
            },
          },
        },
      ),
    /error calling boom: bad$/,
  );
});

// ---- conformance: shared/conformance/parameters.json (dataTemplate / contextTemplate) ----

const conformanceDir =
  process.env.ARGUS_CONFORMANCE_DIR ??
  resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'conformance');
const paramsFile = resolve(conformanceDir, 'parameters.json');

interface ResolveCase {
  name: string;
  input: {
    kind: string;
    events?: Record<string, { context: Record<string, unknown>; data: string }>;
    src?: { dependencyName: string; dataTemplate?: string; contextTemplate?: string; dataKey?: string };
  };
  expect: { error?: boolean; value?: string };
}

if (!existsSync(paramsFile)) {
  console.error(`!!! conformance parameters.json not found at ${paramsFile}: conformance tests skipped`);
  void test.skip(`conformance parameters.json not found at ${paramsFile} (set ARGUS_CONFORMANCE_DIR)`, () => {});
} else {
  const cases = (JSON.parse(readFileSync(paramsFile, 'utf8')) as { cases: ResolveCase[] }).cases.filter(
    (c) =>
      c.input.kind === 'resolve' &&
      (c.input.src?.dataTemplate !== undefined || c.input.src?.contextTemplate !== undefined),
  );
  test('conformance: parameters.json has template cases', () => {
    assert.ok(cases.length >= 5, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    test(`conformance: ${c.name}`, () => {
      const src = c.input.src!;
      const event = c.input.events?.[src.dependencyName];
      assert.ok(event !== undefined);
      // spec §3.3/§4: data wins; the document is decoded JSON under .Input.
      const useData = src.dataTemplate !== undefined;
      const doc = useData ? (JSON.parse(event.data) as unknown) : event.context;
      const template = (useData ? src.dataTemplate : src.contextTemplate)!;
      let out: string | undefined;
      try {
        out = renderTemplate(template, { Input: doc });
      } catch (e) {
        assert.ok(e instanceof ExpressionError);
      }
      const templateSucceeded = out !== undefined && out !== '' && out !== '<no value>';
      if (templateSucceeded) {
        assert.equal(out, c.expect.value);
      } else {
        // §3.4: a failed template falls through to the key; the case must then name one.
        assert.ok(src.dataKey !== undefined, 'a failing template needs a key to fall back to');
      }
    });
  }
}

test('conformance: filters-data template on a string .Input', () => {
  assert.equal(render('{{ b64dec .Input | upper }}', { Input: 'aGVsbG8gd29ybGQ=' }), 'HELLO WORLD');
});
