/**
 * robfig/cron v3 schedules (the Go library upstream uses for the calendar event source and
 * `conditionsReset.byTime`): parsing with robfig's options and messages, `next()` computed with
 * robfig's own algorithm (so DST gaps and overlaps behave as upstream: a 02:30 job is skipped on
 * spring-forward day, a 01:30 job runs twice on fall-back day), and upstream's `PrevCronTime`.
 * Checked differentially against the Go library (test/oracle/go/cron.go).
 *
 * Why not cron-parser's own next()/prev(): its DST handling differs from robfig's (it fires a
 * skipped 02:00 job at 03:00 and a repeated 01:30 once) and it accepts `L`, `W`, `#`; see
 * docs/kernels/expr-cron.md.
 */
import { ExpressionError } from '../../shared/errors.js';
import { parseCronSpec, formatEvery, starBit, type ParseOptions, type SpecFields } from './parser.js';
import { Zone, type WallFields } from '../go/zone.js';

export { Zone } from '../go/zone.js';

/** A parsed schedule. */
export interface Schedule {
  /**
   * The first activation strictly after `after` (robfig `Schedule.Next`), or {@link ZERO_TIME}
   * when none exists within five years (e.g. `0 0 30 2 *`).
   */
  next(after: Date): Date;
  /** Name of the zone the schedule is computed in (`UTC` when neither prefix nor default is given). */
  readonly timezone: string;
}

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which robfig returns for "never". */
export const ZERO_TIME_MS = -62135596800000;

/** Whether a date is Go's zero time (a schedule that never fires again). */
export function isZeroTime(d: Date): boolean {
  return d.getTime() === ZERO_TIME_MS;
}

export interface ScheduleOptions {
  /**
   * Six fields with a leading seconds field and an optional day-of-week (the parser of
   * upstream's PrevCronTime tests). Otherwise exactly five fields (minute hour dom month dow),
   * as the calendar source and conditionsReset use. @default false
   */
  seconds?: boolean;
  /** Accept `@yearly`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, `@every <duration>`. @default false */
  descriptors?: boolean;
  /** IANA zone used when the spec has no `TZ=`/`CRON_TZ=` prefix (robfig: the zone of the time passed in). @default 'UTC' */
  defaultTimezone?: string;
}

function parserOptions(o: ScheduleOptions): ParseOptions {
  const seconds = o.seconds === true;
  return {
    second: seconds,
    secondOptional: false,
    minute: true,
    hour: true,
    dom: true,
    month: true,
    dow: !seconds,
    dowOptional: seconds,
    descriptor: o.descriptors === true,
  };
}

function bitSet(bits: bigint, i: number): boolean {
  return ((bits >> BigInt(i)) & 1n) === 1n;
}

/** Fields as lookup tables (bit tests on bigint are slow in the hot loop). */
interface Matcher {
  second: boolean[];
  minute: boolean[];
  hour: boolean[];
  dom: boolean[];
  month: boolean[];
  dow: boolean[];
  anyStarDay: boolean;
}

function toMatcher(f: SpecFields): Matcher {
  const table = (bits: bigint): boolean[] => Array.from({ length: 64 }, (_, i) => bitSet(bits, i));
  return {
    second: table(f.second),
    minute: table(f.minute),
    hour: table(f.hour),
    dom: table(f.dom),
    month: table(f.month),
    dow: table(f.dow),
    anyStarDay: (f.dom & starBit) !== 0n || (f.dow & starBit) !== 0n,
  };
}

function dayMatches(m: Matcher, t: WallFields): boolean {
  const domMatch = m.dom[t.day] === true;
  const dowMatch = m.dow[t.weekday] === true;
  return m.anyStarDay ? domMatch && dowMatch : domMatch || dowMatch;
}

/**
 * Whether some field matches nothing at all (e.g. a minute field of just `,`). robfig then walks
 * five years second by second or minute by minute before giving up; the outcome is known up front.
 */
function neverMatches(m: Matcher): boolean {
  const none = (table: boolean[]): boolean => !table.slice(0, 63).includes(true);
  const days = m.anyStarDay ? none(m.dom) || none(m.dow) : none(m.dom) && none(m.dow);
  return none(m.second) || none(m.minute) || none(m.hour) || none(m.month) || days;
}

