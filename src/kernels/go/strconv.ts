/**
 * Go's `strconv` where JavaScript differs: `ParseFloat(s, 64)` (JavaScript's `Number()` trims
 * spaces, reads `0x10` as 16 and rejects `1_000`, `inf` and hex floats), `ParseBool`,
 * `FormatFloat(f, 'f', -1, 64)` and `Quote`, with Go's error texts.
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

function parseHex(sign: string, mant: string, exp: string): number {
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const fracDigits = dot < 0 ? 0 : mant.length - dot - 1;
  let m = digits === '' ? 0n : BigInt('0x' + digits);
  let e = Number(exp) - 4 * fracDigits;
  let v: number;
  if (m === 0n) v = 0;
  else {
    // Keep at most 64 significant bits (sticky bit for the rest) so Number() rounds once.
    const bits = m.toString(2).length;
    if (bits > 64) {
      const shift = BigInt(bits - 64);
      const lost = m & ((1n << shift) - 1n);
      m = (m >> shift) | (lost !== 0n ? 1n : 0n);
      e += bits - 64;
    }
    v = Number(m) * 2 ** e;
    if (!Number.isFinite(2 ** e)) v = e > 0 ? Infinity : 0;
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
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  const neg = f < 0;
  const e = Math.abs(f).toExponential(); // shortest round-trip digits
  const at = e.indexOf('e');
  const digits = e.slice(0, at).replace('.', '');
  const exp = Number(e.slice(at + 1));
  let out: string;
  if (exp >= digits.length - 1) out = digits + '0'.repeat(exp - digits.length + 1);
  else if (exp >= 0) out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  else out = '0.' + '0'.repeat(-exp - 1) + digits;
  return neg ? '-' + out : out;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const shortEscapes: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/**
 * Go `strconv.Quote`: `"` and `\` escaped, `\a \b \f \n \r \t \v`, other ASCII controls as `\xNN`,
 * printable Unicode (letters, marks, numbers, punctuation, symbols, ASCII space) kept, other
 * code points as `\uXXXX` / `\UXXXXXXXX`. A lone surrogate becomes U+FFFD, as Go's
 * `string(rune)` makes of it.
 */
export function quoteGoLiteral(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r === 0x22 || r === 0x5c) out += '\\' + ch;
    else if (r >= 0x20 && r < 0x7f) out += ch;
    else if (r >= 0xd800 && r <= 0xdfff) out += '\ufffd';
    else if (r >= 0x80 && printable.test(ch)) out += ch;
    else if (shortEscapes[r] !== undefined) out += shortEscapes[r];
    else if (r < 0x80) out += '\\x' + r.toString(16).padStart(2, '0');
    else if (r < 0x10000) out += '\\u' + r.toString(16).padStart(4, '0');
    else out += '\\U' + r.toString(16).padStart(8, '0');
  }
  return out + '"';
}
