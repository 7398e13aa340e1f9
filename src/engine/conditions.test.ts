import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advanceTrigger,
  clearTrigger,
  emptyConditionState,
  pruneTriggerBefore,
  resolveConditions,
  type ConditionState,
} from './conditions.js';
import { makeEvent } from './event.js';

const deps = (...names: string[]) => names.map((name) => ({ name }));
const ev = (id: string) => makeEvent({ id, source: 's', subject: 'e' }, '{}');
const now = new Date('2024-07-15T16:36:34Z');

test('empty conditions: all dependencies AND-ed in declaration order', () => {
  const c = resolveConditions({}, deps('dep1', 'dep1a', 'dep2'));
  assert.equal(c.expression, 'dep1&&dep1a&&dep2');
  assert.deepEqual(c.dependencies, ['dep1', 'dep1a', 'dep2']);
  assert.equal(c.andMode, true);
  assert.equal(resolveConditions({ conditions: '' }, deps('a')).expression, 'a');
  assert.equal(resolveConditions({ conditions: '' }, deps('a')).andMode, false);
});

test('- and _ are interchangeable; the expression names real dependencies', () => {
  const c = resolveConditions(
    { conditions: 'dep-1 || dep-1a || dep-3' },
    deps('dep-1', 'dep_1a', 'dep-2', 'dep-3'),
  );
  assert.equal(c.expression, 'dep-1||dep_1a||dep-3');
  assert.deepEqual(c.dependencies, ['dep-1', 'dep_1a', 'dep-3']);
  assert.equal(c.andMode, false);
});

test('precedence: && binds tighter than ||; parentheses group', () => {
  const c = resolveConditions({ conditions: 'a || b && c' }, deps('a', 'b', 'c'));
  assert.equal(c.evaluate(new Set(['a'])), true);
  assert.equal(c.evaluate(new Set(['b'])), false);
  assert.equal(c.evaluate(new Set(['b', 'c'])), true);
  const p = resolveConditions({ conditions: '(a || b) && c' }, deps('a', 'b', 'c'));
  assert.equal(p.expression, '(a||b)&&c');
  assert.equal(p.evaluate(new Set(['a'])), false);
  assert.equal(p.evaluate(new Set(['a', 'c'])), true);
});

test('invalid conditions are errors with a clear message', () => {
  const bad = ['a &&', '!a', 'a and b', 'a & b', 'true', '   ', '(a || b', 'a.b', 'a b', 'unknown'];
  for (const conditions of bad) {
    assert.throws(
      () => resolveConditions({ conditions }, deps('a', 'b')),
      /invalid conditions|unknown dependency/,
      conditions,
    );
  }
  assert.throws(() => resolveConditions({ conditions: 'a && nope' }, deps('a')), /unknown dependency 'nope'/);
});

test('AND mode: latest event per dependency wins; firing passes all stored events and clears', () => {
  const c = resolveConditions({ conditions: 'a && b' }, deps('a', 'b'));
  let state: ConditionState = emptyConditionState;
  for (let i = 1; i <= 10; i++) {
    const r = advanceTrigger(state, 't', c, 'a', ev(`a${i}`), now);
    assert.equal(r.firing, undefined);
    state = r.state;
  }
  assert.equal(state.triggers.t?.a?.event.context.id, 'a10');
  const r = advanceTrigger(state, 't', c, 'b', ev('b1'), now);
  assert.deepEqual(
    Object.fromEntries(Object.entries(r.firing?.events ?? {}).map(([k, e]) => [k, e.context.id])),
    { a: 'a10', b: 'b1' },
  );
  assert.deepEqual(r.state.triggers, {});
  // the state is plain data
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
});

test('(a&&b)||c: a stored event rides along when c fires; c alone fires with only c', () => {
  const c = resolveConditions({ conditions: '(a && b) || c' }, deps('a', 'b', 'c'));
  let r = advanceTrigger(emptyConditionState, 't', c, 'a', ev('a1'), now);
  r = advanceTrigger(r.state, 't', c, 'c', ev('c1'), now);
  assert.deepEqual(Object.keys(r.firing?.events ?? {}).sort(), ['a', 'c']);
  const alone = advanceTrigger(emptyConditionState, 't', c, 'c', ev('c1'), now);
  assert.deepEqual(Object.keys(alone.firing?.events ?? {}), ['c']);
});

