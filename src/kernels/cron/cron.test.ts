import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExpressionError } from '../../shared/errors.js';
import { intervalSchedule, isZeroTime, parseSchedule, prevCronTime, prevCronTimeInfo } from './index.js';

const iso = (d: Date): string => d.toISOString();

function nextTimes(spec: string, after: string, n: number, zone?: string): string[] {
  const s = parseSchedule(spec, { defaultTimezone: zone });
  let t = new Date(after);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    t = s.next(t);
    out.push(iso(t));
  }
  return out;
}

// [spec, zone, after, expected next times] — each confirmed against robfig/cron v3 (oracle).
const nextCases: Array<[string, string | undefined, string, string[]]> = [
  [
    '*/15 * * * *',
    undefined,
    '2024-05-01T10:07:31.500Z',
    ['2024-05-01T10:15:00.000Z', '2024-05-01T10:30:00.000Z'],
  ],
  [
    '0 9 * * MON-FRI',
    'Europe/Paris',
    '2024-05-03T08:00:00Z',
    ['2024-05-06T07:00:00.000Z', '2024-05-07T07:00:00.000Z'],
  ],
  // DOM/DOW both restricted ⇒ either matches (1st, 15th, or any Wednesday)
  [
    '0 0 1,15 * 3',
    undefined,
    '2024-03-09T12:00:00Z',
    ['2024-03-13T00:00:00.000Z', '2024-03-15T00:00:00.000Z', '2024-03-20T00:00:00.000Z'],
  ],
  // spring forward: 02:30 does not exist on 2024-03-10 in New York ⇒ skipped
  [
    '30 2 * * *',
    'America/New_York',
    '2024-03-09T12:00:00Z',
    ['2024-03-11T06:30:00.000Z', '2024-03-12T06:30:00.000Z'],
  ],
  // fall back: 01:30 happens twice on 2024-11-03 ⇒ fires twice
  [
    '30 1 * * *',
    'America/New_York',
    '2024-11-02T12:00:00Z',
    ['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-04T06:30:00.000Z'],
  ],
  ['TZ=Asia/Kolkata 0 9 * * *', 'America/New_York', '2024-03-09T12:00:00Z', ['2024-03-10T03:30:00.000Z']],
  ['CRON_TZ=Asia/Kolkata 0 9 * * *', undefined, '2024-03-09T12:00:00Z', ['2024-03-10T03:30:00.000Z']],
  ['0 0 29 FEB *', undefined, '2024-03-01T00:00:00Z', ['2028-02-29T00:00:00.000Z']],
];

for (const [spec, zone, after, expected] of nextCases) {
  test(`cron next: ${spec} in ${zone ?? 'UTC'} after ${after}`, () => {
    assert.deepEqual(nextTimes(spec, after, expected.length, zone), expected);
  });
}

test('cron next: an impossible date gives Go zero time (never)', () => {
  assert.ok(isZeroTime(parseSchedule('0 0 30 2 *').next(new Date('2024-01-01T00:00:00Z'))));
});

test('descriptors only when enabled; @every uses a Go duration rounded to whole seconds', () => {
  assert.throws(() => parseSchedule('@daily'), { message: 'parser does not accept descriptors: @daily' });
  const s = parseSchedule('@every 1h30m', { descriptors: true });
  assert.equal(iso(s.next(new Date('2024-01-01T00:00:00.750Z'))), '2024-01-01T01:30:00.000Z');
  assert.equal(
    iso(parseSchedule('@every 500ms', { descriptors: true }).next(new Date('2024-01-01T00:00:00Z'))),
    '2024-01-01T00:00:01.000Z',
  );
  assert.equal(
    iso(parseSchedule('@weekly', { descriptors: true }).next(new Date('2024-01-01T00:00:00Z'))),
    '2024-01-07T00:00:00.000Z',
  );
});

