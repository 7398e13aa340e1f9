/**
 * Go's time package as sprig's date functions use it: layout formatting (`Format`), layout
 * parsing (`ParseInLocation`), `Time.String()`, `Duration.String()` and `ParseDuration`
 * (go1.19 src/time/format.go), on {@link GoTime} values.
 */
import { GoTime, UTC, type Zone } from './values.js';
import { quote } from '../go/strconv.js';
import {
  civilFromDays,
  daysFromCivil,
  isLeapYear,
  longDayNames,
  longMonthNames,
  Zone as GoZone,
} from '../go/zone.js';

const shortDayNames = longDayNames.map((d) => d.slice(0, 3));
const shortMonthNames = longMonthNames.map((m) => m.slice(0, 3));

// Chunk codes (time.std*).
const enum Std {
  None = 0,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

interface Chunk {
  prefix: string;
  std: Std;
  /** Digits of a fractional-second chunk and its separator. */
  fracDigits: number;
  fracSep: string;
  suffix: string;
}

const std0x = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];

function startsWithLowerCase(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0x61 && c <= 0x7a;
}
function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function nextStdChunk(layout: string): Chunk {
  const mk = (i: number, std: Std, len: number, prefixEnd = i): Chunk => ({
    prefix: layout.slice(0, prefixEnd),
    std,
    fracDigits: 0,
    fracSep: '',
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s: string): boolean => layout.startsWith(s, i);
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return mk(i, Std.LongMonth, 7);
          if (!startsWithLowerCase(layout.slice(i + 3))) return mk(i, Std.Month, 3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return mk(i, Std.LongWeekDay, 6);
          if (!startsWithLowerCase(layout.slice(i + 3))) return mk(i, Std.WeekDay, 3);
        }
        if (at('MST')) return mk(i, Std.TZ, 3);
        break;
      case '0': {
        const n = layout.charCodeAt(i + 1);
        if (n >= 0x31 && n <= 0x36) return mk(i, std0x[n - 0x31] as Std, 2);
        if (at('002')) return mk(i, Std.ZeroYearDay, 3);
        break;
      }
      case '1':
        if (at('15')) return mk(i, Std.Hour, 2);
        return mk(i, Std.NumMonth, 1);
      case '2':
        if (at('2006')) return mk(i, Std.LongYear, 4);
        return mk(i, Std.Day, 1);
      case '_':
        if (layout[i + 1] === '2') {
          if (layout.startsWith('2006', i + 1)) return mk(i + 1, Std.LongYear, 4, i + 1);
          return mk(i, Std.UnderDay, 2);
        }
        if (at('__2')) return mk(i, Std.UnderYearDay, 3);
        break;
      case '3':
        return mk(i, Std.Hour12, 1);
      case '4':
        return mk(i, Std.Minute, 1);
      case '5':
        return mk(i, Std.Second, 1);
      case 'P':
        if (at('PM')) return mk(i, Std.PM, 2);
        break;
      case 'p':
        if (at('pm')) return mk(i, Std.pm, 2);
        break;
      case '-':
        if (at('-070000')) return mk(i, Std.NumSecondsTz, 7);
        if (at('-07:00:00')) return mk(i, Std.NumColonSecondsTZ, 9);
        if (at('-0700')) return mk(i, Std.NumTZ, 5);
        if (at('-07:00')) return mk(i, Std.NumColonTZ, 6);
        if (at('-07')) return mk(i, Std.NumShortTZ, 3);
        break;
      case 'Z':
        if (at('Z070000')) return mk(i, Std.ISO8601SecondsTZ, 7);
        if (at('Z07:00:00')) return mk(i, Std.ISO8601ColonSecondsTZ, 9);
        if (at('Z0700')) return mk(i, Std.ISO8601TZ, 5);
        if (at('Z07:00')) return mk(i, Std.ISO8601ColonTZ, 6);
        if (at('Z07')) return mk(i, Std.ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',': {
        const ch = layout[i + 1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return {
              prefix: layout.slice(0, i),
              std: ch === '0' ? Std.FracSecond0 : Std.FracSecond9,
              fracDigits: j - (i + 1),
              fracSep: c,
              suffix: layout.slice(j),
            };
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: Std.None, fracDigits: 0, fracSep: '', suffix: '' };
}

// ---- civil calendar ----

interface Civil {
  year: number;
  month: number;
  day: number;
  yday: number;
  weekday: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  offset: number;
  abbr: string;
}

function civil(t: GoTime): Civil {
  const { offset, abbr } = t.zone.at(t.ms);
  const msLocal = t.ms + offset * 1000;
  const days = Math.floor(msLocal / 86400000);
  let rem = msLocal - days * 86400000;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(rem / 3600000);
  rem -= hour * 3600000;
  const min = Math.floor(rem / 60000);
  rem -= min * 60000;
  const sec = Math.floor(rem / 1000);
  const msPart = rem - sec * 1000;
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, yday, weekday, hour, min, sec, nsec: msPart * 1e6 + t.nsRem, offset, abbr };
}

function pad(n: number, width: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(width, '0');
  return neg ? '-' + s : s;
}

/** time.Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = '';
  let rest = layout;
  for (;;) {
    const ch = nextStdChunk(rest);
    out += ch.prefix;
    if (ch.std === Std.None) break;
    rest = ch.suffix;
    switch (ch.std) {
      case Std.Year:
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(c.year, 4);
        break;
      case Std.Month:
        out += shortMonthNames[c.month - 1];
        break;
      case Std.LongMonth:
        out += longMonthNames[c.month - 1];
        break;
      case Std.NumMonth:
        out += String(c.month);
        break;
      case Std.ZeroMonth:
        out += pad(c.month, 2);
        break;
      case Std.WeekDay:
        out += shortDayNames[c.weekday];
        break;
      case Std.LongWeekDay:
        out += longDayNames[c.weekday];
        break;
      case Std.Day:
        out += String(c.day);
        break;
      case Std.UnderDay:
        out += (c.day < 10 ? ' ' : '') + String(c.day);
        break;
      case Std.ZeroDay:
        out += pad(c.day, 2);
        break;
      case Std.UnderYearDay:
        out += String(c.yday).padStart(3, ' ');
        break;
      case Std.ZeroYearDay:
        out += pad(c.yday, 3);
        break;
      case Std.Hour:
        out += pad(c.hour, 2);
        break;
      case Std.Hour12:
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case Std.ZeroHour12:
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case Std.Minute:
        out += String(c.min);
        break;
      case Std.ZeroMinute:
        out += pad(c.min, 2);
        break;
      case Std.Second:
        out += String(c.sec);
        break;
      case Std.ZeroSecond:
        out += pad(c.sec, 2);
        break;
      case Std.PM:
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case Std.pm:
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case Std.ISO8601TZ:
      case Std.ISO8601ColonTZ:
      case Std.ISO8601SecondsTZ:
      case Std.ISO8601ShortTZ:
      case Std.ISO8601ColonSecondsTZ:
      case Std.NumTZ:
      case Std.NumColonTZ:
      case Std.NumSecondsTz:
      case Std.NumShortTZ:
      case Std.NumColonSecondsTZ: {
        const iso =
          ch.std === Std.ISO8601TZ ||
          ch.std === Std.ISO8601ColonTZ ||
          ch.std === Std.ISO8601SecondsTZ ||
          ch.std === Std.ISO8601ShortTZ ||
          ch.std === Std.ISO8601ColonSecondsTZ;
        if (iso && c.offset === 0) {
          out += 'Z';
          break;
        }
        let zone = Math.trunc(c.offset / 60);
        let absoffset = c.offset;
        if (zone < 0) {
          out += '-';
          zone = -zone;
          absoffset = -absoffset;
        } else {
          out += '+';
        }
        out += pad(Math.trunc(zone / 60), 2);
        if (ch.std === Std.ISO8601ColonTZ || ch.std === Std.NumColonTZ) out += ':';
        if (ch.std === Std.ISO8601ColonSecondsTZ || ch.std === Std.NumColonSecondsTZ) out += ':';
        if (ch.std !== Std.NumShortTZ && ch.std !== Std.ISO8601ShortTZ) out += pad(zone % 60, 2);
        if (
          ch.std === Std.ISO8601SecondsTZ ||
          ch.std === Std.NumSecondsTz ||
          ch.std === Std.NumColonSecondsTZ ||
          ch.std === Std.ISO8601ColonSecondsTZ
        ) {
          if (ch.std === Std.NumColonSecondsTZ || ch.std === Std.ISO8601ColonSecondsTZ) out += ':';
          out += pad(absoffset % 60, 2);
        }
        break;
      }
      case Std.TZ:
        if (c.abbr !== '') {
          out += c.abbr;
          break;
        }
        {
          let z = Math.trunc(c.offset / 60);
          if (z < 0) {
            out += '-';
            z = -z;
          } else {
            out += '+';
          }
          out += pad(Math.trunc(z / 60), 2) + pad(z % 60, 2);
        }
        break;
      case Std.FracSecond0:
        out += ch.fracSep + pad(c.nsec, 9).slice(0, ch.fracDigits);
        break;
      case Std.FracSecond9: {
        let digits = pad(c.nsec, 9).slice(0, ch.fracDigits);
        digits = digits.replace(/0+$/, '');
        if (digits !== '') out += ch.fracSep + digits;
        break;
      }
    }
  }
  return out;
}

/** time.Time.String() (no monotonic reading: injected clocks have none). */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

// ---- zones ----

const zoneCache = new Map<string, Zone | null>();

/** A fixed-offset zone (time.FixedZone). */
export function fixedZone(name: string, offset: number): Zone {
  return { name, at: () => ({ offset, abbr: name }) };
}

/** time.LoadLocation: `""`/`UTC` ⇒ UTC, `Local` ⇒ `local`, an IANA name via Intl; undefined if unknown. */
export function loadLocation(name: string, local: Zone): Zone | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return local;
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  let zone: Zone | null = null;
  if (/^[A-Za-z0-9_+\-/]+$/.test(name) && !name.startsWith('/') && !name.includes('..')) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      if (resolved.toLowerCase() === name.toLowerCase()) {
        // One second's offset, as Go reads it from tzdata; the instant is whole seconds.
        const rules = GoZone.load(resolved);
        const offsetOf = (ms: number): number => rules.exactOffset(Math.floor(ms / 1000));
        zone = {
          name,
          at(ms: number) {
            const offset = offsetOf(ms);
            // Before a zone's first rule tzdata uses local mean time, an offset in odd seconds.
            let abbr = offset % 60 !== 0 ? 'LMT' : abbreviation(name, ms, offsetOf);
            if (abbr === '') {
              // Go uses numeric abbreviations (+03) for zones without a letter abbreviation.
              const a = Math.abs(offset);
              const hh = pad(Math.trunc(a / 3600), 2);
              const mm = Math.trunc((a % 3600) / 60);
              abbr = offset === 0 ? 'GMT' : (offset < 0 ? '-' : '+') + hh + (mm ? pad(mm, 2) : '');
            }
            return { offset, abbr };
          },
        };
      }
    } catch {
      zone = null;
    }
  }
  zoneCache.set(name, zone);
  return zone ?? undefined;
}

