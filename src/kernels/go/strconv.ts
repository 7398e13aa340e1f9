/**
 * Go's `strconv` where JavaScript differs: `ParseFloat(s, 64)` (JavaScript's `Number()` trims
 * spaces, reads `0x10` as 16 and rejects `1_000`, `inf` and hex floats), `ParseBool`,
 * `FormatFloat` in every format (exact round-half-even on the binary value), `Quote`,
 * `QuoteToASCII`, `QuoteRune` and `CanBackquote`, with Go's error texts.
 */
import { ExpressionError } from '../../shared/errors.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*)|(?:\.[0-9a-fA-F]+))[pP]([+-]?\d+)$/;

/**
 * Go `strconv.underscoreOK`: underscores only between digits or after a base prefix
 * (`0b`, `0o`, `0x`), as base-0 integer and float literals allow them.
 */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  const p = s[1];
  if (
    s.length >= 2 &&
    s[0] === '0' &&
    (p === 'b' || p === 'B' || p === 'o' || p === 'O' || p === 'x' || p === 'X')
  ) {
    i = 2;
    saw = '0';
    hex = p === 'x' || p === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * The integer Go's `strconv.ParseInt(s, base, …)` reads, without a size limit: an optional sign;
 * base 0 takes the `0x`, `0o`, `0b` and `0` prefixes and underscores between digits, bases 2–36
 * take digits only. Undefined on a syntax error; callers check the range they need.
 */
export function parseGoInt(s0: string, base: number): bigint | undefined {
  if (s0 === '') return undefined;
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let b = base;
  let allowUnderscore = false;
  if (base === 0) {
    allowUnderscore = true;
    b = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && /[xX]/.test(s[1] as string)) {
        b = 16;
        s = s.slice(2);
      } else if (s.length >= 3 && /[oO]/.test(s[1] as string)) {
        b = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && /[bB]/.test(s[1] as string)) {
        b = 2;
        s = s.slice(2);
      } else {
        b = 8;
        s = s.slice(1);
        if (s === '') return 0n;
      }
    }
  }
  if (s === '') return undefined;
  let v = 0n;
  let underscores = false;
  const bb = BigInt(b);
  for (const c of s) {
    if (c === '_' && allowUnderscore) {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= b) return undefined;
    v = v * bb + BigInt(d);
  }
  if (underscores && !underscoreOK(s0)) return undefined;
  return neg ? -v : v;
}

function parseHex(sign: string, mant: string, exp: string): number {
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const fracDigits = dot < 0 ? 0 : mant.length - dot - 1;
  let m = digits === '' ? 0n : BigInt('0x' + digits);
  let e = Number(exp) - 4 * fracDigits; // value = m × 2^e
  let v: number;
  if (m === 0n) v = 0;
  else {
    const top = m.toString(2).length - 1 + e; // weight of the leading bit
    if (top >= 1024) v = Infinity;
    else if (top < -1075)
      v = 0; // below half the smallest subnormal
    else {
      // Keep the bits a float64 holds there (53, fewer for subnormals down to 2^-1074) and round
      // half to even on the rest, once: Number(m) * 2 ** e rounds twice below 2^-1022 and
      // underflows when 2^e alone is below 2^-1074.
      const shift = Math.max(top - 52, -1074) - e;
      if (shift > 0) {
        const s = BigInt(shift);
        const rest = m & ((1n << s) - 1n);
        const half = 1n << (s - 1n);
        m >>= s;
        if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
        e += shift;
      }
      v = Number(m) * 2 ** e; // exact: m has at most 53 bits and 2^e is representable
    }
  }
  return sign === '-' ? -v : v;
}

/** The float64 `s` denotes in Go's syntax, or undefined when Go reports a syntax error. */
function readGoFloat(s: string): number | undefined {
  const c0 = s.charCodeAt(0);
  // fast path: plain JSON-looking numbers
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    if (DECIMAL.test(s)) return Number(s);
  }
  if (s.length === 0) return undefined;
  switch (s.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
      return NaN;
  }
  let t = s;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    t = s.replaceAll('_', '');
  }
  if (DECIMAL.test(t)) return Number(t);
  const h = HEX.exec(t);
  if (h !== null) return parseHex(h[1]!, h[2]!, h[3]!);
  return undefined;
}

