import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../shared/clock.js';
import type { CalendarEventSource } from '../../api/eventsource/index.js';
import { fakeContext, flush, memoryKv } from '../fake-context.test-support.js';
import { calendarSource, goTimeInZone, parseExclusionDates, parseGoTimeString } from './index.js';

async function advance(clock: ManualClock, ms: number, step = 1000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    clock.advance(Math.min(step, ms - done));
    await flush();
  }
}

test('interval fires every interval on the clock with Go eventTime and metadata', async () => {
  const clock = new ManualClock(Date.parse('2024-05-01T10:00:00.500Z'));
  const f = fakeContext<CalendarEventSource>({ interval: '10s', metadata: { k: 'v' } }, clock);
  const running = calendarSource.start(f.ctx);
  await f.ready;
  await flush();
  // half-second steps land on the due times, so the wake-up reading equals the slot
  await advance(clock, 30_000, 500);
  f.controller.abort();
  await running;
  assert.deepEqual(f.emitted, [
    '{"eventTime":"2024-05-01 10:00:10 +0000 UTC","metadata":{"k":"v"}}',
    '{"eventTime":"2024-05-01 10:00:20 +0000 UTC","metadata":{"k":"v"}}',
    '{"eventTime":"2024-05-01 10:00:30 +0000 UTC","metadata":{"k":"v"}}',
  ]);
});

/** A clock whose timers wake 1 ms before they are due, as real timers can against Date.now(). */
class EarlyClock extends ManualClock {
  override setTimeout(fn: () => void, ms: number) {
    return super.setTimeout(fn, Math.max(0, ms - 1));
  }
}

test('a timer that wakes just before its slot fires the slot once', async () => {
  const clock = new EarlyClock(Date.parse('2024-05-01T10:00:30Z'));
  const f = fakeContext<CalendarEventSource>({ schedule: '* * * * *' }, clock);
  const running = calendarSource.start(f.ctx);
  await f.ready;
  await flush();
  // step to 1 ms before each slot (where the early timer wakes), then onto the slot
  for (const ms of [29_999, 1, 59_999, 1]) await advance(clock, ms, ms);
  f.controller.abort();
  await running;
  const times = f.emitted.map((e) => (JSON.parse(e) as { eventTime: string }).eventTime);
  assert.equal(times.length, 2, times.join('\n'));
});

test('schedule in a timezone skips exclusion dates', async () => {
  const clock = new ManualClock(Date.parse('2024-05-01T12:00:00Z')); // 08:00 in New York
  const f = fakeContext<CalendarEventSource>(
    {
      schedule: '0 9 * * *',
      timezone: 'America/New_York',
      exclusionDates: ['EXDATE:20240502T000000Z', 'RDATE:ignored'],
    },
    clock,
  );
  const running = calendarSource.start(f.ctx);
  await f.ready;
  await flush();
  await advance(clock, 3 * 24 * 3600_000, 600_000);
  f.controller.abort();
  await running;
  assert.deepEqual(
    f.emitted.map((e) => (JSON.parse(e) as { eventTime: string }).eventTime),
    ['2024-05-01 13:00:00 +0000 UTC', '2024-05-03 13:00:00 +0000 UTC'],
  );
});

test('catch-up fires the missed slots from the persisted time, then persists the latest', async () => {
  const clock = new ManualClock(Date.parse('2024-05-01T10:00:30Z'));
  const config: CalendarEventSource = {
    schedule: '* * * * *',
    persistence: { catchup: { enabled: true }, configMap: { name: 'cal-state', createIfNotExist: true } },
  };
  const f = fakeContext(config, clock);
  const kv = memoryKv('cal-state');
  await kv.put('es.ev', '{"eventTime":"2024-05-01 09:57:00.0003 +0000 UTC m=+683.567066901"}');
  f.kvs.set('cal-state', kv);
  const running = calendarSource.start(f.ctx);
  await f.ready;
  await flush();
  assert.deepEqual(
    f.emitted.map((e) => (JSON.parse(e) as { eventTime: string }).eventTime),
    ['2024-05-01 09:58:00 +0000 UTC', '2024-05-01 09:59:00 +0000 UTC', '2024-05-01 10:00:00 +0000 UTC'],
  );
  await advance(clock, 30_000);
  f.controller.abort();
  await running;
  assert.equal(f.emitted.length, 4);
  assert.equal(Buffer.from((await kv.get('es.ev'))!).toString(), f.emitted[3]);
});

test('catch-up is bounded by maxDuration; without catch-up nothing is replayed', async () => {
  for (const [catchup, expected] of [
    [{ enabled: true, maxDuration: '90s' }, 1],
    [{ enabled: false }, 0],
  ] as const) {
    const clock = new ManualClock(Date.parse('2024-05-01T10:00:30Z'));
    const f = fakeContext<CalendarEventSource>(
      { schedule: '* * * * *', persistence: { catchup, configMap: { name: 'c' } } },
      clock,
    );
    const kv = memoryKv('c');
    await kv.put('es.ev', '{"eventTime":"2024-05-01 09:00:00 +0000 UTC"}');
    f.kvs.set('c', kv);
    const running = calendarSource.start(f.ctx);
    await f.ready;
    await flush();
    assert.equal(f.emitted.length, expected, JSON.stringify(catchup));
    f.controller.abort();
    await running;
  }
});

test('a failed send without persistence is lost and the schedule advances', async () => {
  const clock = new ManualClock(Date.parse('2024-05-01T10:00:00Z'));
  const f = fakeContext<CalendarEventSource>({ interval: '1s' }, clock);
  f.fail = true;
  const running = calendarSource.start(f.ctx);
  await f.ready;
  await flush();
  await advance(clock, 2000, 500);
  f.fail = false;
  await advance(clock, 1000, 500);
  f.controller.abort();
  await running;
  assert.equal(f.failures, 2);
  assert.deepEqual(f.emitted, ['{"eventTime":"2024-05-01 10:00:03 +0000 UTC"}']);
});

test('Go time strings round-trip; EXDATE parsing', () => {
  const ms = Date.parse('2024-01-02T03:04:05.600Z');
  assert.equal(goTimeInZone(ms, 'UTC'), '2024-01-02 03:04:05.6 +0000 UTC');
  assert.equal(goTimeInZone(ms, 'America/New_York'), '2024-01-01 22:04:05.6 -0500 EST');
  assert.equal(parseGoTimeString('2024-01-01 22:04:05.6 -0500 EST m=+1.5'), ms);
  assert.deepEqual(parseExclusionDates(['EXDATE:20240101T000000Z,20240305T120000Z', 'X']), [
    '2024-01-01',
    '2024-03-05',
  ]);
  assert.throws(() => parseExclusionDates(['EXDATE:2024-01-01']));
});