test('OR-only mode fires immediately with one event and stores nothing', () => {
  const c = resolveConditions({ conditions: 'a || b' }, deps('a', 'b'));
  const r = advanceTrigger(emptyConditionState, 't', c, 'a', ev('a1'), now);
  assert.deepEqual(Object.keys(r.firing?.events ?? {}), ['a']);
  assert.equal(r.state, emptyConditionState);
});

test('clearTrigger and pruneTriggerBefore', () => {
  const c = resolveConditions({ conditions: 'a && b && x' }, deps('a', 'b', 'x'));
  let state = advanceTrigger(
    emptyConditionState,
    't',
    c,
    'a',
    ev('a1'),
    new Date('2024-07-15T10:00:00Z'),
  ).state;
  state = advanceTrigger(state, 't', c, 'b', ev('b1'), new Date('2024-07-15T12:00:00Z')).state;
  const pruned = pruneTriggerBefore(state, 't', new Date('2024-07-15T11:00:00Z'));
  assert.deepEqual(Object.keys(pruned.triggers.t ?? {}), ['b']);
  assert.deepEqual(clearTrigger(state, 't').triggers, {});
  assert.equal(pruneTriggerBefore(state, 'other', now), state);
});

test('spec changes purge what they invalidate', async () => {
  const { reconcileConditionState, snapshotConditionSpec } = await import('./conditions.js');
  const depsV1 = [
    { name: 'a', eventSourceName: 'w', eventName: 'a' },
    { name: 'b', eventSourceName: 'w', eventName: 'b' },
  ];
  const stored = { event: ev('x'), timestamp: now.toISOString() };
  const state: ConditionState = {
    triggers: { t1: { a: stored, b: stored }, t2: { a: stored }, t3: { b: stored } },
  };
  const v1 = snapshotConditionSpec(
    [
      { template: { name: 't1', conditions: 'a && b && c' } },
      { template: { name: 't2', conditions: 'a && b' } },
      { template: { name: 't3' } },
    ],
    depsV1,
  );
  // unchanged spec: nothing purged
  assert.deepEqual(reconcileConditionState(state, v1, v1), state);
  // dependency b redefined, t2's conditions changed, t3 ('' before) changed
  const v2 = snapshotConditionSpec(
    [
      { template: { name: 't1', conditions: 'a && b && c' } },
      { template: { name: 't2', conditions: 'a || b' } },
      { template: { name: 't3', conditions: 'b' } },
    ],
    [depsV1[0]!, { name: 'b', eventSourceName: 'w', eventName: 'other' }],
  );
  const r = reconcileConditionState(state, v1, v2);
  assert.deepEqual(Object.keys(r.triggers).sort(), ['t1']);
  assert.deepEqual(Object.keys(r.triggers.t1 ?? {}), ['a']);
  assert.equal(reconcileConditionState(state, undefined, v2), state);
});

test('property: conditions evaluate like boolean logic with && before ||', async () => {
  const fc = await import('fast-check');
  type Expr = { text: string; or: boolean; js: (env: Record<string, boolean>) => boolean };
  // only an || expression needs parentheses as an operand of &&
  const operand = (x: Expr): string => (x.or ? `(${x.text})` : x.text);
  const names = ['a', 'b-1', 'c_2'];
  const leaf = fc
    .constantFrom(...names)
    .map((n): Expr => ({ text: n, or: false, js: (env) => env[n] === true }));
  const expr = fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), tie('e')).map(([l, r]): Expr => ({
        text: `${operand(l)} && ${operand(r)}`,
        or: false,
        js: (env) => l.js(env) && r.js(env),
      })),
      fc.tuple(tie('e'), tie('e')).map(([l, r]): Expr => ({
        text: `${l.text} || ${r.text}`,
        or: true,
        js: (env) => l.js(env) || r.js(env),
      })),
      tie('e').map((x): Expr => ({ text: `(${x.text})`, or: false, js: x.js })),
    ),
  })).e;
  fc.assert(
    fc.property(expr, fc.subarray(names), (e, met) => {
      const c = resolveConditions({ conditions: e.text }, deps(...names));
      const env = Object.fromEntries(names.map((n) => [n, met.includes(n)]));
      return c.evaluate(new Set(met)) === e.js(env) && c.andMode === c.expression.includes('&&');
    }),
    { numRuns: 500 },
  );
});
