/**
 * Go `time.Duration`: parsing (`time.ParseDuration`, e.g. `1h30m`, `500ms`, `1.5h`, `-1m`,
 * `300us`, `µs`) with Go's exact error messages, and formatting (`Duration.String()`).
 * Durations are nanoseconds held in a bigint (Go's int64).
 */
import { ExpressionError } from '../shared/errors.js';
import { toUint64 } from './go/float.js';

const units: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const two63 = 1n << 63n;
const encoder = new TextEncoder();

/** Go `time.quote`: double quotes, `\x..` bytes for control and non-ASCII characters. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of encoder.encode(c)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (c === '"' || c === '\\') out += '\\';
      out += c;
    }
  }
  return out + '"';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function invalid(orig: string): ExpressionError {
  return new ExpressionError(`time: invalid duration ${quoteGo(orig)}`);
}

/**
 * Parses a Go duration string into nanoseconds (`time.ParseDuration`).
 * @throws ExpressionError with Go's message, e.g. `time: missing unit in duration "5"`,
 *   `time: unknown unit "d" in duration "1d"`, `time: invalid duration "x"`.
 */
export function parseGoDuration(s: string): bigint {
  const orig = s;
  let d = 0n;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(orig);
  while (s !== '') {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid(orig);
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > two63 / 10n) throw invalid(orig);
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > two63) throw invalid(orig);
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (two63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > two63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid(orig);
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) throw new ExpressionError(`time: missing unit in duration ${quoteGo(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = units[u];
    if (unit === undefined) {
      throw new ExpressionError(`time: unknown unit ${quoteGo(u)} in duration ${quoteGo(orig)}`);
    }
    if (v > two63 / unit) throw invalid(orig);
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64 (nanosecond-accurate up to hours).
      v += toUint64(Number(f) * (Number(unit) / scale));
      if (v > two63) throw invalid(orig);
    }
    d += v;
    if (d > two63) throw invalid(orig);
  }
  if (neg) return -d;
  if (d > two63 - 1n) throw invalid(orig);
  return d;
}

/** The outcome of {@link tryParseGoDuration}: nanoseconds, or Go's error text. */
export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

/** {@link parseGoDuration} for validators: Go's error text as a value instead of a throw. */
export function tryParseGoDuration(s: string): GoDurationResult {
  try {
    return { ok: true, nanoseconds: parseGoDuration(s) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Like {@link parseGoDuration}, in milliseconds (fractions of a millisecond kept as decimals). */
export function parseGoDurationMs(s: string): number {
  return Number(parseGoDuration(s)) / 1e6;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  return [print ? `.${out}` : '', v];
}

/** Go `Duration.String()`: `1h30m0s`, `500ms`, `1.5µs`, `0s`, `-1m0s`. */
export function formatGoDuration(ns: bigint): string {
  const neg = ns < 0n;
  let u = BigInt.asUintN(64, neg ? -ns : ns);
  let text: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1_000n) [prec, unit] = [0, 'ns'];
    else if (u < 1_000_000n) [prec, unit] = [3, 'µs'];
    else [prec, unit] = [6, 'ms'];
    const [frac, rest] = fmtFrac(u, prec);
    text = `${rest}${frac}${unit}`;
  } else {
    const [frac, rest] = fmtFrac(u, 9);
    u = rest;
    text = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}