/**
 * Go `strconv.ParseFloat(s, 64)` with the error ignored, as gjson uses it: a syntax error
 * reads as 0, an out-of-range value as ±Inf.
 */
export function parseGoFloat(s: string): number {
  return readGoFloat(s) ?? 0;
}

/**
 * Go `strconv.ParseFloat(s, 64)` where any error counts: undefined on a syntax error and when
 * the value overflows float64 (Go's ErrRange), as callers that drop the value on error see it.
 */
export function tryParseGoFloat(s: string): number | undefined {
  const f = readGoFloat(s);
  if (f === undefined || (!Number.isFinite(f) && !Number.isNaN(f) && !/inf/i.test(s))) return undefined;
  return f;
}

/**
 * Go `strconv.ParseFloat(s, 64)`.
 * @throws ExpressionError `strconv.ParseFloat: parsing "<s>": invalid syntax`, or
 *   `… value out of range` when the value overflows float64.
 */
export function parseGoFloatStrict(s: string): number {
  const f = readGoFloat(s);
  if (f === undefined)
    throw new ExpressionError(`strconv.ParseFloat: parsing ${quoteGoLiteral(s)}: invalid syntax`);
  if (!Number.isFinite(f) && !Number.isNaN(f) && !/inf/i.test(s)) {
    throw new ExpressionError(`strconv.ParseFloat: parsing ${quoteGoLiteral(s)}: value out of range`);
  }
  return f;
}

const trueValues = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseValues = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Go `strconv.ParseBool`.
 * @throws ExpressionError `strconv.ParseBool: parsing "<s>": invalid syntax`.
 */
export function parseGoBool(s: string): boolean {
  if (trueValues.has(s)) return true;
  if (falseValues.has(s)) return false;
  throw new ExpressionError(`strconv.ParseBool: parsing ${quoteGoLiteral(s)}: invalid syntax`);
}

/** Go `strconv.FormatFloat(f, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatGoFloat(f: number): string {
  // fast path: integers print as JavaScript prints them below 1e21
  if (Number.isInteger(f) && Math.abs(f) < 1e21 && !Object.is(f, -0)) return String(f);
  return formatFloat(f, 'f', -1);
}

interface Digits {
  /** Significant decimal digits without leading or trailing zeros ('' for zero). */
  d: string;
  /** Decimal point position: value = 0.d × 10^dp. */
  dp: number;
}

const f64 = new DataView(new ArrayBuffer(8));

/** The exact decimal expansion of a finite positive double. */
function exactDigits(x: number): Digits {
  const { bexp, mant } = floatParts(x);
  const e = bexp - 1075;
  let s: string;
  let pointFromRight: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    pointFromRight = 0;
  } else {
    s = (mant * 5n ** BigInt(-e)).toString();
    pointFromRight = -e;
  }
  return trimDigits(s, s.length - pointFromRight);
}

function trimDigits(s: string, dp: number): Digits {
  let start = 0;
  while (start < s.length && s[start] === '0') start++;
  let end = s.length;
  while (end > start && s[end - 1] === '0') end--;
  if (start === end) return { d: '', dp: 0 };
  return { d: s.slice(start, end), dp: dp - start };
}

/** The shortest digits that read back as `x` (JS and Go agree on these). */
function shortestDigits(x: number): Digits {
  const s = x.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) throw new Error(`unexpected exponent form ${s}`);
  const d = (m[1] as string) + (m[2] ?? '');
  return trimDigits(d, Number(m[3]) + 1);
}

/** Rounds to `nd` significant digits, half to even on the exact value. */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (x.d.length <= nd) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = next >= 5;
  if (!up) return trimDigits(x.d.slice(0, nd), x.dp);
  let i = nd - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return trimDigits(x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), x.dp);
}

