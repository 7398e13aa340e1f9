/**
 * fast-check generators for the gjson differential tests: JSON documents (with raw number
 * spellings, escapes, odd keys, whitespace, sometimes broken) and paths drawn from the
 * gjson grammar, mostly walking the document so that they hit something.
 */
import fc from 'fast-check';

/** A generated JSON value, kept as text pieces so number spellings and escapes survive. */
export type Node =
  | { t: 'lit'; raw: string }
  | { t: 'num'; raw: string }
  | { t: 'str'; raw: string; val: string }
  | { t: 'arr'; items: Node[] }
  | { t: 'obj'; entries: Array<[string, string, Node]> };

const strPool: Array<[string, string]> = [
  ['"x"', 'x'],
  ['"v1"', 'v1'],
  ['"v2"', 'v2'],
  ['"Hello"', 'Hello'],
  ['""', ''],
  ['"a b"', 'a b'],
  ['"1"', '1'],
  ['"12"', '12'],
  ['"-3.5"', '-3.5'],
  ['"true"', 'true'],
  ['"T"', 'T'],
  ['"yes"', 'yes'],
  ['"1e3"', '1e3'],
  ['" 5"', ' 5'],
  ['"inf"', 'inf'],
  ['"0x1p-2"', '0x1p-2'],
  ['"1_000"', '1_000'],
  ['"caf\\u00e9"', 'café'],
  ['"café"', 'café'],
  ['"😀"', '😀'],
  ['"\\ud83d\\ude00"', '😀'],
  ['"\\ud800x"', '\ufffdx'],
  ['"q\\"uote"', 'q"uote'],
  ['"back\\\\slash"', 'back\\slash'],
  ['"a\\nb\\tc"', 'a\nb\tc'],
  ['"\\/sl"', '/sl'],
  ['"<&>"', '<&>'],
  ['"{\\"a\\":1}"', '{"a":1}'],
  ['"[1,2]"', '[1,2]'],
  ['"wild*card"', 'wild*card'],
  ['"abc"', 'abc'],
  ['"abd"', 'abd'],
  ['"\\u2028"', '\u2028'],
  ['"ｘ"', 'ｘ'],
];

const numPool = [
  '0',
  '1',
  '2',
  '3',
  '-1',
  '10',
  '42',
  '1.5',
  '1.50',
  '-0',
  '0.1',
  '1e3',
  '1E+2',
  '-2.5e-7',
  '12345678901234567890',
  '9007199254740993',
  '1e400',
  '3.14159',
  '100',
  '-0.0',
  '1.0',
  '5e-324',
];

const keyPool: Array<[string, string]> = [
  ['"a"', 'a'],
  ['"b"', 'b'],
  ['"c"', 'c'],
  ['"k"', 'k'],
  ['"n"', 'n'],
  ['"name"', 'name'],
  ['"list"', 'list'],
  ['"0"', '0'],
  ['"1"', '1'],
  ['"-1"', '-1'],
  ['"fav.movie"', 'fav.movie'],
  ['"a*b"', 'a*b'],
  ['"q?"', 'q?'],
  ['"#"', '#'],
  ['"@this"', '@this'],
  ['"pi|pe"', 'pi|pe'],
  ['"sp ace"', 'sp ace'],
  ['"é"', 'é'],
  ['"\\u0061b"', 'ab'],
  ['"k\\"q"', 'k"q'],
  ['"ab"', 'ab'],
  ['"abc"', 'abc'],
  ['""', ''],
  ['"!x"', '!x'],
  ['"x[0]"', 'x[0]'],
  ['"😀k"', '😀k'],
  ['"\\ud83d\\ude00"', '😀'],
];

const litArb = fc.constantFrom<Node>(
  { t: 'lit', raw: 'null' },
  { t: 'lit', raw: 'true' },
  { t: 'lit', raw: 'false' },
);
const numArb = fc.constantFrom(...numPool).map((raw): Node => ({ t: 'num', raw }));
const strArb = fc.constantFrom(...strPool).map(([raw, val]): Node => ({ t: 'str', raw, val }));

/** Arbitrary JSON value trees; `depth` bounds nesting. */
export function nodeArb(depth: number): fc.Arbitrary<Node> {
  const leaf = fc.oneof(
    { weight: 1, arbitrary: litArb },
    { weight: 3, arbitrary: numArb },
    { weight: 3, arbitrary: strArb },
  );
  if (depth <= 0) return leaf;
  const child = nodeArb(depth - 1);
  const arr = fc.array(child, { maxLength: 4 }).map((items): Node => ({ t: 'arr', items }));
  const obj = fc
    .array(fc.tuple(fc.constantFrom(...keyPool), child), { maxLength: 4 })
    .map((es): Node => ({ t: 'obj', entries: es.map(([[kr, kv], v]) => [kr, kv, v]) }));
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 3, arbitrary: arr },
    { weight: 4, arbitrary: obj },
  );
}

