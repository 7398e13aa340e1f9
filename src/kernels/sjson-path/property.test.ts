// Property tests of the sjson writer (there is no Go sjson to compare with): on generated
// valid documents, writing at generated simple paths keeps the document valid JSON, reads
// back the written value through gjson, and leaves the text outside the value untouched.
// Seed: ARGUS_FC_SEED (default below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { set, setRaw, remove } from './index.js';
import { get, valid } from '../gjson-path/index.js';
import { ExpressionError } from '../../shared/errors.js';
import { nodeArb, serialize, escapeKey } from '../gjson-path/gen.test-support.js';
import type { Node } from '../gjson-path/gen.test-support.js';

const SEED = Number(process.env['ARGUS_FC_SEED'] ?? 20261122);
const RUNS = Number(process.env['ARGUS_SJSON_RUNS'] ?? 4000);

/** A simple sjson path: mostly existing keys/indexes, sometimes new ones, sometimes deeper. */
function pathArb(n: Node, depth: number): fc.Arbitrary<string[]> {
  const stop = fc.constant<string[]>([]);
  const fresh = fc
    .array(fc.constantFrom('new', 'x', '0', '2', ':7', 'k\\.dot', 'n'), { minLength: 1, maxLength: 3 })
    .map((p) => p);
  const choices: Array<fc.Arbitrary<string[]>> = [fresh];
  if (depth > 0 && n.t === 'obj' && n.entries.length > 0) {
    choices.push(
      fc
        .constantFrom(...n.entries)
        .chain(([, k, v]) => fc.oneof(stop, pathArb(v, depth - 1)).map((rest) => [escapeKey(k), ...rest])),
    );
  }
  if (depth > 0 && n.t === 'arr' && n.items.length > 0) {
    choices.push(
      fc
        .nat({ max: n.items.length - 1 })
        .chain((i) => fc.oneof(stop, pathArb(n.items[i]!, depth - 1)).map((rest) => [String(i), ...rest])),
    );
  }
  return fc.oneof(...choices);
}

const valueArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('plain', 'a<b', 'q"uote', 'back\\slash', 'new\nline', '\u2028', 'é', '😀', '\b\f'),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const caseArb = fc
  .tuple(
    nodeArb(3).filter((n) => n.t === 'obj' || n.t === 'arr'),
    fc.constantFrom<string[]>(['', ''], [' ', '\n  ']),
  )
  .chain(([root, ws]) =>
    fc.record({
      root: fc.constant(root),
      json: fc.constant(serialize(root, ws)),
      path: pathArb(root, 3),
      value: valueArb,
    }),
  );

function unescapeKey(k: string): string {
  return k.replace(/\\(.)/gu, '$1');
}

/**
 * Whether a write at `path` must read back through gjson. sjson locates each component with
 * gjson, so some inputs legitimately do not: duplicate keys (sjson descends into the first,
 * gjson reads on into later ones), an empty component (sjson takes it as array index 0), and
 * a string holding `[` or `{` on the way (gjson, which does not validate, reads inside it).
 */
function readBackApplies(root: Node, path: string[]): boolean {
  let n: Node | undefined = root;
  for (const p of path) {
    if (p === '') return false;
    if (n === undefined) return true;
    if (n.t === 'str') return !/[[{]/.test(n.val);
    if (n.t === 'obj') {
      const keys = n.entries.map(([, k]) => k);
      if (new Set(keys).size !== keys.length) return false;
      const key = unescapeKey(p.replace(/^:/, ''));
      n = n.entries.find(([, k]) => k === key)?.[2];
    } else if (n.t === 'arr') n = /^\d+$/.test(p) ? n.items[Number(p)] : undefined;
    else n = undefined;
  }
  return true;
}

/** What gjson should read back at the written place. */
function readBack(value: unknown): { type: string; text: string } {
  if (typeof value === 'string') return { type: 'String', text: value };
  if (typeof value === 'number') return { type: 'Number', text: String(value) };
  if (typeof value === 'boolean') return { type: value ? 'True' : 'False', text: String(value) };
  return { type: 'Null', text: '' };
}

test(`sjson set: ${RUNS} generated writes stay valid, read back and keep the rest of the text (seed ${SEED})`, () => {
  let written = 0;
  let rejected = 0;
  fc.assert(
    fc.property(caseArb, ({ root, json, path, value }) => {
      const dest = path.join('.');
      if (dest === '' || !readBackApplies(root, path)) return;
      let out: string;
      try {
        out = set(json, dest, value);
      } catch (e) {
        // sjson refuses a non-numeric key inside an existing array
        assert.ok(e instanceof ExpressionError, String(e));
        assert.match(e.message, /cannot set array element for non-numeric key/);
        rejected++;
        return;
      }
      written++;
      assert.ok(valid(out), `not valid JSON: ${out}`);
      // gjson reads the written value at the same path (a forced `:N` key reads as `N`)
      const readPath = path.map((p) => p.replace(/^:/, '')).join('.');
      const r = get(out, readPath);
      const want = readBack(value);
      assert.equal(r.type, want.type, `${dest} in ${out}`);
      if (typeof value === 'number') assert.equal(r.num, value);
      else assert.equal(r.string(), want.text);
      // an existing value is replaced in place: the text around it is unchanged
      const before = get(json, readPath);
      if (before.exists() && before.index > 0 && get(out, readPath).index === before.index) {
        assert.equal(out.slice(0, before.index), json.slice(0, before.index));
        assert.equal(out.slice(before.index + r.raw.length), json.slice(before.index + before.raw.length));
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(written > RUNS / 2, `only ${written} writes (${rejected} rejected)`);
});

test(`sjson delete then set: removing what was written gives valid JSON without it (seed ${SEED})`, () => {
  fc.assert(
    fc.property(caseArb, ({ root, json, path }) => {
      const dest = path.join('.');
      if (dest === '' || path.some((p) => p.startsWith(':')) || !readBackApplies(root, path)) return;
      let out: string;
      try {
        out = setRaw(json, dest, '"marker"');
      } catch {
        return;
      }
      const removed = remove(out, dest);
      assert.ok(valid(removed), `not valid JSON after delete: ${removed}`);
      assert.notEqual(get(removed, dest).raw, '"marker"');
    }),
    { seed: SEED + 1, numRuns: Math.floor(RUNS / 2) },
  );
});
