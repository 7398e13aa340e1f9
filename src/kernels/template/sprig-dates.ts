/**
 * sprig's date functions (date.go) over {@link GoTime}, with the clock and `time.Local`
 * injected through {@link SprigContext}.
 */
import { ANY, GoError, goFunc, type GoFunc } from './func-types.js';
import { GoDuration, GoInt, GoTime, UTC } from './values.js';
import { durationString, formatTime, loadLocation, parseDuration, parseTime, zeroTime } from './go-time.js';
import { parseInt64 } from './sprig-convert.js';
import type { SprigContext } from './sprig.js';

function unixTime(sec: bigint, local: SprigContext['local']): GoTime {
  return new GoTime(Number(sec) * 1000, 0, local);
}

function addDuration(t: GoTime, ns: bigint): GoTime {
  const total = BigInt(t.ms) * 1000000n + BigInt(t.nsRem) + ns;
  let ms = total / 1000000n;
  let rem = total - ms * 1000000n;
  if (rem < 0n) {
    rem += 1000000n;
    ms -= 1n;
  }
  return new GoTime(Number(ms), Number(rem), t.zone);
}

function sinceNs(ctx: SprigContext, t: GoTime): bigint {
  const now = ctx.now();
  return (BigInt(now.ms) - BigInt(t.ms)) * 1000000n + BigInt(now.nsRem - t.nsRem);
}

export function dateFuncs(ctx: SprigContext): Array<[string, GoFunc]> {
  const toTime = (date: unknown): GoTime => {
    if (date instanceof GoTime) return date;
    if (date instanceof GoInt && (date.type === 'int64' || date.type === 'int' || date.type === 'int32')) {
      return unixTime(date.v, ctx.local);
    }
    return ctx.now();
  };
  const dateInZone = (fmt: string, date: unknown, zone: string): string => {
    const t = toTime(date);
    const loc = loadLocation(zone, ctx.local) ?? UTC;
    return formatTime(new GoTime(t.ms, t.nsRem, loc), fmt);
  };
  const dateModify = (fmt: string, date: GoTime): GoTime => {
    try {
      return addDuration(date, parseDuration(fmt));
    } catch {
      return date;
    }
  };
  const mustDateModify = (fmt: string, date: GoTime): GoTime => {
    let d: bigint;
    try {
      d = parseDuration(fmt);
    } catch (e) {
      throw new GoError((e as Error).message);
    }
    return addDuration(date, d);
  };
  const roundSecond = (d: bigint): bigint => {
    // Duration.Round(time.Second): halfway values round away from zero.
    const m = 1000000000n;
    let r = d % m;
    if (d < 0n) {
      r = -r;
      if (r + r < m) return d + r;
      return d - m + r;
    }
    if (r + r < m) return d - r;
    return d + m - r;
  };
  const toDate = (fmt: string, s: string): GoTime => {
    try {
      return parseTime(fmt, s, ctx.local);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('parsing time')) return zeroTime;
      throw e;
    }
  };
  const mustToDate = (fmt: string, s: string): GoTime => {
    try {
      return parseTime(fmt, s, ctx.local);
    } catch (e) {
      throw new GoError((e as Error).message);
    }
  };
  const durationRound = (v: unknown): string => {
    let d = 0n;
    if (typeof v === 'string') {
      try {
        d = parseDuration(v);
      } catch {
        d = 0n;
      }
    } else if (v instanceof GoInt && v.type === 'int64') d = v.v;
    else if (v instanceof GoTime) d = sinceNs(ctx, v);
    let u = d < 0n ? -d : d;
    u = BigInt.asUintN(64, u);
    const second = 1000000000n;
    const minute = 60n * second;
    const hour = 60n * minute;
    const day = 24n * hour;
    const month = 30n * day;
    const year = 365n * day;
    if (u > year) return `${u / year}y`;
    if (u > month) return `${u / month}mo`;
    if (u > day) return `${u / day}d`;
    if (u > hour) return `${u / hour}h`;
    if (u > minute) return `${u / minute}m`;
    if (u > second) return `${u / second}s`;
    return '0s';
  };
  return [
    [
      'ago',
      goFunc([ANY], (date: unknown) => {
        let t: GoTime;
        if (date instanceof GoTime) t = date;
        else if (date instanceof GoInt && (date.type === 'int64' || date.type === 'int'))
          t = unixTime(date.v, ctx.local);
        else t = ctx.now();
        return durationString(roundSecond(sinceNs(ctx, t)));
      }),
    ],
    ['date', goFunc(['string', ANY], (fmt: string, date: unknown) => dateInZone(fmt, date, 'Local'))],
    ['date_in_zone', goFunc(['string', ANY, 'string'], dateInZone)],
    ['dateInZone', goFunc(['string', ANY, 'string'], dateInZone)],
    ['date_modify', goFunc(['string', 'time.Time'], dateModify)],
    ['dateModify', goFunc(['string', 'time.Time'], dateModify)],
    ['must_date_modify', goFunc(['string', 'time.Time'], mustDateModify)],
    ['mustDateModify', goFunc(['string', 'time.Time'], mustDateModify)],
    [
      'duration',
      goFunc([ANY], (sec: unknown) => {
        let n = 0n;
        if (typeof sec === 'string') n = parseInt64(sec, 10) ?? 0n;
        else if (sec instanceof GoInt && sec.type === 'int64') n = sec.v;
        return durationString(BigInt.asIntN(64, n * 1000000000n));
      }),
    ],
    ['durationRound', goFunc([ANY], durationRound)],
    ['htmlDate', goFunc([ANY], (date: unknown) => dateInZone('2006-01-02', date, 'Local'))],
    [
      'htmlDateInZone',
      goFunc([ANY, 'string'], (date: unknown, zone: string) => dateInZone('2006-01-02', date, zone)),
    ],
    ['now', goFunc([], () => ctx.now())],
    ['toDate', goFunc(['string', 'string'], toDate)],
    ['mustToDate', goFunc(['string', 'string'], mustToDate)],
    ['unixEpoch', goFunc(['time.Time'], (t: GoTime) => String(Math.floor(t.ms / 1000)))],
  ];
}

export { GoDuration };