const abbrevLocales = ['en-US', 'en-GB', 'ja-JP', 'en-IN', 'en-AU', 'en-HK', 'en-SG'];
const abbrevFormatters = new Map<string, Intl.DateTimeFormat[]>();

/** The zone's letter abbreviation at `ms` from ICU (first locale that has one), or ''. */
function abbreviation(zone: string, ms: number, offsetAt?: (ms: number) => number): string {
  let fs = abbrevFormatters.get(zone);
  if (fs === undefined) {
    fs = abbrevLocales.map((l) => new Intl.DateTimeFormat(l, { timeZone: zone, timeZoneName: 'short' }));
    abbrevFormatters.set(zone, fs);
  }
  const at = (t: number): string => {
    for (const f of fs) {
      const v = f.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? '';
      if (/^[A-Z]{2,5}$/.test(v) && v !== 'GMT' && v !== 'UTC') return v;
    }
    return '';
  };
  const direct = at(ms);
  if (direct !== '' || offsetAt === undefined) return direct;
  // CLDR names zones only from some year on; an older instant with today's offset gets today's name.
  const off = offsetAt(ms);
  for (const ref of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
    if (offsetAt(ref) === off) return at(ref);
  }
  return '';
}

// ---- durations ----

const unitNs: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

/** time.ParseDuration; throws Error with Go's text. */
export function parseDuration(s0: string): bigint {
  const orig = s0;
  let s = s0;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new Error(`time: invalid duration ${quote(orig)}`);
  let totalBig = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    const intPart = m[1] ?? '';
    const fracPart = m[2];
    if (intPart === '' && (fracPart === undefined || fracPart === '')) {
      throw new Error(`time: invalid duration ${quote(orig)}`);
    }
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    const u = s.slice(0, i);
    s = s.slice(i);
    if (u === '') throw new Error(`time: missing unit in duration ${quote(orig)}`);
    const unit = unitNs[u];
    if (unit === undefined) throw new Error(`time: unknown unit ${quote(u)} in duration ${quote(orig)}`);
    let v = BigInt(intPart === '' ? '0' : intPart) * unit;
    if (fracPart !== undefined && fracPart !== '') {
      const scale = 10n ** BigInt(fracPart.length);
      v += (BigInt(fracPart) * unit) / scale;
    }
    totalBig += v;
    if (totalBig > 9223372036854775807n) throw new Error(`time: invalid duration ${quote(orig)}`);
  }
  return neg ? -totalBig : totalBig;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let s = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) s = String(digit) + s;
    v /= 10n;
  }
  if (print) s = '.' + s;
  return [s, v];
}

