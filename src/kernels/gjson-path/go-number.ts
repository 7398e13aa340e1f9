/**
 * Go's number text rules as gjson relies on them: `strconv.ParseFloat(s, 64)` (errors
 * ignored, so a bad string reads as 0) and `strconv.FormatFloat(f, 'f', -1, 64)`.
 * JavaScript's `Number()` is close but trims spaces, reads `0x10` as 16 and rejects
 * `1_000`, `inf` and hex floats, so these are written out here.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*)|(?:\.[0-9a-fA-F]+))[pP]([+-]?\d+)$/;

/** Go `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  const p = s.length >= 2 ? s[1]!.toLowerCase() : '';
  if (s.length >= 2 && s[0] === '0' && (p === 'b' || p === 'o' || p === 'x')) {
    i = 2;
    saw = '0';
    hex = p === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    const l = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && l >= 'a' && l <= 'f')) {
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

/** Go `strconv.ParseFloat(s, 64)` with the error ignored, as gjson uses it. */
export function parseGoFloat(s: string): number {
  const c0 = s.charCodeAt(0);
  // fast path: plain JSON-looking numbers
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    if (DECIMAL.test(s)) return Number(s);
  }
  if (s.length === 0) return 0;
  const lower = s.toLowerCase();
  switch (lower) {
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
    if (!underscoreOK(s)) return 0;
    t = s.replaceAll('_', '');
  }
  if (DECIMAL.test(t)) return Number(t);
  const h = HEX.exec(t);
  if (h !== null) return parseHex(h[1]!, h[2]!, h[3]!);
  return 0;
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
