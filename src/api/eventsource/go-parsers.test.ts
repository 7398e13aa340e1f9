// Go duration and cron-spec checks as the api validators use them (kernels/duration.ts,
// kernels/cron): fixed cases, plus a differential run against the real Go functions upstream
// calls (time.ParseDuration, robfig/cron v3) through the Go oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Oracle } from '../../../test/oracle/oracle.js';
import { checkCronSpec } from '../../kernels/cron/index.js';
import { tryParseGoDuration as parseGoDuration } from '../../kernels/duration.js';

void test('Go durations: values', () => {
  const ns = (s: string): bigint | string => {
    const r = parseGoDuration(s);
    return r.ok ? r.nanoseconds : r.error;
  };
  assert.equal(ns('1h30m'), 5400000000000n);
  assert.equal(ns('-1.5s'), -1500000000n);
  assert.equal(ns('300ms'), 300000000n);
  assert.equal(ns('1.0000000009s'), 1000000000n);
  assert.equal(ns('0'), 0n);
  assert.equal(ns('2\u00b5s'), 2000n);
  assert.equal(ns(''), 'time: invalid duration ""');
  assert.equal(ns('1d'), 'time: unknown unit "d" in duration "1d"');
  assert.equal(ns('10'), 'time: missing unit in duration "10"');
  assert.equal(ns('.s'), 'time: invalid duration ".s"');
  assert.equal(ns('9223372036854775808ns'), 'time: invalid duration "9223372036854775808ns"');
});

void test('cron specs: robfig errors', () => {
  assert.equal(checkCronSpec('*/5 * * * *'), undefined);
  assert.equal(checkCronSpec('0 9 * JAN-MAR mon-fri'), undefined);
  assert.equal(checkCronSpec('CRON_TZ=Europe/Paris 0 9 * * *'), undefined);
  assert.equal(checkCronSpec(''), 'empty spec string');
  assert.equal(checkCronSpec('@hourly'), 'parser does not accept descriptors: @hourly');
  assert.equal(checkCronSpec('0 0 * * * *'), 'expected exactly 5 fields, found 6: [0 0 * * * *]');
  assert.equal(checkCronSpec('60 * * * *'), 'end of range (60) above maximum (59): 60');
  assert.equal(checkCronSpec('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(checkCronSpec('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(checkCronSpec('*/0 * * * *'), 'step of range should be a positive number: */0');
  assert.equal(checkCronSpec('* * * * 7'), 'end of range (7) above maximum (6): 7');
  assert.equal(
    checkCronSpec('x * * * *'),
    'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
  );
  assert.equal(
    checkCronSpec('TZ=Nowhere/City * * * * *'),
    'provided bad location Nowhere/City: unknown time zone Nowhere/City',
  );
});

function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const durations = [
  '',
  '0',
  '+0',
  '-0',
  '1s',
  '1.5h',
  '-1.5h',
  '.5s',
  '5.s',
  '.s',
  '1',
  '1d',
  '1h2m3s4ms5us6ns',
  '2µs',
  '2μs',
  '1e3s',
  ' 1s',
  '1s ',
  '1S',
  '9223372036854775807ns',
  '9223372036854775808ns',
  '2562047h',
  '2562048h',
  '1.0000000009s',
  '0.000000001s',
  '1h-1m',
  '+-1s',
  '1m1',
  '0x10s',
  '100000000000000000000s',
  '3mm',
  '1€',
  '1\n',
  '-9223372036854775808ns',
];

const cronSpecs = [
  '',
  '* * * * *',
  '*/5 * * * *',
  '0 0 * * *',
  '0 0 1 1 *',
  '0 0 * * 0',
  '0 0 * * 6',
  '0 0 * * 7',
  '? ? ? ? ?',
  '0-59/15 * * * *',
  '5/10 * * * *',
  '* * 1-31 1-12 0-6',
  'a * * * *',
  '-1 * * * *',
  '1-2-3 * * * *',
  '1/2/3 * * * *',
  '*/0 * * * *',
  '60 * * * *',
  '* 24 * * *',
  '* * 0 * *',
  '* * 32 * *',
  '* * * 0 *',
  '* * * 13 *',
  '* * * jan *',
  '* * * JAN-DEC *',
  '* * * * sun-sat',
  '* * * * SUN,MON',
  '* * * * fri-mon',
  '1,,2 * * * *',
  ',* * * * *',
  '* * * *',
  '* * * * * *',
  '@daily',
  '@every 1m',
  'TZ=UTC * * * * *',
  'CRON_TZ=America/New_York 0 9 * * 1-5',
  'TZ=Nowhere/City * * * * *',
  'TZ=utc * * * * *',
  'TZ=europe/paris * * * * *',
  '*\u00a0* * * *',
  '  *   *  * * *  ',
  '1-* * * * *',
  '*-5 * * * *',
  '5-5 * * * *',
  '+5 * * * *',
  '0x5 * * * *',
  '99999999999999999999 * * * *',
  '*/60 * * * *',
  '* * * * mon-sun',
];

if (!hasGo()) {
  console.error('\n!!! go is not installed: skipping the Go oracle differential tests\n');
  void test.skip('Go oracle differential (go not installed)');
} else {
  void test('Go durations agree with time.ParseDuration', async () => {
    const oracle = Oracle.start();
    try {
      const answers = await oracle.queryAll<{ valid: boolean; error: string; nanoseconds: string }>(
        'eventsource.parseDuration',
        durations,
      );
      durations.forEach((d, i) => {
        const go = answers[i]!.ok!;
        const ours = parseGoDuration(d);
        const mine = ours.ok
          ? { valid: true, error: '', nanoseconds: String(ours.nanoseconds) }
          : { valid: false, error: ours.error, nanoseconds: '' };
        assert.deepEqual(mine, go, `duration ${JSON.stringify(d)}`);
      });
    } finally {
      await oracle.close();
    }
  });

  void test('cron specs agree with robfig/cron v3 (Minute|Hour|Dom|Month|Dow)', async () => {
    const oracle = Oracle.start();
    try {
      const answers = await oracle.queryAll<{ valid: boolean; error: string }>(
        'eventsource.cronSpec',
        cronSpecs,
      );
      cronSpecs.forEach((spec, i) => {
        const go = answers[i]!.ok!;
        const err = checkCronSpec(spec);
        assert.deepEqual(
          { valid: err === undefined, error: err ?? '' },
          { valid: go.valid, error: go.error },
          `spec ${JSON.stringify(spec)}`,
        );
      });
    } finally {
      await oracle.close();
    }
  });
}