/** time.Duration.String(). */
export function durationString(d: bigint): string {
  let u = d < 0n ? -d : d;
  const neg = d < 0n;
  let out: string;
  if (u < 1000000000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1000000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = String(rest) + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = String(u % 60n) + frac + 's';
    u /= 60n;
    if (u > 0n) {
      out = String(u % 60n) + 'm' + out;
      u /= 60n;
      if (u > 0n) out = String(u) + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

// ---- parsing ----

class ParseFail {
  constructor(
    readonly layoutElem: string,
    readonly valueElem: string,
    readonly message: string,
  ) {}
}

function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) {
    if (fixed) return undefined;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] | undefined {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [n, s.slice(i)];
}

function lookup(tab: readonly string[], val: string): [number, string] | undefined {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i] as string;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) {
      return [i, val.slice(v.length)];
    }
  }
  return undefined;
}

/** time.skip: the value after the prefix, and whether it matched (the value is partly consumed on failure). */
function skipPrefix(value: string, prefix: string): [string, boolean] {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return [value, false];
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}

function atoiStrict(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^\d+/.exec(value.slice(1));
  if (m === null) return 0;
  if (Number(m[0]) > 23) return 0;
  return 1 + m[0].length;
}

/** time.parseTimeZone: the length of a zone abbreviation at the start of value, 0 if none. */
function parseTimeZoneLen(value: string): number {
  if (value.length < 3) return 0;
  if (value.length >= 4 && (value.slice(0, 4) === 'ChST' || value.slice(0, 4) === 'MeST')) return 4;
  if (value.slice(0, 3) === 'GMT') {
    const rest = value.slice(3);
    return rest.length === 0 ? 3 : 3 + parseSignedOffset(rest);
  }
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= 'A' && value[n]! <= 'Z') n++;
  switch (n) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.slice(0, 4) === 'WITA' ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

