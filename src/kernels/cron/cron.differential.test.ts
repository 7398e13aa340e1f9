// Differential test: generated cron specs, instants and zones; this kernel's next()/prevCronTime
// against robfig/cron v3 (test/oracle/go/cron.go), and Go durations against time.ParseDuration.
// Reproduce with ARGUS_FUZZ_SEED=<seed> (printed on failure); ARGUS_FUZZ_RUNS sets the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Oracle } from '../../../test/oracle/oracle.js';
import { isZeroTime, parseSchedule, prevCronTime, prevCronTimeInfo } from './index.js';
import { formatGoDuration, parseGoDuration } from '../duration.js';

const seed = Number(process.env.ARGUS_FUZZ_SEED ?? 20261122);
const runs = Number(process.env.ARGUS_FUZZ_RUNS ?? 12000);

const zones = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'Europe/Berlin',
  'America/St_Johns',
  'Asia/Tehran',
];

interface CronCase {
  spec: string;
  seconds: boolean;
  descriptors: boolean;
  zone: string;
  afterMs: number;
  count: number;
}

interface CronAnswer {
  error?: string;
  times: number[];
}

function part(min: number, max: number, names: string[] = []): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.integer({ min, max }).map(String),
    ...(names.length > 0 ? [fc.constantFrom(...names)] : []),
  );
  const one = fc.oneof(
    { weight: 3, arbitrary: value },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => `${a}-${b}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('*', String(min), `${min}-${max}`), fc.integer({ min: 1, max: 20 }))
        .map(([a, s]) => `${a}/${s}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('*/1', '*/2', `${max}`, `${min}`) },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constant('?') },
    { weight: 4, arbitrary: one },
    { weight: 2, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }).map((a) => a.join(',')) },
  );
}

// Out-of-range and malformed pieces, to compare error messages.
const badPart = fc.constantFrom(
  '60',
  '-1',
  '1-2-3',
  '5/0',
  '1/2/3',
  'L',
  '5L',
  '15W',
  'MON#2',
  'x',
  '',
  '7',
  '24',
  '32',
  '13',
  '0',
  'jan-dec',
  'sun-sat',
  '3-1',
  '99999999999999999999',
  '+5',
  '*-5',
  ',',
  '1,,2',
);

const months = ['JAN', 'feb', 'Mar', 'apr', 'May', 'JUN', 'jul', 'aug', 'SEP', 'oct', 'nov', 'DEC'];
const days = ['SUN', 'mon', 'Tue', 'wed', 'THU', 'fri', 'Sat'];

const fiveFields = fc
  .tuple(part(0, 59), part(0, 23), part(1, 31), part(1, 12, months), part(0, 6, days))
  .map((f) => f.join(' '));
const withBad = fc.tuple(fiveFields, fc.integer({ min: 0, max: 4 }), badPart).map(([s, i, bad]) => {
  const f = s.split(' ');
  f[i] = bad;
  return f.join(' ');
});
const prefixed = fc
  .tuple(
    fc.constantFrom('TZ=', 'CRON_TZ='),
    fc.constantFrom(...zones, 'Nowhere/City', '', 'Local', 'america/new_york'),
    fiveFields,
  )
  .map(([p, z, s]) => `${p}${z} ${s}`);
const descriptor = fc.constantFrom(
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
  '@every 1h30m',
  '@every 90s',
  '@every 500ms',
  '@every 1.5h',
  '@every x',
  '@reboot',
  '@daily ',
);
const wrongCount = fc.constantFrom(
  '* * * *',
  '* * * * * *',
  '0 * * * * * *',
  '',
  '   ',
  'TZ=UTC',
  '0 0\t12 * *',
);

const specArb = fc.oneof(
  { weight: 10, arbitrary: fiveFields },
  { weight: 3, arbitrary: withBad },
  { weight: 2, arbitrary: prefixed },
  { weight: 1, arbitrary: descriptor },
  { weight: 1, arbitrary: wrongCount },
);

// Instants 1990–2060, with extra weight around DST transitions (March–April, October–November).
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
  fc
    .tuple(
      fc.integer({ min: 2000, max: 2040 }),
      fc.constantFrom(2, 3, 8, 9, 10),
      fc.integer({ min: 0, max: 31 * 24 * 3600 * 1000 }),
    )
    .map(([y, m, off]) => Date.UTC(y, m, 1) + off),
);

const cronCaseArb: fc.Arbitrary<CronCase> = fc.record({
  spec: specArb,
  seconds: fc.constant(false),
  descriptors: fc.boolean(),
  zone: fc.constantFrom(...zones),
  afterMs: instant,
  count: fc.integer({ min: 1, max: 4 }),
});

// Six-field specs with seconds (upstream's PrevCronTime parser).
const sixFields = fc
  .tuple(part(0, 59), fiveFields, fc.boolean())
  .map(([s, rest, dropDow]) => (dropDow ? `${s} ${rest.split(' ').slice(0, 4).join(' ')}` : `${s} ${rest}`));
const prevCaseArb: fc.Arbitrary<CronCase> = fc.record({
  spec: fc.oneof(
    { weight: 8, arbitrary: sixFields },
    { weight: 1, arbitrary: descriptor },
    {
      weight: 1,
      arbitrary: fc.constantFrom('0 0 0 30 Feb ?', '0 0 0 31 Apr ?', 'TZ=America/New_York 0 30 2 * * ?'),
    },
  ),
  seconds: fc.constant(true),
  descriptors: fc.constant(true),
  zone: fc.constantFrom(...zones),
  afterMs: instant,
  count: fc.constant(1),
});