/** robfig `SpecSchedule.Next` on whole Unix seconds; `undefined` = zero time. */
function specNext(m: Matcher, zone: Zone, afterSec: number): number | undefined {
  if (neverMatches(m)) return undefined;
  let t = afterSec + 1;
  let added = false;
  const f = (): WallFields => zone.fields(t);
  const yearLimit = f().year + 5;
  wrap: for (;;) {
    if (f().year > yearLimit) return undefined;
    while (m.month[f().month] !== true) {
      if (!added) {
        added = true;
        const w = f();
        t = zone.date(w.year, w.month, 1, 0, 0, 0);
      }
      const w = f();
      t = zone.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
      if (f().month === 1) continue wrap;
    }
    while (!dayMatches(m, f())) {
      if (!added) {
        added = true;
        const w = f();
        t = zone.date(w.year, w.month, w.day, 0, 0, 0);
      }
      const w = f();
      t = zone.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
      const h = f().hour;
      if (h !== 0) t += h > 12 ? (24 - h) * 3600 : -h * 3600;
      if (f().day === 1) continue wrap;
    }
    while (m.hour[f().hour] !== true) {
      if (!added) {
        added = true;
        const w = f();
        t = zone.date(w.year, w.month, w.day, w.hour, 0, 0);
      }
      t += 3600;
      if (f().hour === 0) continue wrap;
    }
    while (m.minute[f().minute] !== true) {
      if (!added) {
        added = true;
        t = Math.floor(t / 60) * 60; // Go Truncate(time.Minute) works on absolute time
      }
      t += 60;
      if (f().minute === 0) continue wrap;
    }
    while (m.second[f().second] !== true) {
      added = true;
      t += 1;
      if (f().second === 0) continue wrap;
    }
    return t;
  }
}

/**
 * Upstream moves to "the last second of the previous hour" with `time.Date(…, hour, 0, 0) − 1s`.
 * When that wall time lies in a DST gap and Go's `time.Date` resolves it to an instant not
 * before `t` (e.g. Pacific/Chatham 2012-09-30, gap 02:45→03:45: 03:00 becomes 04:00), upstream
 * loops forever. Argus steps back by the elapsed part of the hour instead.
 */
function backwards(t: number, candidate: number, elapsed: number, trace: PrevTrace): number {
  if (candidate < t) return candidate;
  trace.upstreamLoopsForever = true;
  return t - elapsed;
}

interface PrevTrace {
  upstreamLoopsForever: boolean;
}

/** Upstream `PrevCronTime` on whole Unix seconds; `undefined` when nothing within five years. */
function specPrev(
  m: Matcher,
  zone: Zone,
  nowSec: number,
  trace: PrevTrace,
): { t: number } | { yearLimit: number } {
  let t = nowSec - 1;
  const f = (): WallFields => zone.fields(t);
  const yearLimit = f().year - 5;
  if (neverMatches(m)) return { yearLimit };
  wrap: for (;;) {
    if (f().year < yearLimit) return { yearLimit };
    while (m.month[f().month] !== true) {
      const w = f();
      t = zone.date(w.year, w.month, 1, 0, 0, 0) - 1;
      if (f().month === 12) continue wrap;
    }
    while (!dayMatches(m, f())) {
      const w = f();
      t = zone.date(w.year, w.month, w.day, 0, 0, 0);
      const h = f().hour;
      if (h !== 0) t += h > 12 ? (24 - h) * 3600 : -h * 3600;
      t -= 1;
      if (w.month !== f().month) continue wrap;
    }
    while (m.hour[f().hour] !== true) {
      const w = f();
      t = backwards(
        t,
        zone.date(w.year, w.month, w.day, w.hour, 0, 0) - 1,
        w.minute * 60 + w.second + 1,
        trace,
      );
      if (f().hour === 23) continue wrap;
    }
    while (m.minute[f().minute] !== true) {
      const w = f();
      t = backwards(t, zone.date(w.year, w.month, w.day, w.hour, w.minute, 0) - 1, w.second + 1, trace);
      if (f().minute === 59) continue wrap;
    }
    while (m.second[f().second] !== true) {
      t -= 1;
      if (f().second === 59) continue wrap;
    }
    return { t };
  }
}

