import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../shared/clock.js';
import { createRateLimiter } from './rate-limit.js';

test('a burst never exceeds requestsPerUnit in any window of one unit', async () => {
  const clock = new ManualClock(0);
  const limiter = createRateLimiter({ unit: 'Minute', requestsPerUnit: 3 }, clock)!;
  clock.advance(3_600_000); // a long idle spell: upstream's slack would let 11 through now
  const times: number[] = [];
  const all = Array.from({ length: 10 }, () => limiter.take().then(() => times.push(clock.now())));
  for (let i = 0; i < 240 && times.length < 10; i++) {
    await new Promise((r) => setImmediate(r));
    clock.advance(1000);
  }
  await Promise.all(all);
  assert.equal(times.length, 10);
  for (let i = 0; i + 3 < times.length; i++)
    assert.ok(times[i + 3]! - times[i]! >= 60_000, `window at ${i}: ${times.join(',')}`);
  assert.equal(times.filter((t) => t < 3_600_000 + 60_000).length, 3);
});

test('unit defaults to Second; requestsPerUnit <= 0 or no rateLimit means unlimited', () => {
  const clock = new ManualClock(0);
  assert.equal(createRateLimiter(undefined, clock), undefined);
  assert.equal(createRateLimiter({ requestsPerUnit: 0 }, clock), undefined);
  assert.notEqual(createRateLimiter({ requestsPerUnit: 2 }, clock), undefined);
});

test('take resolves early when the signal aborts', async () => {
  const clock = new ManualClock(0);
  const limiter = createRateLimiter({ unit: 'Hour', requestsPerUnit: 1 }, clock)!;
  await limiter.take();
  const c = new AbortController();
  const p = limiter.take(c.signal);
  c.abort();
  await p;
  assert.equal(clock.now(), 0);
});
