// Differential tests: isLoadableTimeZone (time filters, conditionsReset) against Go's
// time.LoadLocation, and time-filter start/stop parsing against Go's time.Parse, through the Go oracle (test/oracle/go/timezone.go).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeOfDay } from '../../src/api/sensor/validate.js';
import { isLoadableTimeZone } from '../../src/api/time-zone.js';
import { Oracle } from '../oracle/oracle.js';

const zones = [
  '',
  'UTC',
  'Local',
  'utc',
  'Utc',
  'America/New_York',
  'america/new_york',
  'Europe/Paris',
  'Asia/Kolkata',
  'Asia/Calcutta',
  'US/Eastern',
  'US/Pacific',
  'Etc/GMT+5',
  'Etc/UTC',
  'GMT',
  'EST',
  'EST5EDT',
  'Fake/Zone',
  'America/Argentina/Buenos_Aires',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Lagos',
  'Europe/London ',
  '+01:00',
  'Z',
];

let oracle: Oracle | undefined;
before(() => {
  oracle = Oracle.start();
});
after(async () => {
  await oracle?.close();
});

test('a time zone is loadable exactly when Go loads it', async () => {
  const answer = await oracle!.query<string[]>('time.loadLocation', { zones });
  assert.equal(answer.err, undefined);
  const go = answer.ok!;
  const disagreements = zones
    .map((zone, i) => ({ zone, go: go[i] ?? '', ours: isLoadableTimeZone(zone) }))
    .filter((r) => (r.go === '') !== r.ours);
  assert.deepEqual(disagreements, []);
});

const times = [
  '10:00:00',
  '9:05:07',
  '09:05:07',
  '23:59:59',
  '24:00:00',
  '00:00:00',
  '7:5:00',
  '10:00',
  '10:00:00.250',
  '10:00:00,5',
  '10:00:00.',
  '10:00:00Z',
  ' 10:00:00',
  '10:60:00',
  '10:00:60',
  '1:02:03.000000001',
  '100:00:00',
  '',
  'noon',
  '-1:00:00',
  '+1:00:00',
  '10:00:00 ',
  '1e1:00:00',
];

test('time filter start/stop parse exactly when Go parses them, to the same time of day', async () => {
  const answer = await oracle!.query<{ seconds: number; err?: string }[]>('time.parseTimeOfDay', { times });
  assert.equal(answer.err, undefined);
  const go = answer.ok!;
  const rows = times.map((t, i) => {
    const ours = parseTimeOfDay(t);
    const theirs = go[i]!;
    return {
      t,
      go: theirs.err === undefined ? theirs.seconds : 'error',
      ours: 'error' in ours ? 'error' : ours.seconds,
    };
  });
  assert.deepEqual(
    rows.filter((r) => r.go !== r.ours),
    [],
  );
});