// [spec, robfig's message]
const parseErrors: Array<[string, string]> = [
  ['', 'empty spec string'],
  ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
  ['0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
  ['60 * * * *', 'end of range (60) above maximum (59): 60'],
  ['* * * * 7', 'end of range (7) above maximum (6): 7'],
  ['* * L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
  ['* * 15W * *', 'failed to parse int from 15W: strconv.Atoi: parsing "15W": invalid syntax'],
  ['* * * * MON#2', 'failed to parse int from MON#2: strconv.Atoi: parsing "MON#2": invalid syntax'],
  ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
  ['*/0 * * * *', 'step of range should be a positive number: */0'],
  ['TZ=Nowhere/City * * * * *', 'provided bad location Nowhere/City: unknown time zone Nowhere/City'],
];

for (const [spec, message] of parseErrors) {
  test(`cron parse error: ${JSON.stringify(spec)}`, () => {
    assert.throws(
      () => parseSchedule(spec),
      (e: unknown) => e instanceof ExpressionError && e.message === message,
    );
  });
}

test('interval schedule: drops the sub-second part, then adds the interval', () => {
  assert.equal(
    iso(intervalSchedule(10_000_000_000n).next(new Date('2024-01-01T00:00:00.900Z'))),
    '2024-01-01T00:00:10.000Z',
  );
});

test('prevCronTime does not hang where upstream loops forever (DST gap not on the hour)', () => {
  // Pacific/Chatham 2012-09-30: 02:45 → 03:45. Upstream's hour step lands on 04:00 and repeats.
  const t = prevCronTime('*/2 * 0 * SEP,11,12', new Date(1350521600327), {
    seconds: true,
    defaultTimezone: 'Pacific/Chatham',
  });
  assert.equal(iso(t), '2012-09-29T12:14:58.000Z'); // 00:59:58 local (+12:45) on 2012-09-30 (October not listed)
  assert.equal(
    prevCronTimeInfo('*/2 * 0 * SEP,11,12', new Date(1350521600327), {
      seconds: true,
      defaultTimezone: 'Pacific/Chatham',
    }).upstreamLoopsForever,
    true,
  );
  const lh = prevCronTime('0 0 1 * * *', new Date('2023-09-30T16:10:00Z'), {
    seconds: true,
    defaultTimezone: 'Australia/Lord_Howe',
  });
  assert.equal(iso(lh), '2023-09-30T14:30:00.000Z'); // 01:00 local (+10:30) on 2023-10-01, before the 02:00→02:30 gap
});

// ---- conformance: calendar.json (kernel-level kinds) ---------------------------------------

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const confDir = process.env.ARGUS_CONFORMANCE_DIR ?? resolve(repoRoot, '..', 'shared', 'conformance');
const confFile = resolve(confDir, 'calendar.json');

interface CalendarCase {
  name: string;
  input: { kind: string; spec?: string; now?: string; nowZone?: string; calendar?: { schedule?: string } };
  expect: { error: boolean; time?: string };
}

if (!existsSync(confFile)) {
  console.error(`!!! conformance file not found (${confFile}): set ARGUS_CONFORMANCE_DIR`);
  void test.skip('calendar.json conformance (file not found)', () => undefined);
} else {
  const doc = JSON.parse(readFileSync(confFile, 'utf8')) as { cases: CalendarCase[] };
  for (const c of doc.cases) {
    if (c.input.kind === 'prevCronTime') {
      test(`calendar.json: ${c.name}`, () => {
        const run = (): Date =>
          prevCronTime(c.input.spec!, new Date(c.input.now!), {
            seconds: true,
            descriptors: true,
            defaultTimezone: c.input.nowZone ?? 'UTC',
          });
        if (c.expect.error) assert.throws(run, ExpressionError);
        else assert.equal(run().getTime(), Date.parse(c.expect.time!));
      });
    } else if (c.input.kind === 'resolveSchedule') {
      test(`calendar.json: ${c.name}`, () => {
        const run = (): unknown => parseSchedule(c.input.calendar!.schedule!);
        if (c.expect.error) assert.throws(run, ExpressionError);
        else assert.doesNotThrow(run);
      });
    }
  }
}