const wsArb = fc.constantFrom('', '', '', ' ', '\n', '\n  ', '\t', '\r\n');

/** Serialises a node with whitespace chosen from `ws` (cycled). */
export function serialize(n: Node, ws: string[]): string {
  let k = 0;
  const w = (): string => ws[k++ % ws.length] ?? '';
  const go = (m: Node): string => {
    switch (m.t) {
      case 'lit':
      case 'num':
      case 'str':
        return m.raw;
      case 'arr':
        return '[' + w() + m.items.map((x) => go(x) + w()).join(',' + w()) + ']';
      case 'obj':
        return (
          '{' + w() + m.entries.map(([kr, , v]) => kr + w() + ':' + w() + go(v) + w()).join(',' + w()) + '}'
        );
    }
  };
  return go(n);
}

/** Escapes a key for a gjson path the way gjson's own `escapeComp` does. */
export function escapeKey(k: string): string {
  let out = '';
  for (const ch of k) {
    const c = ch.charCodeAt(0);
    const safe =
      c <= 32 ||
      c > 126 ||
      ch === '_' ||
      ch === '-' ||
      ch === ':' ||
      (ch >= 'a' && ch <= 'z') ||
      (ch >= 'A' && ch <= 'Z') ||
      (ch >= '0' && ch <= '9');
    out += safe ? ch : '\\' + ch;
  }
  return out;
}

const modArb = fc.constantFrom(
  '@this',
  '@reverse',
  '@keys',
  '@values',
  '@flatten',
  '@flatten:{"deep":true}',
  '@join',
  '@join:{"preserve":true}',
  '@valid',
  '@pretty',
  '@pretty:{"sortKeys":true,"indent":"\\t","width":20}',
  '@pretty:{"prefix":" ","width":8}',
  '@ugly',
  '@tostr',
  '@fromstr',
  '@group',
  '@dig:a',
  '@this:x|y',
  '@reverse:[1,|2]',
  '@nosuch',
);

const opArb = fc.constantFrom('==', '=', '!=', '<', '<=', '>', '>=', '%', '!%', '', '!');

const literalArb = fc.constantFrom(
  '!true',
  '!false',
  '!null',
  '!NaN',
  '!inf',
  '!"lit"',
  '!{"a":[1,2]}',
  '![1,"x"]',
  '!-12.5',
  '!1e2',
  '!nope',
);

const junkArb = fc.constantFrom(
  '.',
  '|',
  '#',
  '*',
  '?',
  '\\',
  '@',
  '!',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ',',
  ':',
  '"',
  '=',
  '..',
  '#.',
  '.#',
  '~',
);

