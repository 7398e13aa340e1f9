import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './clock.js';
import { IllegalStateError } from './errors.js';
import { Lifecycle, sleep } from './lifecycle.js';

test('legal moves notify listeners; illegal moves and a second start throw IllegalStateError', () => {
  const l = new Lifecycle('x');
  const seen: string[] = [];
  l.onChange((s) => seen.push(s));
  l.assertStartable();
  l.to('starting');
  assert.throws(() => l.assertStartable(), IllegalStateError);
  l.to('running');
  l.to('draining');
  assert.throws(() => l.to('running'), IllegalStateError);
  l.to('stopped');
  assert.equal(l.done, true);
  assert.deepEqual(seen, ['starting', 'running', 'draining', 'stopped']);
});

test('sleep follows the injected clock and ends early on abort', async () => {
  const clock = new ManualClock(0);
  let done = false;
  const p = sleep(1000, undefined, clock).then(() => (done = true));
  clock.advance(999);
  await Promise.resolve();
  assert.equal(done, false);
  clock.advance(1);
  await p;
  const c = new AbortController();
  const q = sleep(1_000_000, c.signal, clock);
  c.abort();
  await q;
  assert.equal(clock.pending, 0);
});
