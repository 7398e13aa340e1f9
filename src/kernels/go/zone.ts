/**
 * Go's `time.Location` for one IANA zone, as robfig/cron's algorithm, the time filters and the
 * validators rely on it: `time.LoadLocation`, wall-clock fields of an instant
 * (`t.In(loc).Hour()`…), and `time.Date` (wall clock → instant, including Go's choice for wall
 * times that do not exist or exist twice around DST changes).
 * Instants are whole Unix seconds. Zone rules come from the runtime's ICU data (Intl).
 */
import { ExpressionError } from '../../shared/errors.js';

/** Wall-clock fields of an instant in a zone. `month` is 1–12, `weekday` 0 (Sunday)–6. */
export interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** Month names as Go's `time.Month.String()` writes them, January first. */
export const longMonthNames: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Day names as Go's `time.Weekday.String()` writes them, Sunday first. */
export const longDayNames: readonly string[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Whether `y` is a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days since 1970-01-01 of a proleptic Gregorian date; month and day may overflow, as Go's `time.Date` allows. */
export function daysFromCivil(y0: number, m0: number, d: number): number {
  const my = Math.floor((m0 - 1) / 12);
  let y = y0 + my;
  const m = m0 - my * 12;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 → [year, month 1–12, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Wall fields of `wall` seconds read as UTC. */
export function civilFromSeconds(wall: number): WallFields {
  const days = Math.floor(wall / 86400);
  const secs = wall - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor(secs / 60) % 60,
    second: secs % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const wallPattern = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** An IANA time zone (Go `*time.Location`). */
export class Zone {
  private readonly formatter: Intl.DateTimeFormat | undefined;
  private readonly cache = new Map<number, number>();
  private readonly hourCache = new Map<number, number>();
  private readonly dayCache = new Map<number, number>();
  private readonly mixedDays = new Set<number>();

  private constructor(readonly name: string) {
    this.formatter =
      name === 'UTC'
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone: name,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  static readonly utc = new Zone('UTC');
  private static readonly loaded = new Map<string, Zone>();

  /**
   * Go `time.LoadLocation`: `""` and `"UTC"` are UTC; `"Local"` is UTC too (upstream runs in
   * UTC containers). Other names must be IANA zones known to the runtime.
   * @throws ExpressionError with Go's message (`unknown time zone X`, `time: invalid location name`).
   */
  static load(name: string): Zone {
    if (name === '' || name === 'UTC' || name === 'Local') return Zone.utc;
    const known = Zone.loaded.get(name);
    if (known !== undefined) return known;
    if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
      throw new ExpressionError('time: invalid location name');
    }
    let zone: Zone;
    try {
      zone = new Zone(name);
    } catch {
      throw new ExpressionError(`unknown time zone ${name}`);
    }
    // ICU matches names case-insensitively; Go opens a file, so case matters.
    const resolved = zone.formatter?.resolvedOptions().timeZone ?? name;
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
      throw new ExpressionError(`unknown time zone ${name}`);
    }
    Zone.loaded.set(name, zone);
    return zone;
  }

  /** Offset east of UTC, in seconds, at the instant `unix`. */
  offset(unix: number): number {
    if (this.formatter === undefined) return 0;
    // Offsets are constant within almost every day (and hour): when a day (or hour) starts and
    // ends with the same offset, remember it for all of it; otherwise look each second up.
    const day = Math.floor(unix / 86400);
    const byDay = this.dayCache.get(day);
    if (byDay !== undefined) return byDay;
    const hour = Math.floor(unix / 3600);
    const byHour = this.hourCache.get(hour);
    if (byHour !== undefined) return byHour;
    if (!this.mixedDays.has(day)) {
      const start = this.exactOffset(day * 86400);
      if (start === this.exactOffset(day * 86400 + 86399)) {
        if (this.dayCache.size > 1_000_000) this.dayCache.clear();
        this.dayCache.set(day, start);
        return start;
      }
      this.mixedDays.add(day);
    }
    const start = this.exactOffset(hour * 3600);
    if (start === this.exactOffset(hour * 3600 + 3599)) {
      if (this.hourCache.size > 200_000) this.hourCache.clear();
      this.hourCache.set(hour, start);
      return start;
    }
    return this.exactOffset(unix);
  }

  /**
   * Offset east of UTC, in seconds, at the instant `unix`, looked up for that very second
   * ({@link offset} assumes one offset for a day or hour that starts and ends with it).
   */
  exactOffset(unix: number): number {
    const hit = this.cache.get(unix);
    if (hit !== undefined) return hit;
    // format() + a regex is ~5x faster than formatToParts(); en-US output is stable:
    // "11/14/2023 AD, 17:13:20".
    const m = wallPattern.exec(this.formatter!.format(unix * 1000));
    if (m === null) throw new ExpressionError(`cannot read the wall clock of zone ${this.name}`);
    let y = Number(m[3]);
    const mo = Number(m[1]);
    const d = Number(m[2]);
    const h = Number(m[5]);
    const mi = Number(m[6]);
    const s = Number(m[7]);
    const bc = m[4] === 'BC';
    if (bc) y = 1 - y;
    const off = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - unix;
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(unix, off);
    return off;
  }

  /** Wall-clock fields of the instant `unix` in this zone. */
  fields(unix: number): WallFields {
    return civilFromSeconds(unix + this.offset(unix));
  }

  /**
   * Go `time.Date(y, mo, d, h, mi, s, 0, loc)`: fields may overflow and are normalised; a wall
   * time in a DST gap or overlap resolves as Go does (offset looked up at the wall time read as
   * UTC, then re-checked at the resulting instant).
   */
  date(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
    const wall = daysFromCivil(y, mo, 1) * 86400 + (d - 1) * 86400 + h * 3600 + mi * 60 + s;
    const first = this.offset(wall);
    if (first === 0) return wall;
    return wall - this.offset(wall - first);
  }
}