function fmtE(neg: boolean, x: Digits, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += x.d.length === 0 ? '0' : (x.d[0] as string);
  if (prec > 0) {
    s += '.';
    let frac = x.d.slice(1, 1 + prec);
    frac += '0'.repeat(prec - frac.length);
    s += frac;
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  s += ch;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else {
    s += '+';
  }
  s += exp < 10 ? '0' + String(exp) : String(exp);
  return s;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    const intPart = x.d.slice(0, x.dp);
    s += intPart + '0'.repeat(x.dp - intPart.length);
  } else {
    s += '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      s += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return s;
}

/** Sign, biased exponent (1 for subnormals) and 53-bit mantissa (implicit bit set) of a double. */
function floatParts(x: number): { neg: boolean; bexp: number; mant: bigint } {
  f64.setFloat64(0, x);
  const hi = f64.getUint32(0);
  const lo = f64.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { neg: hi >>> 31 === 1, bexp: 1, mant };
  return { neg: hi >>> 31 === 1, bexp, mant: mant | (1n << 52n) };
}

/** strconv's 'b' format: decimal mantissa, binary exponent (`-7357656935170048p-38`). */
function formatFloatB(x: number): string {
  const { neg, bexp, mant } = floatParts(x);
  const exp = bexp - 1075;
  return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : '-'}${Math.abs(exp)}`;
}

/** strconv's 'x'/'X' format: hexadecimal mantissa and binary exponent (`-0x1.0a37p+16`). */
function formatFloatX(x: number, prec: number, fmt: 'x' | 'X'): string {
  const parts = floatParts(x);
  const neg = parts.neg;
  let mant = parts.mant;
  let exp = parts.bexp - 1023;
  if (mant === 0n) exp = 0;
  const M60 = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & M60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (M60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hexd = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hexd[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hexd[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  out += e < 10 ? '0' + String(e) : String(e);
  return out;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in b e E f g G x X. */
export function formatFloat(
  x: number,
  fmt: 'b' | 'e' | 'E' | 'f' | 'g' | 'G' | 'x' | 'X',
  prec: number,
): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (fmt === 'b') return formatFloatB(x);
  if (fmt === 'x' || fmt === 'X') return formatFloatX(x, prec, fmt);
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = ax === 0 ? { d: '', dp: 0 } : shortestDigits(ax);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(digs.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(digs.d.length - digs.dp, 0);
        break;
      default:
        prec = digs.d.length;
    }
  } else {
    const exact = ax === 0 ? { d: '', dp: 0 } : exactDigits(ax);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDigits(exact, prec + 1);
        break;
      case 'f':
        digs = roundDigits(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        digs = roundDigits(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, digs, prec, fmt);
    case 'f':
      return fmtF(neg, digs, prec);
  }
  let eprec = prec;
  const nd = digs.d.length;
  const dp = digs.dp;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return fmtE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (prec > dp) prec = nd;
  return fmtF(neg, digs, Math.max(prec - dp, 0));
}

const printableRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return printableRe.test(String.fromCodePoint(r));
}

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCharCode(r);
  // An invalid UTF-8 byte kept as U+DC80+b (see go-strings decodeUtf8Go).
  if (r >= 0xdc80 && r <= 0xdcff) return '\\x' + (r - 0xdc00).toString(16).padStart(2, '0');
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + r.toString(16).padStart(2, '0');
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

/** strconv.Quote (asciiOnly: QuoteToASCII). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) as number, 0x22, asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune (asciiOnly: QuoteRuneToASCII). */
export function quoteRune(r: number, asciiOnly = false): string {
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 0x27, asciiOnly) + "'";
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (r === 0xfeff) return false;
    if (r < 0x80) {
      if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f) return false;
    } else if (r === 0xfffd) {
      return false;
    }
  }
  return true;
}

/**
 * Go `strconv.Quote` of a string Go holds as valid UTF-8: a lone surrogate becomes U+FFFD, as
 * Go's `string(rune)` makes of it (where {@link quote} reads U+DC80..U+DCFF as raw bytes).
 */
export function quoteGoLiteral(s: string): string {
  return quote(s.replace(/\p{Cs}/gu, '\ufffd'));
}
