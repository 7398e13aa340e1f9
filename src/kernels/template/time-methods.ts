/**
 * The `time.Time` methods a template may call (`{{ now.Year }}`, `{{ (now).Format "2006" }}`).
 */
import { ANY, goFunc, type GoFunc } from './func-types.js';
import type { GoDuration } from './values.js';
import { GoTime, UTC, int, int64, type GoStringer } from './values.js';
import { formatTime, timeString } from './go-time.js';
import { longDayNames, longMonthNames } from '../go/zone.js';

function named(goType: string, name: string): GoStringer {
  return { goType, goString: () => name, method: () => undefined };
}

function unixNanos(t: GoTime): bigint {
  return BigInt(t.ms) * 1000000n + BigInt(t.nsRem);
}

/** The method `name` of `t`, or undefined. */
export function timeMethod(t: GoTime, name: string): GoFunc | undefined {
  const num = (layout: string): number => Number(formatTime(t, layout));
  switch (name) {
    case 'Year':
      return goFunc([], () => int(num('2006')));
    case 'Month':
      return goFunc([], () => named('time.Month', longMonthNames[num('1') - 1] as string));
    case 'Day':
      return goFunc([], () => int(num('2')));
    case 'Hour':
      return goFunc([], () => int(num('15')));
    case 'Minute':
      return goFunc([], () => int(num('4')));
    case 'Second':
      return goFunc([], () => int(num('5')));
    case 'Nanosecond':
      return goFunc([], () => int(Number(formatTime(t, '.000000000').slice(1))));
    case 'YearDay':
      return goFunc([], () => int(num('002')));
    case 'Weekday':
      return goFunc([], () =>
        named('time.Weekday', longDayNames[longDayNames.indexOf(formatTime(t, 'Monday'))] as string),
      );
    case 'Unix':
      return goFunc([], () => int64(BigInt(Math.floor(t.ms / 1000))));
    case 'UnixMilli':
      return goFunc([], () => int64(BigInt(Math.floor(t.ms))));
    case 'UnixNano':
      return goFunc([], () => int64(unixNanos(t)));
    case 'UTC':
      return goFunc([], () => new GoTime(t.ms, t.nsRem, UTC));
    case 'String':
      return goFunc([], () => timeString(t));
    case 'Format':
      return goFunc(['string'], (layout: string) => formatTime(t, layout));
    case 'IsZero':
      return goFunc([], () => t.ms === -62135596800000 && t.nsRem === 0);
    case 'Add':
      return goFunc(['time.Duration'], (d: GoDuration) => {
        const ns = unixNanos(t) + d.ns;
        const ms = Number(ns / 1000000n);
        return new GoTime(ms, Number(ns - BigInt(ms) * 1000000n), t.zone);
      });
  }
  void ANY;
  return undefined;
}
