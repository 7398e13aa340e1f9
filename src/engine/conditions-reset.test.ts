import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileConditionsReset } from './conditions-reset.js';

test('conditionsReset: next and last tick in the given zone', () => {
  const r = compileConditionsReset([{ byTime: { cron: '59 23 * * *', timezone: 'America/Los_Angeles' } }]);
  assert.equal(r.enabled, true);
  // 2024-07-15 23:59 PDT = 2024-07-16T06:59Z
  assert.equal(r.next(new Date('2024-07-15T12:00:00Z'))?.toISOString(), '2024-07-16T06:59:00.000Z');
  assert.equal(r.last(new Date('2024-07-16T12:00:00Z'))?.toISOString(), '2024-07-16T06:59:00.000Z');
});

test('conditionsReset: empty timezone is UTC; the earliest next and latest last win', () => {
  const r = compileConditionsReset([
    { byTime: { cron: '0 12 * * *' } },
    { byTime: { cron: '30 6 * * *', timezone: '' } },
  ]);
  assert.equal(r.next(new Date('2024-07-15T07:00:00Z'))?.toISOString(), '2024-07-15T12:00:00.000Z');
  assert.equal(r.last(new Date('2024-07-15T07:00:00Z'))?.toISOString(), '2024-07-15T06:30:00.000Z');
});

test('conditionsReset: bad entries are reported and skipped', () => {
  const r = compileConditionsReset([
    { byTime: { cron: '* * *' } },
    { byTime: { cron: '0 0 * * *', timezone: 'Nowhere/City' } },
  ]);
  assert.equal(r.enabled, false);
  assert.equal(r.errors.length, 2);
  assert.equal(r.next(new Date()), undefined);
  assert.equal(compileConditionsReset(undefined).enabled, false);
});
