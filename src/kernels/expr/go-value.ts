/**
 * How govaluate's Go values look from TypeScript: float64 = number, string, bool, nil = null
 * (or undefined), map = plain object, slice = array, compiled pattern = GoRegexp. Plus the Go
 * operations on them that differ from JavaScript's: `%v` text, `reflect.DeepEqual`, interface
 * `==`, and byte-wise (UTF-8) string ordering.
 */
import { formatGoFloatV } from '../go/float.js';

/** A regular expression compiled from a string literal (govaluate PATTERN token, Go `*regexp.Regexp`). */
export class GoRegexp {
  constructor(
    readonly source: string,
    readonly re: RegExp,
  ) {}
}

/** A Go runtime panic, reproduced where govaluate would panic (message as Go prints it). */
export class GoPanic extends Error {
  override name = 'GoPanic';
}

/** Compares strings in UTF-8 byte order (= code point order), as Go's `<` does. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Re-rank UTF-16 units so that their order is code point order.
    if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoRegexp);
}

/** Go `fmt.Sprint(v)` (`%v`). */
export function formatGoValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return formatGoFloatV(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof GoRegexp) return v.source;
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${formatGoValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go `reflect.DeepEqual` on decoded JSON values. */
export function goDeepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') return false; // NaN, or different types
  if (a instanceof GoRegexp || b instanceof GoRegexp) {
    return a instanceof GoRegexp && b instanceof GoRegexp && a.source === b.source;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => goDeepEqual(x, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && goDeepEqual(a[k], b[k]));
  }
  return false;
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainObject(v)) return 'map[string]interface {}';
  return typeof v;
}

/** Go `left == right` on two `interface{}` values (panics on equal uncomparable types). */
export function goInterfaceEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  const ta = goTypeName(a);
  if ((Array.isArray(a) && Array.isArray(b)) || (isPlainObject(a) && isPlainObject(b))) {
    throw new GoPanic(`runtime error: comparing uncomparable type ${ta}`);
  }
  return a === b;
}