/** `TZ=Local` loads Go's time.Local, which robfig treats like no prefix at all. */
function scheduleZone(prefixZone: string | undefined, options: ScheduleOptions): string {
  if (prefixZone === undefined || prefixZone === 'Local') return options.defaultTimezone ?? 'UTC';
  return prefixZone;
}

function floorSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/**
 * Parses a robfig/cron spec.
 * @throws ExpressionError with robfig's message, e.g. `expected exactly 5 fields, found 6: [...]`,
 *   `parser does not accept descriptors: @daily`, `provided bad location X: unknown time zone X`.
 */
export function parseSchedule(spec: string, options: ScheduleOptions = {}): Schedule {
  const parsed = parseCronSpec(spec, parserOptions(options), (name) => Zone.load(name));
  const timezone = scheduleZone(parsed.zone, options);
  const zone = Zone.load(timezone);
  if (parsed.kind === 'every') {
    const delayMs = Number(parsed.delayNs / 1_000_000n);
    return {
      timezone,
      // robfig ConstantDelaySchedule: drop the sub-second part, add the delay.
      next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delayMs),
    };
  }
  const m = toMatcher(parsed.fields);
  return {
    timezone,
    next: (after) => {
      const t = specNext(m, zone, floorSeconds(after));
      return new Date(t === undefined ? ZERO_TIME_MS : t * 1000);
    },
  };
}

/**
 * robfig's parse error for `spec`, or `undefined` when it parses: what upstream's validators
 * report (calendar `schedule`, `conditionsReset.byTime.cron`; five fields unless `options`
 * say otherwise).
 */
export function checkCronSpec(spec: string, options: ScheduleOptions = {}): string | undefined {
  try {
    parseCronSpec(spec, parserOptions(options), (name) => Zone.load(name));
    return undefined;
  } catch (e) {
    if (e instanceof ExpressionError) return e.message;
    throw e;
  }
}

/**
 * Upstream `PrevCronTime` (pkg/shared/util/cronutil.go): the latest activation strictly
 * before `now` (sub-seconds dropped), used to seed `conditionsReset` after a restart.
 * @throws ExpressionError with upstream's message (`can't derive previous Cron time for cron spec …`).
 */
export function prevCronTime(spec: string, now: Date, options: ScheduleOptions = {}): Date {
  return prevCronTimeInfo(spec, now, options).time;
}

/**
 * {@link prevCronTime} plus whether upstream's implementation would never return for this
 * input (its hour step meets a DST gap that does not start on the hour); Argus still answers.
 */
export function prevCronTimeInfo(
  spec: string,
  now: Date,
  options: ScheduleOptions = {},
): { time: Date; upstreamLoopsForever: boolean } {
  let parsed;
  try {
    parsed = parseCronSpec(spec, parserOptions(options), (name) => Zone.load(name));
  } catch (e) {
    throw new ExpressionError(
      `can't derive previous Cron time for cron spec ${spec}; couldn't parse; err=${(e as Error).message}`,
      { cause: e },
    );
  }
  if (parsed.kind === 'every') {
    throw new ExpressionError(
      `can't derive previous Cron time for cron spec ${spec}: unexpected type for ${formatEvery(parsed.delayNs)}`,
    );
  }
  const zone = Zone.load(scheduleZone(parsed.zone, options));
  const trace: PrevTrace = { upstreamLoopsForever: false };
  const r = specPrev(toMatcher(parsed.fields), zone, floorSeconds(now), trace);
  if ('yearLimit' in r) {
    throw new ExpressionError(
      `can't derive previous Cron time for cron spec ${spec}: no time found within ${r.yearLimit} years`,
    );
  }
  return { time: new Date(r.t * 1000), upstreamLoopsForever: trace.upstreamLoopsForever };
}

/**
 * A fixed-interval schedule as the calendar source builds from `interval`
 * (robfig `ConstantDelaySchedule{Delay}` without `Every`'s rounding): next = after with its
 * sub-second part dropped, plus the interval.
 */
export function intervalSchedule(intervalNs: bigint): Schedule {
  return {
    timezone: 'UTC',
    next: (after) => {
      const ms = after.getTime();
      const wholeSecondMs = Math.floor(ms / 1000) * 1000;
      return new Date(wholeSecondMs + Number(intervalNs) / 1e6);
    },
  };
}