/** time.ParseInLocation(layout, value, loc); throws Error with Go's ParseError text. */
export function parseTime(layout0: string, value0: string, loc: Zone): GoTime {
  try {
    return parseInner(layout0, value0, loc);
  } catch (e) {
    if (e instanceof ParseFail) {
      if (e.message === '') {
        throw new Error(
          `parsing time ${quote(value0)} as ${quote(layout0)}: cannot parse ${quote(e.valueElem)} as ${quote(e.layoutElem)}`,
        );
      }
      throw new Error(`parsing time ${quote(value0)}${e.message}`);
    }
    throw e;
  }
}

function parseInner(layout0: string, value0: string, loc: Zone): GoTime {
  let layout = layout0;
  let value = value0;
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let utc = false;
  let zoneOffset = -1;
  let zoneName = '';
  for (;;) {
    const ch = nextStdChunk(layout);
    const stdstr = layout.slice(ch.prefix.length, layout.length - ch.suffix.length);
    const [rest, ok] = skipPrefix(value, ch.prefix);
    value = rest;
    if (!ok) throw new ParseFail(ch.prefix, value, '');
    if (ch.std === Std.None) {
      if (value.length !== 0) throw new ParseFail('', value, `: extra text: ${quote(value)}`);
      break;
    }
    layout = ch.suffix;
    let bad = false;
    let rangeErr = '';
    const num = (fixed: boolean): number => {
      const r = getnum(value, fixed);
      if (r === undefined) {
        bad = true;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (ch.std) {
      case Std.Year: {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const y = atoiStrict(value.slice(0, 2));
        if (y === undefined) {
          bad = true;
          break;
        }
        value = value.slice(2);
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case Std.LongYear: {
        if (value.length < 4 || !isDigitAt(value, 0)) {
          bad = true;
          break;
        }
        const y = atoiStrict(value.slice(0, 4));
        value = value.slice(4);
        if (y === undefined) bad = true;
        else year = y;
        break;
      }
      case Std.Month:
      case Std.LongMonth: {
        const r = lookup(ch.std === Std.Month ? shortMonthNames : longMonthNames, value);
        if (r === undefined) bad = true;
        else [month, value] = [r[0] + 1, r[1]];
        break;
      }
      case Std.NumMonth:
      case Std.ZeroMonth:
        month = num(ch.std === Std.ZeroMonth);
        if (!bad && (month <= 0 || month > 12)) rangeErr = 'month';
        break;
      case Std.WeekDay:
      case Std.LongWeekDay: {
        const r = lookup(ch.std === Std.WeekDay ? shortDayNames : longDayNames, value);
        if (r === undefined) bad = true;
        else value = r[1];
        break;
      }
      case Std.Day:
      case Std.UnderDay:
      case Std.ZeroDay:
        if (ch.std === Std.UnderDay && value[0] === ' ') value = value.slice(1);
        day = num(ch.std === Std.ZeroDay);
        break;
      case Std.UnderYearDay:
      case Std.ZeroYearDay: {
        // Day-of-year parsing is accepted but only validated loosely.
        for (let k = 0; k < 2; k++)
          if (ch.std === Std.UnderYearDay && value[0] === ' ') value = value.slice(1);
        const r = getnum3(value, ch.std === Std.ZeroYearDay);
        if (r === undefined) bad = true;
        else [yday, value] = r;
        break;
      }
      case Std.Hour:
        hour = num(false);
        if (hour < 0 || hour >= 24) rangeErr = 'hour';
        break;
      case Std.Hour12:
      case Std.ZeroHour12:
        hour = num(ch.std === Std.ZeroHour12);
        if (hour < 0 || hour > 12) rangeErr = 'hour';
        break;
      case Std.Minute:
      case Std.ZeroMinute:
        min = num(ch.std === Std.ZeroMinute);
        if (min < 0 || min >= 60) rangeErr = 'minute';
        break;
      case Std.Second:
      case Std.ZeroSecond: {
        sec = num(ch.std === Std.ZeroSecond);
        if (sec < 0 || sec >= 60) {
          rangeErr = 'second';
          break;
        }
        if (!bad && value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
          const nx = nextStdChunk(layout);
          if (nx.std === Std.FracSecond0 || nx.std === Std.FracSecond9) break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          const ns = parseNanos(value, n);
          if (ns === undefined) bad = true;
          else nsec = ns;
          // Go advances past the digits even when they do not parse.
          value = value.slice(n);
        }
        break;
      }
      case Std.PM:
      case Std.pm: {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [PMs, AMs] = ch.std === Std.PM ? ['PM', 'AM'] : ['pm', 'am'];
        if (p === PMs) pmSet = true;
        else if (p === AMs) amSet = true;
        else bad = true;
        break;
      }
      case Std.ISO8601TZ:
      case Std.ISO8601ColonTZ:
      case Std.ISO8601SecondsTZ:
      case Std.ISO8601ShortTZ:
      case Std.ISO8601ColonSecondsTZ:
      case Std.NumTZ:
      case Std.NumShortTZ:
      case Std.NumColonTZ:
      case Std.NumSecondsTz:
      case Std.NumColonSecondsTZ: {
        if (
          (ch.std === Std.ISO8601TZ || ch.std === Std.ISO8601ShortTZ || ch.std === Std.ISO8601ColonTZ) &&
          value[0] === 'Z'
        ) {
          value = value.slice(1);
          utc = true;
          break;
        }
        let sign: string, hh: string, mm: string, ss: string;
        if (ch.std === Std.ISO8601ColonTZ || ch.std === Std.NumColonTZ) {
          if (value.length < 6 || value[3] !== ':') {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(4, 6),
            '00',
            value.slice(6),
          ];
        } else if (ch.std === Std.NumShortTZ || ch.std === Std.ISO8601ShortTZ) {
          if (value.length < 3) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [value.slice(0, 1), value.slice(1, 3), '00', '00', value.slice(3)];
        } else if (ch.std === Std.ISO8601ColonSecondsTZ || ch.std === Std.NumColonSecondsTZ) {
          if (value.length < 9 || value[3] !== ':' || value[6] !== ':') {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(4, 6),
            value.slice(7, 9),
            value.slice(9),
          ];
        } else if (ch.std === Std.ISO8601SecondsTZ || ch.std === Std.NumSecondsTz) {
          if (value.length < 7) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(3, 5),
            value.slice(5, 7),
            value.slice(7),
          ];
        } else {
          if (value.length < 5) {
            bad = true;
            break;
          }
          [sign, hh, mm, ss, value] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(3, 5),
            '00',
            value.slice(5),
          ];
        }
        const h = atoiStrict(hh);
        const m2 = atoiStrict(mm);
        const s2 = atoiStrict(ss);
        if (h === undefined || m2 === undefined || s2 === undefined) {
          bad = true;
          break;
        }
        zoneOffset = (h * 60 + m2) * 60 + s2;
        if (sign === '-') zoneOffset = -zoneOffset;
        else if (sign !== '+') bad = true;
        break;
      }
      case Std.TZ: {
        if (value.startsWith('UTC')) {
          utc = true;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZoneLen(value);
        if (n === 0) {
          bad = true;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case Std.FracSecond0: {
        const ndigit = 1 + ch.fracDigits;
        if (value.length < ndigit) {
          bad = true;
          break;
        }
        const ns = parseNanos(value, ndigit);
        if (ns === undefined) bad = true;
        else nsec = ns;
        value = value.slice(ndigit);
        break;
      }
      case Std.FracSecond9: {
        if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i < 9 && i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        const ns = parseNanos(value, 1 + i);
        if (ns === undefined) bad = true;
        else nsec = ns;
        value = value.slice(1 + i);
        break;
      }
    }
    if (rangeErr !== '') throw new ParseFail(stdstr, value, `: ${rangeErr} out of range`);
    if (bad) throw new ParseFail(stdstr, value, '');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeapYear(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) throw new ParseFail('', value, ': day-of-year out of range');
    if (m === 0) {
      const daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = Math.floor((yday - 1) / 31) + 1;
      if ((daysBefore[m] as number) < yday) m++;
      d = yday - (daysBefore[m - 1] as number);
    }
    if (month >= 0 && month !== m) throw new ParseFail('', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw new ParseFail('', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw new ParseFail('', value, ': day out of range');
  const days = daysFromCivil(year, month, day);
  const wallMs = days * 86400000 + ((hour * 60 + min) * 60 + sec) * 1000 + Math.floor(nsec / 1e6);
  const nsRem = nsec % 1e6;
  if (utc) return new GoTime(wallMs, nsRem, UTC);
  if (zoneOffset !== -1) {
    const ms = wallMs - zoneOffset * 1000;
    const local = loc.at(ms);
    if (local.offset === zoneOffset) return new GoTime(ms, nsRem, loc);
    return new GoTime(ms, nsRem, fixedZone('', zoneOffset));
  }
  if (zoneName !== '') {
    const local = loc.at(wallMs);
    if (local.abbr === zoneName) return new GoTime(wallMs - local.offset * 1000, nsRem, loc);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    return new GoTime(wallMs - offset * 1000, nsRem, fixedZone(zoneName, offset));
  }
  // Wall time in `loc`: adjust by the zone's offset at that instant.
  const off = loc.at(wallMs).offset;
  return new GoTime(wallMs - off * 1000, nsRem, loc);
}

/** time.parseNanoseconds; undefined when the separator or digits are bad. */
function parseNanos(value: string, nbytes: number): number | undefined {
  if (value[0] !== '.' && value[0] !== ',') return undefined;
  if (nbytes > 10) nbytes = 10;
  const digits = value.slice(1, nbytes);
  if (!/^[+-]?\d+$/.test(digits)) return undefined;
  let ns = Number(digits);
  if (ns < 0) return undefined;
  for (let i = 0; i < 10 - nbytes; i++) ns *= 10;
  return ns;
}

/** The zero time.Time (`0001-01-01 00:00:00 +0000 UTC`). */
export const zeroTime = new GoTime(daysFromCivil(1, 1, 1) * 86400000, 0, UTC);
