/**
 * Conversions sprig builds on: spf13/cast's ToInt64/ToInt/ToFloat64 (as vendored with sprig
 * 3.2.3 in Debian), sprig's `strval`, Go's float→int conversion and strconv parsing.
 */
import { GoDuration, GoInt, GoTime, goInt, isStringer } from './values.js';
import { sprintf } from './fmt.js';
import { timeString, durationString } from './go-time.js';
import { parseGoInt, tryParseGoFloat } from '../go/strconv.js';

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

/** Go's int64(f) on amd64: truncation; NaN and out-of-range give math.MinInt64. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f)) return MIN_INT64;
  const t = Math.trunc(f);
  if (t >= 9223372036854775808 || t < -9223372036854775808) return MIN_INT64;
  return BigInt(t);
}

/** strconv.ParseInt(s, base, 64); undefined on any error (syntax or range). */
export function parseInt64(s: string, base: number): bigint | undefined {
  const v = parseGoInt(s, base);
  if (v === undefined || v < MIN_INT64 || v > MAX_INT64) return undefined;
  return v;
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    switch (s[i - 1]) {
      case '.':
        if (foundZero) return s.slice(0, i - 1);
        break;
      case '0':
        foundZero = true;
        break;
      default:
        return s;
    }
  }
  return s;
}

/** cast.ToInt64 (errors give 0). */
export function toInt64(v: unknown): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.v);
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'string':
      return parseInt64(trimZeroDecimal(v), 0) ?? 0n;
    case 'boolean':
      return v ? 1n : 0n;
  }
  if (v instanceof GoDuration) return v.ns;
  return 0n;
}

/** cast.ToFloat64 (errors give 0). */
export function toFloat64(v: unknown): number {
  if (v instanceof GoInt) return Number(v.v);
  switch (typeof v) {
    case 'number':
      return v;
    case 'string':
      return tryParseGoFloat(v) ?? 0;
    case 'boolean':
      return v ? 1 : 0;
  }
  if (v instanceof GoDuration) return Number(v.ns);
  return 0;
}

export const toGoInt = (v: unknown): GoInt => goInt('int', toInt64(v));
export const toGoInt64 = (v: unknown): GoInt => goInt('int64', toInt64(v));

/** sprig's strval: strings as is, Stringers through String(), everything else `%v`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoTime) return timeString(v);
  if (v instanceof GoDuration) return durationString(v.ns);
  if (isStringer(v)) return v.goString();
  return sprintf('%v', [v]);
}