function oursNext(c: CronCase): CronAnswer {
  try {
    const s = parseSchedule(c.spec, {
      seconds: c.seconds,
      descriptors: c.descriptors,
      defaultTimezone: c.zone,
    });
    const times: number[] = [];
    let t = new Date(c.afterMs);
    for (let i = 0; i < c.count; i++) {
      t = s.next(t);
      times.push(t.getTime() / 1000);
      if (isZeroTime(t)) break;
    }
    return { times };
  } catch (e) {
    return { error: (e as Error).message, times: [] };
  }
}

function oursPrev(c: CronCase): CronAnswer {
  try {
    const t = prevCronTime(c.spec, new Date(c.afterMs), {
      seconds: true,
      descriptors: true,
      defaultTimezone: c.zone,
    });
    return { times: [t.getTime() / 1000] };
  } catch (e) {
    return { error: (e as Error).message, times: [] };
  }
}

async function compare(kind: string, cases: CronCase[], ours: (c: CronCase) => CronAnswer): Promise<void> {
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll<CronAnswer>(kind, cases);
    const diffs: string[] = [];
    let errors = 0;
    cases.forEach((c, i) => {
      const go = answers[i]!.ok;
      assert.ok(go, `oracle error: ${answers[i]!.err ?? ''}`);
      if (go.error !== undefined) errors++;
      const mine = ours(c);
      if (
        (go.error ?? '') !== (mine.error ?? '') ||
        JSON.stringify(go.times) !== JSON.stringify(mine.times)
      ) {
        diffs.push(
          `#${i} ${JSON.stringify(c)}\n  go:   ${JSON.stringify(go)}\n  ours: ${JSON.stringify(mine)}`,
        );
      }
    });
    assert.ok(errors < cases.length / 2, `too many error cases (${errors}) — the generator lost its balance`);
    assert.equal(
      diffs.length,
      0,
      `seed ${seed}: ${diffs.length} differences:\n${diffs.slice(0, 12).join('\n')}`,
    );
  } finally {
    await oracle.close();
  }
}

test(`cron next() matches robfig/cron v3 on ${runs} generated cases (seed ${seed})`, async () => {
  await compare('cron.next', fc.sample(cronCaseArb, { seed, numRuns: runs }), oursNext);
});

test(`prevCronTime matches upstream's PrevCronTime on ${Math.round(runs / 4)} generated cases (seed ${seed})`, async () => {
  // Upstream's PrevCronTime never returns when its hour step meets a DST gap that does not start
  // on the hour (Pacific/Chatham, Australia/Lord_Howe…): the oracle would hang on those inputs.
  // They are left out here (and counted); cron.test.ts pins Argus's answer for them.
  const all = fc.sample(prevCaseArb, { seed, numRuns: Math.round(runs / 4) });
  const cases = all.filter((c) => {
    try {
      return !prevCronTimeInfo(c.spec, new Date(c.afterMs), {
        seconds: true,
        descriptors: true,
        defaultTimezone: c.zone,
      }).upstreamLoopsForever;
    } catch {
      return true;
    }
  });
  if (cases.length < all.length)
    console.log(`# ${all.length - cases.length} case(s) where upstream loops forever left out`);
  await compare('cron.prev', cases, oursPrev);
});

const durationArb = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.nat({ max: 10000 }).map(String),
          fc.constantFrom(
            '1.5',
            '.5',
            '0.',
            '1.0000000001',
            '9223372036854775807',
            '9223372036854775808',
            '2562047',
            '2562048',
            '1.9999999999999999999',
            '',
          ),
        ),
        fc.constantFrom('h', 'm', 's', 'ms', 'us', 'µs', 'μs', 'ns', 'd', '', 'H', 'sec'),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .chain((parts) =>
      fc.constantFrom('', '-', '+').map((sign) => sign + parts.map(([n, u]) => n + u).join('')),
    ),
  fc.constantFrom(
    '0',
    '-0',
    '+0',
    '',
    '-',
    '1',
    '5',
    '.',
    '.s',
    '1.h',
    '1e3s',
    ' 1s',
    '1s ',
    '2h45m30.5s',
    '-1m',
    '1h-1m',
    '\u00b5s',
    '1\u00b5',
    '1"s',
  ),
  fc.string({ maxLength: 6 }),
);

test(`Go duration parsing and formatting match time.ParseDuration/Duration.String on ${runs} cases (seed ${seed})`, async () => {
  const inputs = fc.sample(durationArb, { seed, numRuns: runs });
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll<{ error?: string; ns: string; text: string }>(
      'duration.parse',
      inputs,
    );
    const diffs: string[] = [];
    let ok = 0;
    inputs.forEach((s, i) => {
      const go = answers[i]!.ok!;
      let mine: { error?: string; ns: string; text: string };
      try {
        const ns = parseGoDuration(s);
        mine = { ns: String(ns), text: formatGoDuration(ns) };
        ok++;
      } catch (e) {
        mine = { error: (e as Error).message, ns: '', text: '' };
      }
      if (
        JSON.stringify({ e: go.error ?? '', n: go.ns, t: go.text }) !==
        JSON.stringify({ e: mine.error ?? '', n: mine.ns, t: mine.text })
      ) {
        diffs.push(
          `#${i} ${JSON.stringify(s)}\n  go:   ${JSON.stringify(go)}\n  ours: ${JSON.stringify(mine)}`,
        );
      }
    });
    assert.ok(ok > inputs.length / 5, `only ${ok} valid durations generated`);
    assert.equal(
      diffs.length,
      0,
      `seed ${seed}: ${diffs.length} differences:\n${diffs.slice(0, 12).join('\n')}`,
    );
  } finally {
    await oracle.close();
  }
});