function valueText(n: Node): string[] {
  switch (n.t) {
    case 'lit':
    case 'num':
      return [n.raw];
    case 'str':
      return [n.raw, n.val.replace(/[\\"()[\]]/g, '')];
    default:
      return [];
  }
}

/** The values found directly or one level down in the elements of an array: query material. */
function queryMaterial(items: Node[]): { keys: string[]; values: string[] } {
  const keys = new Set<string>();
  const values = new Set<string>([
    '1',
    '"x"',
    'true',
    'false',
    '"a*"',
    '~true',
    '~false',
    '~null',
    '~*',
    '~x',
    '*',
  ]);
  for (const it of items) {
    for (const v of valueText(it)) values.add(v);
    if (it.t === 'obj') {
      for (const [, k, v] of it.entries) {
        keys.add(escapeKey(k));
        for (const x of valueText(v)) values.add(x);
      }
    }
  }
  return { keys: [...keys], values: [...values] };
}

/** A path component (no leading separator) starting at `n`, mostly one that exists. */
export function compArb(n: Node, depth: number): fc.Arbitrary<string> {
  const rest = (m: Node): fc.Arbitrary<string> => (depth <= 0 ? fc.constant('') : tailArb(m, depth - 1));
  const choices: Array<fc.WeightedArbitrary<string>> = [];
  if (n.t === 'obj' && n.entries.length > 0) {
    const entry = fc.constantFrom(...n.entries);
    choices.push({
      weight: 10,
      arbitrary: entry.chain(([, k, v]) => {
        const esc = escapeKey(k);
        const keyForms = [esc, esc, esc];
        const cps = Array.from(esc); // cut between code points, never inside a surrogate pair
        if (cps.length > 1)
          keyForms.push(cps.slice(0, -1).join('') + '?', cps[0] === '\\' ? esc : cps[0] + '*');
        return fc.tuple(fc.constantFrom(...keyForms), rest(v)).map(([a, b]) => a + b);
      }),
    });
  }
  if (n.t === 'arr') {
    if (n.items.length > 0) {
      const idx = fc.nat({ max: n.items.length - 1 });
      choices.push({
        weight: 8,
        arbitrary: idx.chain((i) => rest(n.items[i]!).map((r) => String(i) + r)),
      });
      const elem = fc.constantFrom(...n.items);
      choices.push({
        weight: 5,
        arbitrary: elem.chain((e) =>
          depth <= 0 ? fc.constant('#') : compArb(e, depth - 1).map((c) => '#.' + c),
        ),
      });
      const qm = queryMaterial(n.items);
      const qkey = qm.keys.length > 0 ? fc.constantFrom(...qm.keys) : fc.constant('');
      const query = fc
        .tuple(
          fc.oneof(
            qkey,
            fc.constant(''),
            elem.chain((e) => (depth <= 0 ? fc.constant('') : compArb(e, 0))),
          ),
          opArb,
          fc.constantFrom(...qm.values),
          fc.constantFrom('(', '(', '['),
          fc.boolean(),
          fc.constantFrom('', ' '),
        )
        .map(([k, op, v, open, all, sp]) => {
          const close = open === '(' ? ')' : ']';
          return '#' + open + k + sp + op + sp + (op === '' ? '' : v) + close + (all ? '#' : '');
        });
      choices.push({
        weight: 6,
        arbitrary: fc.tuple(query, elem).chain(([q, e]) => rest(e).map((r) => q + r)),
      });
      // nested query: #(list.#(n>1))
      choices.push({
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('k', 'list', 'a', 'b'), opArb, fc.constantFrom(...qm.values))
          .map(([k, op, v]) => `#(${k}.#(${op === '' ? '' : '%'}${op === '' ? '' : v}))`),
      });
    }
    choices.push({ weight: 3, arbitrary: fc.constantFrom('#', String(n.items.length), '-1', '01', '#.#') });
  }
  choices.push({ weight: 2, arbitrary: fc.tuple(modArb, rest(n)).map(([m, r]) => m + r) });
  if (depth > 0) {
    const sub = compArb(n, depth - 1);
    choices.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.array(fc.tuple(fc.constantFrom('', '', 'x:', '"q":', '"b\\"":'), sub), {
            minLength: 1,
            maxLength: 3,
          }),
          fc.constantFrom('[', '{'),
          fc.constantFrom('', '', '.0', '|@reverse', '.#', '|x'),
        )
        .map(([sels, open, after]) => {
          const body = sels.map(([name, p]) => (open === '{' ? name : '') + p).join(',');
          return open + body + (open === '[' ? ']' : '}') + after;
        }),
    });
  }
  choices.push({ weight: 1, arbitrary: literalArb });
  choices.push({
    weight: 1,
    arbitrary: fc.constantFrom('missing', 'a', 'name', '0', '*', '?', 'a*', '\\@this', ''),
  });
  return fc.oneof(...choices);
}

/** What follows a component: nothing, or a separator and another component. */
export function tailArb(n: Node, depth: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: compArb(n, depth).map((c) => '.' + c) },
    { weight: 2, arbitrary: compArb(n, depth).map((c) => '|' + c) },
  );
}

/** Moves a cut position off the middle of a surrogate pair (Go only sees whole code points). */
const whole = (p: string, at: number): number => {
  const c = p.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
};

/** Sometimes inserts a syntax character into a path, or cuts it short. */
const mutate = (p: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(p) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: Math.max(0, p.length) }), junkArb)
        .map(([at, j]) => p.slice(0, whole(p, at)) + j + p.slice(whole(p, at))),
    },
    { weight: 1, arbitrary: fc.nat({ max: Math.max(0, p.length) }).map((at) => p.slice(0, whole(p, at))) },
  );

/** One differential case: a document and several paths into it. */
export interface Case {
  json: string;
  paths: string[];
}

/** Documents (sometimes JSON lines, sometimes cut short) with paths biased to hit them. */
export const caseArb: fc.Arbitrary<Case> = fc
  .tuple(
    nodeArb(4),
    fc.array(wsArb, { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 99 }),
    fc.nat({ max: 1000 }),
  )
  .chain(([root, ws, mode, cut]) => {
    let json = serialize(root, ws);
    if (mode < 4) {
      // broken text, cut between code points (a lone surrogate has no UTF-8 form to send Go)
      let at = Math.floor((json.length * cut) / 1000);
      const c = json.charCodeAt(at - 1);
      if (c >= 0xd800 && c <= 0xdbff) at--;
      json = json.slice(0, at);
    } else if (mode < 8) json = json + '\n' + serialize(root, ['']) + '\n' + '{"a":1}'; // JSON lines
    const pathArb = compArb(root, 4)
      .chain(mutate)
      .map((p) => (mode >= 4 && mode < 8 && p.length % 2 === 0 ? '..' + p : p));
    return fc.array(pathArb, { minLength: 1, maxLength: 8 }).map((paths) => ({ json, paths }));
  });
