/**
 * Conversions sprig builds on: spf13/cast's ToInt64/ToInt/ToFloat64 (as vendored with sprig
 * 3.2.3 in Debian), sprig's `strval`, Go's float→int conversion and strconv parsing.
 */
import { GoDuration, GoInt, GoTime, goInt, isStringer } from './values.js';
import { sprintf } from './fmt.js';
import { timeString, durationString } from './go-time.js';
import { parseGoInt, underscoreOK } from '../go/strconv.js';

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

/** strconv.ParseFloat(s, 64); undefined on a syntax or range error. */
export function parseFloat64(s0: string): number | undefined {
  let s = s0;
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special !== null) {
    if ((special[2] as string).toLowerCase() === 'nan') return special[1] === '' ? NaN : undefined;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (s.includes('_')) {
    if (!/^[+-]?0[xXbBoO]/.test(s) || !underscoreOK(s)) return undefined;
    s = s.replaceAll('_', '');
  }
  const hexm = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hexm !== null) {
    const [, sign, ip = '', fp = '', ex = '0'] = hexm;
    if (ip === '' && fp === '') return undefined;
    let m = 0;
    for (const c of ip + fp) m = m * 16 + parseInt(c, 16);
    const v = m * Math.pow(2, Number(ex) - 4 * fp.length);
    return sign === '-' ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined;
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
      return parseFloat64(v) ?? 0;
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
