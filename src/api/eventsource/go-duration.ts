/**
 * Go's `time.ParseDuration`, for validation: the same accepted syntax and the same error
 * texts. Event-source fields such as calendar `interval`, hdfs `checkInterval` and
 * bitbucketserver `checkInterval` are Go duration strings.
 */

const NANOS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1000n],
  ['\u00b5s', 1000n], // U+00B5 micro sign
  ['\u03bcs', 1000n], // U+03BC Greek mu
  ['ms', 1000000n],
  ['s', 1000000000n],
  ['m', 60000000000n],
  ['h', 3600000000000n],
]);

const MAX_INT64 = 9223372036854775807n;

/** Go's `strconv.Quote` for the ASCII/UTF-8 strings durations contain. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** The result of parsing: nanoseconds, or Go's error text. */
export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

/** Parses `text` like Go's `time.ParseDuration` (`"1h30m"`, `"-1.5s"`, `"300ms"`; no `d`). */
export function parseGoDuration(text: string): GoDurationResult {
  const invalid = (): GoDurationResult => ({ ok: false, error: `time: invalid duration ${quote(text)}` });
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0n };
  if (s === '') return invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid();
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    let fraction = '';
    let hasFraction = false;
    if (s.startsWith('.')) {
      s = s.slice(1);
      fraction = /^[0-9]*/.exec(s)![0];
      s = s.slice(fraction.length);
      hasFraction = fraction !== '';
    }
    if (intPart === '' && !hasFraction) return invalid();
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') return { ok: false, error: `time: missing unit in duration ${quote(text)}` };
    s = s.slice(unitMatch.length);
    const unit = NANOS_PER_UNIT.get(unitMatch);
    if (unit === undefined) {
      return { ok: false, error: `time: unknown unit ${quote(unitMatch)} in duration ${quote(text)}` };
    }
    const whole = intPart === '' ? 0n : BigInt(intPart);
    if (whole > MAX_INT64 / unit) return invalid();
    let v = whole * unit;
    if (hasFraction) {
      // Go truncates the fraction towards zero at nanosecond precision.
      const scale = 10n ** BigInt(fraction.length);
      v += (BigInt(fraction) * unit) / scale;
    }
    total += v;
    if (total > MAX_INT64) return invalid();
  }
  return { ok: true, nanoseconds: neg ? -total : total };
}
