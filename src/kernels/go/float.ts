/**
 * Go float64 behaviour that JavaScript numbers do not share: `math.Pow` (Go's own algorithm,
 * which rounds differently from V8's `**`), float-to-integer conversions as the amd64 Go
 * compiler emits them (out-of-range values become the "integer indefinite" 0x8000…), and the
 * `%v` text of a float64.
 */

const view = new DataView(new ArrayBuffer(8));
const shift = 52n;
const mask = 0x7ffn;
const bias = 1023n;
const two63 = 2 ** 63;
const minInt64 = -(2n ** 63n);
const uint64Mask = 2n ** 64n - 1n;

function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, b & uint64Mask);
  return view.getFloat64(0);
}

function normalize(x: number): [number, number] {
  if (Math.abs(x) < 2.2250738585072014e-308) return [x * 2 ** 52, -52];
  return [x, 0];
}

/** Go `math.Frexp`. */
export function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  const [n, e] = normalize(f);
  let x = bitsOf(n);
  const exp = e + Number((x >> shift) & mask) - Number(bias) + 1;
  x &= ~(mask << shift);
  x |= (bias - 1n) << shift;
  return [fromBits(x), exp];
}

/** Go `math.Ldexp`. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [n, e] = normalize(frac);
  exp += e;
  let x = bitsOf(n);
  exp += Number((x >> shift) & mask) - Number(bias);
  if (exp < -1075) return frac < 0 || Object.is(frac, -0) ? -0 : 0;
  if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 1 / 2 ** 53;
  }
  x &= ~(mask << shift);
  x |= BigInt(exp + Number(bias)) << shift;
  return m * fromBits(x);
}

/** Go `int64(f)` on amd64 (CVTTSD2SQ): NaN and out-of-range values give math.MinInt64. */
export function toInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= two63 || f < -two63) return minInt64;
  return BigInt(Math.trunc(f));
}

/** Go `uint64(f)` on amd64. */
export function toUint64(f: number): bigint {
  if (f < two63) return toInt64(f) & uint64Mask;
  // The compiler subtracts 2^63, converts, and sets the top bit back.
  return (toInt64(f - two63) | minInt64) & uint64Mask;
}

function isOddInt(x: number): boolean {
  const xi = Math.trunc(x);
  return x - xi === 0 && (toInt64(xi) & 1n) === 1n;
}

/**
 * Go `math.Pow`. The fractional part uses `Math.exp`/`Math.log`, which may differ from Go's
 * amd64 assembly `Exp`/`Log` in the last bit; integer exponents match exactly.
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return isOddInt(y) ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity;
    if (y > 0) return isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === (y === Infinity)) return 0;
    return Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x === -Infinity) return goPow(1 / x, -y);
    if (y < 0) return 0;
    if (y > 0) return Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= two63) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === y > 0) return 0;
    return Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** Go `fmt.Sprintf("%v", f)` for a float64 (strconv `g`, shortest): `%e` form below 1e-4 or from 1e6. */
export function formatGoFloatV(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  const neg = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exp >= 0) {
    text =
      digits.length <= exp + 1
        ? digits + '0'.repeat(exp + 1 - digits.length)
        : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else {
    text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return neg ? `-${text}` : text;
}
